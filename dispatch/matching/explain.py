"""Reasons a dispatcher can read: why a group got its bed, or why it got none.

An unplaced group gets one reason. If no place at the site could ever take it, the most
specific rule that stopped it (see `rules.STAGES`); otherwise it was outranked, and the reason
names the most important priority on which a group housed in its stead came first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass

from dispatch.matching.classes import SiteClasses
from dispatch.matching.model import Group, Place, Reason
from dispatch.matching.rules import compatible, stage
from dispatch.matching.score import priority, shared_language


@dataclass(frozen=True)
class Rivals:
    """The strongest claims among the groups housed where a group could have gone."""

    vulnerable: int
    size: int
    nights: int
    first: tuple[int, int]  # the earliest priority (arrival, request id) among them

    @staticmethod
    def of(groups: Iterable[Group]) -> Rivals | None:
        members = list(groups)
        if not members:
            return None
        return Rivals(
            max(g.vulnerable for g in members),
            max(g.size for g in members),
            max(g.nights_without_bed for g in members),
            min(priority(g) for g in members),
        )

    def merge(self, other: Rivals | None) -> Rivals:
        if other is None:
            return self
        return Rivals(
            max(self.vulnerable, other.vulnerable),
            max(self.size, other.size),
            max(self.nights, other.nights),
            min(self.first, other.first),
        )


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


def outranked(group: Group, rivals: Rivals | None) -> Reason:
    """Which priority, in objective order, a group housed instead of this one had over it."""
    by = "size"
    if rivals is not None:
        if rivals.vulnerable > group.vulnerable:
            by = "vulnerable"
        elif rivals.size > group.size:
            by = "size"
        elif rivals.nights > group.nights_without_bed:
            by = "waited_before"
        elif rivals.first < priority(group):
            by = "arrival"
    return Reason("outranked", {"by": by})


def unplaced_reasons(site: SiteClasses, placed: Mapping[int, Place]) -> dict[int, Reason]:
    """One reason per group of the site left without a bed, computed class by class."""
    at_place: dict[int, list[Group]] = {}
    for cls in site.groups:
        for group in cls.members:
            if group.id in placed:
                at_place.setdefault(placed[group.id].id, []).append(group)
    rivals_at = [
        Rivals.of(g for place in pc.members for g in at_place.get(place.id, ()))
        for pc in site.places
    ]
    reach: dict[int, list[int]] = {}
    for c, q in site.pairs:
        reach.setdefault(c, []).append(q)
    reasons: dict[int, Reason] = {}
    for c, cls in enumerate(site.groups):
        left = [group for group in cls.members if group.id not in placed]
        if not left:
            continue
        if c not in reach:
            reps = (pc.rep for pc in site.places)
            reason = blocking_reason(cls.rep, reps, site.blocked) or Reason("no_place_at_site")
            reasons.update((group.id, reason) for group in left)
            continue
        rivals: Rivals | None = None
        for q in reach[c]:
            found = rivals_at[q]
            rivals = found.merge(rivals) if found is not None else rivals
        reasons.update((group.id, outranked(group, rivals)) for group in left)
    return reasons


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
