"""The lexicographic objective, scored on a concrete assignment.

One definition shared by the engine, the greedy baseline, the tests and the benchmark, so that
"the engine reached these values" means the same thing everywhere. Levels, most important first:

1. vulnerable people housed (women and children, the whole group if medical);
2. people housed;
3. people housed weighted by the nights they were recently left without a bed;
4. arrival: each housed person weighs (groups at the site - arrival rank of their group), so
   earlier arrivals weigh more;
5. groups kept with last night's host;
6. groups sharing a language with their host;
7. groups sharing a place with another group (the only level that is minimised).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from dispatch.matching.model import Group, Place

LEVELS: tuple[str, ...] = (
    "vulnerable",
    "people",
    "waited",
    "arrival",
    "same_host",
    "shared_language",
    "shared_places",
)


def priority(group: Group) -> tuple[int, int]:
    """First come, first served; the request id breaks ties so the order is total."""
    return (group.arrival, group.id)


def arrival_weights(groups: Iterable[Group]) -> dict[int, int]:
    """Per group, the level-4 weight of one of its people: earlier arrivals weigh more."""
    by_site: dict[int, list[Group]] = defaultdict(list)
    for group in groups:
        by_site[group.site_id].append(group)
    weights: dict[int, int] = {}
    for members in by_site.values():
        members.sort(key=priority)
        for rank, group in enumerate(members):
            weights[group.id] = len(members) - rank
    return weights


def shared_language(group: Group, place: Place) -> str | None:
    """The language they can speak together, alphabetically first when several."""
    common = group.languages & place.languages
    return min(common) if common else None


def score(
    groups: Iterable[Group], places: Iterable[Place], placed: Mapping[int, int]
) -> tuple[int, ...]:
    """The seven level values of `placed` (group id -> place id)."""
    group_list = list(groups)
    place_by_id = {place.id: place for place in places}
    weights = arrival_weights(group_list)
    values = [0] * len(LEVELS)
    per_place: Counter[int] = Counter()
    for group in group_list:
        place_id = placed.get(group.id)
        if place_id is None:
            continue
        place = place_by_id[place_id]
        per_place[place_id] += 1
        values[0] += group.vulnerable
        values[1] += group.size
        values[2] += group.size * group.nights_without_bed
        values[3] += group.size * weights[group.id]
        values[4] += int(group.previous_host_id == place.host_id)
        values[5] += int(shared_language(group, place) is not None)
    values[6] = sum(count - 1 for count in per_place.values())
    return tuple(values)
