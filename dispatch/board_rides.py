"""Tonight's drivers and rides as a dispatcher watches them on the board.

Who drives tonight (each shift: from–until, seats, trips used and left), how many rides are in
each state, and the three lists a dispatcher acts on: rides nobody drives (unassigned), rides
late (the meeting time passed more than LATE_AFTER ago and nobody picked the guests up), and
rides a driver declined or let go unanswered. Pure: the time comes in as an argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from dispatch.drivers import RideStatus
from dispatch.party import Party

LATE_AFTER = timedelta(minutes=15)

# A trip is used by a ride on the shift unless it was handed back or cancelled.
USES_A_TRIP = frozenset(
    {
        RideStatus.PLANNED,
        RideStatus.ASSIGNED,
        RideStatus.CONFIRMED,
        RideStatus.PICKED_UP,
        RideStatus.ARRIVED,
    }
)
# Before the pickup: a ride in one of these states can still be late or handed to a driver.
NOT_PICKED_UP = frozenset(
    {RideStatus.PLANNED, RideStatus.UNASSIGNED, RideStatus.ASSIGNED, RideStatus.CONFIRMED}
)
# The order the board lists the states in.
RIDE_STATES = (
    RideStatus.PLANNED,
    RideStatus.UNASSIGNED,
    RideStatus.ASSIGNED,
    RideStatus.CONFIRMED,
    RideStatus.PICKED_UP,
    RideStatus.ARRIVED,
    RideStatus.CANCELLED,
)


@dataclass(frozen=True)
class ShiftLine:
    """One driver's shift tonight, as the board shows it."""

    shift_id: int
    driver_id: int
    driver_name: str
    phone: str | None  # for the dispatchers only
    starts: time  # local time at the site
    ends: time
    seats: int
    trips: int
    trips_used: int

    @property
    def trips_left(self) -> int:
        return max(self.trips - self.trips_used, 0)


@dataclass(frozen=True)
class RideLine:
    """One ride tonight: whose group, to which host, who drives, when they meet."""

    ride_id: int
    match_id: int
    request_id: int
    alias: str
    party: Party
    host_name: str
    status: RideStatus
    driver_name: str | None  # None while nobody drives it
    meet_at: datetime | None  # UTC instant of the meeting, once booked
    declined: int = 0  # drivers who said no
    unanswered: int = 0  # drivers who let the question go unanswered

    def late(self, now: datetime) -> bool:
        """Nobody picked the group up LATE_AFTER past the meeting time."""
        return (
            self.status in NOT_PICKED_UP
            and self.meet_at is not None
            and now >= self.meet_at + LATE_AFTER
        )

    @property
    def refused(self) -> bool:
        """At least one driver declined it or stayed silent, and it is not over yet."""
        return (self.declined or self.unanswered) > 0 and self.status in NOT_PICKED_UP


@dataclass(frozen=True)
class Volunteer:
    """A driver who answered tonight's appeal ("I can drive tonight") and has no shift yet:
    the dispatchers call them."""

    driver_id: int
    name: str
    phone: str | None


@dataclass(frozen=True)
class RideBoard:
    shifts: tuple[ShiftLine, ...] = ()
    volunteers: tuple[Volunteer, ...] = ()
    counts: dict[RideStatus, int] = field(default_factory=dict)  # rides per state, non-zero
    unassigned: tuple[RideLine, ...] = ()
    late: tuple[RideLine, ...] = ()
    refused: tuple[RideLine, ...] = ()

    @property
    def empty(self) -> bool:
        """No driver and no ride tonight: the board says nothing about them."""
        return not self.shifts and not self.counts and not self.volunteers

    @property
    def seats(self) -> int:
        return sum(s.seats for s in self.shifts)

    @property
    def trips_left(self) -> int:
        return sum(s.trips_left for s in self.shifts)

    def count(self, status: RideStatus) -> int:
        return self.counts.get(status, 0)


def ride_board(
    shifts: list[ShiftLine],
    rides: list[RideLine],
    now: datetime,
    volunteers: list[Volunteer] | None = None,
) -> RideBoard:
    """The board's drivers and rides at `now` (UTC)."""
    counts = {s: n for s in RIDE_STATES if (n := sum(1 for r in rides if r.status is s))}
    by_meeting = sorted(rides, key=_meeting_order)
    return RideBoard(
        shifts=tuple(sorted(shifts, key=lambda s: (s.starts, s.driver_name, s.shift_id))),
        volunteers=tuple(volunteers or ()),
        counts=counts,
        unassigned=tuple(r for r in by_meeting if r.status is RideStatus.UNASSIGNED),
        late=tuple(r for r in by_meeting if r.late(now)),
        refused=tuple(r for r in by_meeting if r.refused),
    )


def _meeting_order(ride: RideLine) -> tuple[datetime, int]:
    # The earliest meeting first; rides without a meeting time come last.
    return (ride.meet_at or _NEVER, ride.ride_id)


_NEVER = datetime.max.replace(tzinfo=UTC)
