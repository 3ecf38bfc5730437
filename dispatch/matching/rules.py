"""The hard rules: may this group sleep at this place tonight?

Checked in a fixed order, from the broadest reason to the most specific, so that the first
failing rule is also the most useful thing to tell a dispatcher (see `explain.py`).
"""

from __future__ import annotations

from collections.abc import Set

from dispatch.groups import may_host
from dispatch.matching.model import Car, Group, Place, Reason

# The order in which `compatible` checks the rules; a later stage is a more specific reason.
STAGES: tuple[str, ...] = (
    "no_place_at_site",
    "no_host_accepting",
    "no_step_free_place",
    "not_enough_beds",
    "blocked_pair",
)


def compatible(group: Group, place: Place, blocked_pairs: Set[tuple[int, int]]) -> Reason | None:
    """None if the group may take this place tonight, else the first rule that forbids it.

    Capacity shared with other groups is the engine's business; here "beds" means the place's
    whole offer, so a group larger than the offer can never go there.
    """
    if place.site_id != group.site_id or not place.eligible:
        # An ineligible place (not vetted, paused) does not exist for tonight's dispatch.
        return Reason("no_place_at_site")
    if not may_host(place.household, place.accepts, group.group_type):
        # Covers both the host's own choice and non-mixité, which no host can override.
        return Reason(
            "no_host_accepting", {"group_type": str(group.group_type), "size": group.size}
        )
    if group.step_free and not place.step_free:
        return Reason("no_step_free_place", {"size": group.size})
    if place.beds < group.size:
        return Reason("not_enough_beds", {"size": group.size, "largest": place.beds})
    if (place.host_id, group.guest_id) in blocked_pairs:
        return Reason("blocked_pair")
    return None


def stage(reason: Reason | None) -> int:
    """How far a (group, place) pair got through the rules: len(STAGES) when allowed."""
    return len(STAGES) if reason is None else STAGES.index(reason.code)


def may_carry(car: Car, group: Group) -> bool:
    """May this car take this group from the meeting point to a door, whole, on one trip?

    The crew stands where a household stands in the non-mixité table (a man driving alone does
    not drive a woman alone), unless the site switched that care off for cars. Every child
    needs a child seat.
    """
    if car.site_id != group.site_id or car.trips < 1:
        return False
    if group.size > car.seats or group.children > car.child_seats:
        return False
    if not car.non_mixite:
        return group.group_type in car.accepts
    return may_host(car.crew, car.accepts, group.group_type)
