"""What the engine and the greedy baseline share: sites, the safety net and
the final Result with its reasons and scores."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from dispatch.matching import cars as rides
from dispatch.matching.explain import assignment_reasons
from dispatch.matching.model import (
    Assignment,
    Car,
    Evening,
    Group,
    Place,
    Reason,
    Result,
    Unplaced,
)
from dispatch.matching.rules import compatible
from dispatch.matching.score import priority, score


@dataclass(frozen=True)
class Site:
    id: int
    groups: tuple[Group, ...]  # in priority order
    places: tuple[Place, ...]  # by id, eligible or not
    cars: tuple[Car, ...] = ()  # by id


def sites(evening: Evening) -> list[Site]:
    """Each site's groups and places: sites never share beds, so they are solved apart."""
    groups: dict[int, list[Group]] = defaultdict(list)
    places: dict[int, list[Place]] = defaultdict(list)
    cars: dict[int, list[Car]] = defaultdict(list)
    for car in evening.cars:
        cars[car.site_id].append(car)
    for group in evening.groups:
        groups[group.site_id].append(group)
    for place in evening.places:
        places[place.site_id].append(place)
    return [
        Site(
            site,
            tuple(sorted(groups[site], key=priority)),
            tuple(sorted(places.get(site, ()), key=lambda p: p.id)),
            tuple(sorted(cars.get(site, ()), key=lambda c: c.id)),
        )
        for site in sorted(groups)
    ]


def verify(
    evening: Evening, placed: Mapping[int, Place], driven: Mapping[int, int] | None = None
) -> None:
    """The last line of defence: never hand out a pair that breaks a hard rule, nor a ride."""
    rides.check(evening.groups, placed, driven or {}, evening.cars)
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
    driven: Mapping[int, int] | None = None,
) -> Result:
    """Assignments and unplaced groups in request-id order, with their reasons, scores and
    cars (`driven`: group id -> car id, for the places that need a ride)."""
    driven = driven or {}
    verify(evening, placed, driven)
    scarce = {g.site_id for g in evening.groups if g.id not in placed}
    ordered = sorted(evening.groups, key=lambda g: g.id)
    assignments = tuple(
        Assignment(
            g.id,
            placed[g.id].id,
            assignment_reasons(g, placed[g.id], g.site_id in scarce),
            driven.get(g.id),
        )
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
