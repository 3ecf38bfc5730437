"""Rides, as the use cases reason about them: which driver is asked next, when silence counts
as a no, and what the dispatchers are told. Pure rules: the clock comes in as an argument.

A ride is one trip of one shift: the group, from the meeting point at the meeting time, to the
host's door. A car takes a group whole (dispatch.matching.rules.may_carry) on one of the
shift's trips still free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from dispatch.drivers import Ride, RideStatus
from dispatch.matching.model import Car, Group
from dispatch.matching.rules import may_carry
from dispatch.readmodels import MatchView

SILENCE = timedelta(minutes=15)  # a driver asked this long ago without an answer: a no

# The driver may still answer, be moved, or drive: the ride holds one of their trips.
HOLDS_A_TRIP = frozenset(
    {
        RideStatus.PLANNED,
        RideStatus.ASSIGNED,
        RideStatus.CONFIRMED,
        RideStatus.PICKED_UP,
        RideStatus.ARRIVED,
    }
)
MOVABLE = frozenset(
    {RideStatus.PLANNED, RideStatus.UNASSIGNED, RideStatus.ASSIGNED, RideStatus.CONFIRMED}
)


class AlertReason(StrEnum):
    """Why the dispatchers hear about a ride."""

    NO_DRIVER = "no_driver"  # nobody left who can take it: the host is asked to come
    HOST_CANNOT_COME = "host_cannot_come"  # ...and the host cannot
    HANDED_BACK = "handed_back"  # the driver who took it can no longer drive it


@dataclass(frozen=True)
class RideView:
    """One ride with its stay and, once assigned, its driver."""

    ride: Ride
    match: MatchView
    driver_user_id: int | None
    driver_name: str | None

    @property
    def id(self) -> int:
        return self.ride.id

    @property
    def status(self) -> RideStatus:
        return self.ride.status


def group_of(match: MatchView) -> Group:
    """The group as the car rule reads it."""
    party = match.party
    return Group(
        id=match.request_id,
        guest_id=match.guest_id,
        site_id=match.site_id,
        women=party.women,
        men=party.men,
        children=party.children,
    )


def first_fit(
    cars: Iterable[Car],
    group: Group,
    refused: frozenset[int] = frozenset(),
    used: Mapping[int, int] | None = None,
) -> Car | None:
    """The first car (in the order given) that may carry the group whole and still has a trip,
    among those that did not refuse it; `used` counts trips taken since the cars were read."""
    used = used or {}
    for car in cars:
        if car.id in refused or car.trips - used.get(car.id, 0) < 1:
            continue
        if may_carry(car, group):
            return car
    return None


def covers(starts: time, ends: time, at: time) -> bool:
    """Is `at` (the meeting, local time) within the shift? A shift may run past midnight."""
    if starts <= ends:
        return starts <= at <= ends
    return at >= starts or at <= ends


def silent_since(now: datetime) -> datetime:
    """A driver asked at or before this instant and still silent has said no."""
    return now - SILENCE
