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
    kept = set(solution.stays)
    staying: dict[int, list[Group]] = defaultdict(list)
    for c, group_id, q in site.stays:
        if solution.stays.get(group_id) == q:
            staying[q].extend(g for g in site.groups[c].members if g.id == group_id)
    counts: dict[int, int] = defaultdict(int)
    for (c, _), count in solution.pairs.items():
        counts[c] += count
    queues = {
        c: deque([g for g in site.groups[c].members if g.id not in kept][:count])
        for c, count in counts.items()
    }
    sent: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (c, q), count in sorted(solution.pairs.items()):
        sent[q].append((c, count))
    placed: dict[int, Place] = {}
    for q in sorted(sent.keys() | staying.keys()):
        place_class = site.places[q]
        arriving = staying[q] + [
            queues[c].popleft() for c, count in sent[q] for _ in range(count) if queues[c]
        ]
        if not place_class.patterns:
            placed.update((group.id, place_class.rep) for group in arriving)
            continue
        by_size: dict[int, deque[Group]] = defaultdict(deque)
        for group in arriving:
            by_size[group.size].append(group)
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
