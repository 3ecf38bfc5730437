"""What the engine and the greedy baseline share: sites, the safety net and
the final Result with its reasons and scores."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from dispatch.matching.explain import assignment_reasons
from dispatch.matching.model import Assignment, Evening, Group, Place, Reason, Result, Unplaced
from dispatch.matching.rules import compatible
from dispatch.matching.score import priority, score


@dataclass(frozen=True)
class Site:
    id: int
    groups: tuple[Group, ...]  # in priority order
    places: tuple[Place, ...]  # by id, eligible or not


def sites(evening: Evening) -> list[Site]:
    """Each site's groups and places: sites never share beds, so they are solved apart."""
    groups: dict[int, list[Group]] = defaultdict(list)
    places: dict[int, list[Place]] = defaultdict(list)
    for group in evening.groups:
        groups[group.site_id].append(group)
    for place in evening.places:
        places[place.site_id].append(place)
    return [
        Site(
            site,
            tuple(sorted(groups[site], key=priority)),
            tuple(sorted(places.get(site, ()), key=lambda p: p.id)),
        )
        for site in sorted(groups)
    ]


def verify(evening: Evening, placed: Mapping[int, Place]) -> None:
    """The last line of defence: never hand out a pair that breaks a hard rule."""
    load: Counter[int] = Counter()
    for group in evening.groups:
        place = placed.get(group.id)
        if place is None:
            continue
        if compatible(group, place, evening.blocked_pairs) is not None:
            raise RuntimeError(f"matching bug: group {group.id} may not go to place {place.id}")
        load[place.id] += group.size
        if load[place.id] > place.beds:
            raise RuntimeError(f"matching bug: place {place.id} over its beds")


def result(
    evening: Evening,
    placed: Mapping[int, Place],
    reasons: Mapping[int, Reason],
    gap: float,
    seconds: float,
    *,
    unproven: tuple[str, ...] = (),
    nodes: int = 0,
    solves: int = 0,
) -> Result:
    """Assignments and unplaced groups in request-id order, with their reasons and scores."""
    verify(evening, placed)
    scarce = {g.site_id for g in evening.groups if g.id not in placed}
    ordered = sorted(evening.groups, key=lambda g: g.id)
    assignments = tuple(
        Assignment(g.id, placed[g.id].id, assignment_reasons(g, placed[g.id], g.site_id in scarce))
        for g in ordered
        if g.id in placed
    )
    unplaced = tuple(
        Unplaced(g.id, reasons.get(g.id, Reason("no_place_at_site")))
        for g in ordered
        if g.id not in placed
    )
    placed_ids = {group: place.id for group, place in placed.items()}
    objective = score(evening.groups, evening.places, placed_ids)
    return Result(assignments, unplaced, objective, gap, seconds, unproven, nodes, solves)
