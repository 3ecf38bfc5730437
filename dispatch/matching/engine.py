"""The matching engine: tonight's groups to tonight's places, lexicographically.

Sites never share beds, so each is solved on its own, in two phases:

1. Who is housed (levels 1-4: vulnerable people, people, recent nights without a bed,
   arrival). Interchangeable groups and places are gathered into classes (`classes.py`) and an
   integer program over the classes is solved level by level with HiGHS (`program.py`,
   `stages.py`).
2. Where they sleep (levels 5-7: last night's host, a shared language, fewer groups per
   place), over finer classes, with the housed groups fixed so levels 1-4 cannot move.

Effort is counted in branch-and-bound nodes, never in seconds, so the same evening gets the
same answer on a quiet or a busy machine. A level left unproven keeps the best solution found
(if one of levels 1-3 is, never worse than the queue at the meeting point; for levels 5-7,
never worse than the first phase's places) and is named in `Result.unproven`, its gap in `gap`.
Arrival order (level 4) is usually among them: its neighbourhood point is kept unproven.

Where a place needs a ride, the program also counts the groups each class of cars drives (one
trip per group), so both phases only send to such a place the groups tonight's cars can
bring there; the cars themselves are handed out last (`cars.py`).

The counts are turned into concrete pairs (`handout.py`) and every pair is re-checked against
the hard rules, with each group's type derived from its head counts, and every ride against
its car, before it leaves (`assemble.verify`).
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from dispatch.matching import assemble, cars, classes, intake, program
from dispatch.matching.explain import unplaced_reasons
from dispatch.matching.greedy import first_come
from dispatch.matching.handout import hand_out
from dispatch.matching.model import Evening, Group, Place, Reason, Result
from dispatch.matching.score import LEVELS, arrival_weights, score

WHO = (0, 1, 2, 3)  # levels decided by which groups are housed
WHERE = (4, 5, 6)  # levels decided by where the housed groups go


@dataclass
class _Site:
    """One site's outcome."""

    placed: dict[int, Place]
    reasons: dict[int, Reason]
    gap: float = 0.0
    unproven: set[int] = field(default_factory=set)
    nodes: int = 0
    solves: int = 0
    driven: dict[int, int] = field(default_factory=dict)  # group id -> car id


def match(
    evening: Evening, *, effort: program.Effort = program.DEFAULT, workers: int = 1
) -> Result:
    """The lexicographically best matching, within a node budget (`effort`).

    With `workers` > 1, sites are solved in that many processes at once (they share nothing);
    the answer is the same either way. Raises MalformedEvening (a ValueError) on input no
    matching can make sense of.
    """
    start = time.perf_counter()
    intake.validate(evening)
    weights = arrival_weights(evening.groups)
    tasks = [(site, evening.blocked_pairs, weights, effort) for site in assemble.sites(evening)]
    if workers > 1 and len(tasks) > 1:
        # "spawn": forking a threaded process (the bot runs the engine in a thread) is unsafe.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context) as pool:
            outcomes = list(pool.map(_solve_site, *zip(*tasks, strict=True)))
    else:
        outcomes = [_solve_site(*task) for task in tasks]
    placed = {g: p for outcome in outcomes for g, p in outcome.placed.items()}
    reasons = {g: r for outcome in outcomes for g, r in outcome.reasons.items()}
    driven = {g: car for outcome in outcomes for g, car in outcome.driven.items()}
    unproven = set().union(*(outcome.unproven for outcome in outcomes))
    return assemble.result(
        evening,
        placed,
        reasons,
        max((outcome.gap for outcome in outcomes), default=0.0),
        time.perf_counter() - start,
        unproven=tuple(LEVELS[level] for level in sorted(unproven)),
        nodes=sum(outcome.nodes for outcome in outcomes),
        solves=sum(outcome.solves for outcome in outcomes),
        driven=driven,
    )


def _solve_site(
    site: assemble.Site,
    blocked: frozenset[tuple[int, int]],
    weights: dict[int, int],
    effort: program.Effort,
) -> _Site:
    """Both phases on one site: who is housed, then where."""
    model = classes.build(site.groups, site.places, blocked, cars=site.cars)
    solution = program.solve(model, weights, levels=WHO, effort=effort)
    placed = hand_out(model, solution)
    if not effort.prove.isdisjoint(solution.unproven):
        # A level that should be proven is not: never do worse than the queue would have.
        placed = max(placed, first_come(model), key=lambda option: _who_score(site, option))
    outcome = _Site({}, {}, solution.gap, set(solution.unproven), solution.nodes, solution.solves)
    placed = _refine(site, placed, blocked, effort, outcome)
    outcome.driven = cars.hand_out(site.groups, placed, site.cars)
    # Never happens (the program counts the trips): a group no car can take stays at the
    # meeting point rather than being sent to a door nobody drives to.
    outcome.placed = {
        g: place for g, place in placed.items() if not place.needs_ride or g in outcome.driven
    }
    outcome.reasons = unplaced_reasons(model, outcome.placed)
    return outcome


def _refine(
    site: assemble.Site,
    placed: dict[int, Place],
    blocked: frozenset[tuple[int, int]],
    effort: program.Effort,
    outcome: _Site,
) -> dict[int, Place]:
    """Keep the housed groups, and choose their places for continuity, language, fewer shares.

    Every housed group stays housed, so levels 1-4 keep their values; the refined matching is
    kept only if it is at least as good on levels 5-7.
    """
    housed = [group for group in site.groups if group.id in placed]
    if not housed:
        return placed
    model = classes.build(housed, site.places, blocked, fine=True, cars=site.cars)
    solution = program.solve(
        model, {}, levels=WHERE, place_all=True, effort=effort, start=placed,
        riders=_riders(model, placed),
    )  # fmt: skip
    outcome.nodes += solution.nodes
    outcome.solves += solution.solves
    if not outcome.unproven:  # the gap reported is that of the most important unproven level
        outcome.gap = solution.gap
    outcome.unproven |= set(solution.unproven)
    refined = hand_out(model, solution)
    if refined.keys() != placed.keys():
        outcome.unproven |= set(WHERE)
        return placed
    return max(refined, placed, key=lambda option: _where_score(housed, site, option))


def _riders(model: classes.SiteClasses, placed: dict[int, Place]) -> dict[int, int]:
    """Per fine class, how many of its groups the first phase sent to a place that needs a
    ride. Groups of a class ride alike (type, size, children), so sending no more of them
    there keeps the placement drivable by the same cars, without counting cars again."""
    return {
        c: sum(placed[g.id].needs_ride for g in cls.members if g.id in placed)
        for c, cls in enumerate(model.groups)
    }


def _who_score(site: assemble.Site, placed: dict[int, Place]) -> tuple[int, ...]:
    """Levels 1-4 of a placement, as a key to maximise."""
    return score(site.groups, site.places, {g: p.id for g, p in placed.items()})[:4]


def _where_score(
    housed: list[Group], site: assemble.Site, placed: dict[int, Place]
) -> tuple[int, int, int]:
    """Levels 5-7 of a placement, as a key to maximise."""
    values = score(housed, site.places, {g: p.id for g, p in placed.items()})
    return values[4], values[5], -values[6]
