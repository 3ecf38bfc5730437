"""From counts per class to concrete pairs: who, exactly, sleeps where.

Inside a group class everyone scores alike except arrival, so the first groups in priority
order are the ones housed; inside a place class every place is alike, so places take the
patterns in id order. Both choices are deterministic.
"""

from __future__ import annotations

from collections import defaultdict, deque

from dispatch.matching.classes import SiteClasses
from dispatch.matching.model import Group, Place
from dispatch.matching.program import Solution


def hand_out(site: SiteClasses, solution: Solution) -> dict[int, Place]:
    """Group id -> place, realising the solution's counts exactly."""
    staying = _staying(site, solution)
    queues = _queues(site, solution)
    sent: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (c, q), count in sorted(solution.pairs.items()):
        sent[q].append((c, count))
    placed: dict[int, Place] = {}
    for q in sorted(sent.keys() | staying.keys()):
        arriving = staying[q] + [
            queues[c].popleft() for c, count in sent[q] for _ in range(count) if queues[c]
        ]
        placed.update(_fill(site, solution, q, arriving))
    return placed


def _staying(site: SiteClasses, solution: Solution) -> dict[int, list[Group]]:
    """Groups kept with last night's host, by the place class they stay in."""
    staying: dict[int, list[Group]] = defaultdict(list)
    for c, group_id, q in site.stays:
        if solution.stays.get(group_id) == q:
            staying[q].extend(g for g in site.groups[c].members if g.id == group_id)
    return staying


def _queues(site: SiteClasses, solution: Solution) -> dict[int, deque[Group]]:
    """Per group class, the groups housed elsewhere, first in priority order first."""
    kept = set(solution.stays)
    counts: dict[int, int] = defaultdict(int)
    for (c, _), count in solution.pairs.items():
        counts[c] += count
    return {
        c: deque([g for g in site.groups[c].members if g.id not in kept][:count])
        for c, count in counts.items()
    }


def _fill(site: SiteClasses, solution: Solution, q: int, arriving: list[Group]) -> dict[int, Place]:
    """The groups arriving at place class q, given to its places by the solution's patterns."""
    place_class = site.places[q]
    if not place_class.patterns:
        return {group.id: place_class.rep for group in arriving}
    by_size: dict[int, deque[Group]] = defaultdict(deque)
    for group in arriving:
        by_size[group.size].append(group)
    placed: dict[int, Place] = {}
    places = iter(place_class.members)
    for p, pattern in enumerate(place_class.patterns):
        for _ in range(solution.patterns.get((q, p), 0)):
            place = next(places, None)
            if place is None:
                break
            for size in pattern:
                if by_size[size]:  # counts agree at any integer solution; never trust blindly
                    placed[by_size[size].popleft().id] = place
    return placed
