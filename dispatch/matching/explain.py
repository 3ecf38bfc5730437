"""Reasons a dispatcher can read: why a group got its bed, or why it got none.

An unplaced group gets one reason. If no place at the site could ever take it, the most
specific rule that stopped it (see `rules.STAGES`). Otherwise it was outranked: among the
groups housed where it could have slept, take the one with the weakest claim over it, and name
the first priority (in objective order) on which that group still came first. That is the
honest answer to "what would it have taken?": even the last one in beat you on this. But if a
home that needs a ride had the beds and it still went there nobody, no car could take it
there ("no_ride"): no car may carry it, or the cars' trips were all taken.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set

from dispatch.matching.classes import SiteClasses
from dispatch.matching.model import Group, Place, Reason
from dispatch.matching.rules import compatible, stage
from dispatch.matching.score import priority, shared_language

# What a housed group beat an unplaced one on, strongest first. "size" comes twice: more
# people housed, and, last, fit (the beds left could not take this group).
BY = ("vulnerable", "size", "waited_before", "arrival", "size")


def blocking_reason(
    group: Group, places: Iterable[Place], blocked: Set[tuple[int, int]]
) -> Reason | None:
    """The most specific rule that keeps the group from every place; None if one is allowed."""
    best, reached, largest = Reason("no_place_at_site"), 0, 0
    for place in places:
        reason = compatible(group, place, blocked)
        if reason is None:
            return None
        if reason.code == "not_enough_beds":
            largest = max(largest, place.beds)
        if stage(reason) > reached:
            best, reached = reason, stage(reason)
    if best.code == "not_enough_beds":
        return Reason("not_enough_beds", {"size": group.size, "largest": largest})
    return best


def _beaten_on(rival: Group, group: Group) -> int:
    """Index in BY of the first priority on which the rival beat the group; fit if none."""
    for level, (mine, theirs) in enumerate(
        [
            (group.vulnerable, rival.vulnerable),
            (group.size, rival.size),
            (group.nights_without_bed, rival.nights_without_bed),
        ]
    ):
        if mine != theirs:
            return level if theirs > mine else len(BY) - 1
    return 3 if priority(rival) < priority(group) else len(BY) - 1


def outranked(group: Group, rivals: Iterable[Group]) -> Reason:
    """Why the places this group could take went to others (`rivals`: who got them)."""
    weakest = max((_beaten_on(rival, group) for rival in rivals), default=len(BY) - 1)
    return Reason("outranked", {"by": BY[weakest]})


def _latest_per_claim(rivals: Iterable[Group]) -> list[Group]:
    """One rival per claim (vulnerable, size, nights), the last to arrive: `_beaten_on` reads
    nothing else, and of rivals with equal claims the latest decides, so `outranked` gives
    the same answer over a few dozen rivals instead of hundreds."""
    latest: dict[tuple[int, int, int], Group] = {}
    for rival in rivals:
        claim = (rival.vulnerable, rival.size, rival.nights_without_bed)
        if claim not in latest or priority(rival) > priority(latest[claim]):
            latest[claim] = rival
    return list(latest.values())


def unplaced_reasons(site: SiteClasses, placed: Mapping[int, Place]) -> dict[int, Reason]:
    """One reason per group of the site left without a bed, computed class by class."""
    at_place: dict[int, list[Group]] = {}
    for cls in site.groups:
        for group in cls.members:
            if group.id in placed:
                at_place.setdefault(placed[group.id].id, []).append(group)
    reach: dict[int, list[int]] = {}
    for c, q in site.pairs:
        reach.setdefault(c, []).append(q)
    room = _ride_room(site, placed)
    stranded = {c for c, _ in site.stranded}
    reasons: dict[int, Reason] = {}
    for c, cls in enumerate(site.groups):
        left = [group for group in cls.members if group.id not in placed]
        if not left:
            continue
        if room.get(c, 0) >= cls.rep.size or (c not in reach and c in stranded):
            reasons.update((group.id, Reason("no_ride", {"size": cls.rep.size})) for group in left)
            continue
        if c not in reach:
            reps = (pc.rep for pc in site.places)
            reason = blocking_reason(cls.rep, reps, site.blocked) or Reason("no_place_at_site")
            reasons.update((group.id, reason) for group in left)
            continue
        rivals = _latest_per_claim(
            g for q in reach[c] for p in site.places[q].members for g in at_place.get(p.id, ())
        )
        for group in left:
            reasons[group.id] = outranked(group, rivals)
    return reasons


def _ride_room(site: SiteClasses, placed: Mapping[int, Place]) -> dict[int, int]:
    """Per group class, the most beds left free at a place it may take that needs a ride."""
    load: dict[int, int] = {}
    for cls in site.groups:
        for group in cls.members:
            if group.id in placed:
                load[placed[group.id].id] = load.get(placed[group.id].id, 0) + group.size
    free = {
        q: max(p.beds - load.get(p.id, 0) for p in cls.members)
        for q, cls in enumerate(site.places)
        if site.needs_ride(q)
    }
    room: dict[int, int] = {}
    for c, q in (*site.pairs, *site.stranded):
        if q in free:
            room[c] = max(room.get(c, 0), free[q])
    return room


def assignment_reasons(group: Group, place: Place, scarce: bool) -> tuple[Reason, ...]:
    """Why this group got this bed: what weighed in its favour, most important first."""
    reasons = [Reason("housed")]
    if scarce and group.vulnerable > 0:
        reasons.append(Reason("vulnerable_first"))
    if group.nights_without_bed > 0:
        reasons.append(Reason("waited_before", {"nights": group.nights_without_bed}))
    if group.previous_host_id is not None and group.previous_host_id == place.host_id:
        reasons.append(Reason("same_host_again"))
    language = shared_language(group, place)
    if language is not None:
        reasons.append(Reason("shared_language", {"language": language}))
    return tuple(reasons)
