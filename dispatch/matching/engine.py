"""The matching engine: tonight's groups to tonight's places, lexicographically.

Sites never share beds, so each is solved on its own, in two phases:

1. Who is housed (levels 1-4: vulnerable people, people, recent nights without a bed,
   arrival). Interchangeable groups and places are gathered into classes (`classes.py`) and an
   integer program over the classes is solved level by level with HiGHS (`program.py`,
   `stages.py`); every stage is proven optimal unless the time limit cuts it (then `gap`).
2. Where they sleep (levels 5-7: last night's host, a shared language, fewer groups per
   place), over finer classes, with the housed groups fixed so levels 1-4 cannot move. Proven
   optimal on small sites; on large ones, the best in the LP-guided neighbourhood.

The counts are turned into concrete pairs (`handout.py`) and every pair is re-checked against
the hard rules before it leaves (`assemble.verify`).
"""

from __future__ import annotations

import time

from dispatch.matching import assemble, classes, program
from dispatch.matching.explain import unplaced_reasons
from dispatch.matching.greedy import NO_BOUND, first_come
from dispatch.matching.handout import hand_out
from dispatch.matching.model import Evening, Group, Place, Reason, Result
from dispatch.matching.score import arrival_weights, score

WHO = (0, 1, 2, 3)  # levels decided by which groups are housed
WHERE = (4, 5, 6)  # levels decided by where the housed groups go


def match(evening: Evening, *, time_limit: float = 10.0) -> Result:
    """The lexicographically best matching, within a budget of `time_limit` seconds.

    The budget is shared between sites by their number of groups; each HiGHS call still gets
    `stages.MIN_TIME`, so a tiny budget can be overrun slightly. `gap` is 0 when level 1 is
    proven optimal. Raises ValueError on malformed input (duplicate ids, empty groups...).
    """
    start = time.perf_counter()
    deadline = start + time_limit
    assemble.validate(evening)
    weights = arrival_weights(evening.groups)
    placed: dict[int, Place] = {}
    reasons: dict[int, Reason] = {}
    gap = 0.0
    todo = assemble.sites(evening)
    waiting = sum(len(site.groups) for site in todo)
    for site in todo:
        # Each site gets a share of the time left in proportion to its groups.
        share = (deadline - time.perf_counter()) * len(site.groups) / waiting
        waiting -= len(site.groups)
        model = classes.build(site.groups, site.places, evening.blocked_pairs)
        deadline_site = time.perf_counter() + share
        solution = program.solve(model, weights, deadline_site, levels=WHO)
        site_placed = {} if solution is None else hand_out(model, solution)
        site_gap = NO_BOUND if solution is None else solution.gap
        if solution is None or not solution.optimal:
            # Out of time: never do worse than the queue would have done.
            queue = first_come(model)
            site_placed = max(site_placed, queue, key=lambda option: _who_score(site, option))
        site_placed = _refine(site, site_placed, evening, deadline_site)
        placed.update(site_placed)
        reasons.update(unplaced_reasons(model, site_placed))
        gap = max(gap, site_gap)
    return assemble.result(evening, placed, reasons, gap, time.perf_counter() - start)


def _refine(
    site: assemble.Site, placed: dict[int, Place], evening: Evening, deadline: float
) -> dict[int, Place]:
    """Keep the housed groups, and choose their places for continuity, language, fewer shares.

    Every housed group stays housed, so levels 1-4 keep their optimal values; the refined
    matching is kept only if it is at least as good on levels 5-7.
    """
    housed = [group for group in site.groups if group.id in placed]
    if not housed:
        return placed
    model = classes.build(housed, site.places, evening.blocked_pairs, fine=True)
    solution = program.solve(model, {}, deadline, levels=WHERE, place_all=True, exact=False)
    if solution is None:
        return placed
    refined = hand_out(model, solution)
    if refined.keys() != placed.keys():
        return placed
    return max(refined, placed, key=lambda option: _where_score(housed, site, option))


def _who_score(site: assemble.Site, placed: dict[int, Place]) -> tuple[int, ...]:
    """Levels 1-4 of a placement, as a key to maximise."""
    return score(site.groups, site.places, {g: p.id for g, p in placed.items()})[:4]


def _where_score(
    housed: list[Group], site: assemble.Site, placed: dict[int, Place]
) -> tuple[int, int, int]:
    """Levels 5-7 of a placement, as a key to maximise."""
    values = score(housed, site.places, {g: p.id for g, p in placed.items()})
    return values[4], values[5], -values[6]
