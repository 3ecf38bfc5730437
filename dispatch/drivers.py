"""Drivers and rides: the records the domain works with, independent of how they are stored.

A driver registers once (charter, first name, phone for the dispatchers, seats, child seats,
who is in the car and whom they may drive), is vetted by the dispatchers of every site they
drive for, then declares tonight's shift (site, from–until, seats, trips) until the cut-off.
A confirmed stay whose host cannot come to the meeting point needs a ride: the group, from the
meeting point at the meeting time, to the host's door. Only the assigned driver ever receives
the host's address; it is kept for tonight only.

Ride states: PLANNED (the engine reserved a car with the match; nobody is asked yet) →
ASSIGNED (the host confirmed and gave the address; the driver is asked) → CONFIRMED (the driver
accepted) → PICKED_UP (the driver typed the guest's code) → ARRIVED (the host tapped "they are
here"). A driver who declines or stays silent hands the ride back: it goes to another driver
(UNASSIGNED while nobody can take it, and the host is asked whether they can come after all).
CANCELLED when the stay ends early.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from dispatch.groups import GroupType, Household


class DriverStatus(StrEnum):
    PENDING = "pending"
    VETTED = "vetted"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


# Who is in the car: the household's place in the non-mixité table (dispatch.groups.FORBIDDEN).
CREWS: tuple[Household, ...] = (Household.SINGLE_WOMAN, Household.SINGLE_MAN, Household.COUPLE)


@dataclass(frozen=True)
class DriverDetails:
    """What a driver tells us; a change of crew, of whom they drive or of sites goes back
    through vetting, like a host's household."""

    display_name: str
    phone: str | None  # seen by dispatchers only
    crew: Household
    drives: frozenset[GroupType]
    seats: int
    child_seats: int
    site_ids: tuple[int, ...]


@dataclass(frozen=True)
class DriverProfile:
    id: int
    user_id: int
    details: DriverDetails
    charter_version: int | None
    status: DriverStatus


class ShiftStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Shift:
    """Tonight's shift of one driver at one site."""

    id: int
    driver_id: int
    site_id: int
    night: date
    starts: time  # local time at the site
    ends: time
    seats: int
    child_seats: int
    trips: int
    status: ShiftStatus


@dataclass(frozen=True)
class DriverPattern:
    """A weekly pattern, like hosts': the driver is reminded on these weekdays."""

    driver_id: int
    site_id: int
    weekdays: frozenset[int]  # ISO weekdays, Monday = 1
    reminder: time
    starts: time
    ends: time
    seats: int
    trips: int
    last_prompted_night: date | None = None


class RideStatus(StrEnum):
    PLANNED = "planned"
    UNASSIGNED = "unassigned"
    ASSIGNED = "assigned"
    CONFIRMED = "confirmed"
    PICKED_UP = "picked_up"
    ARRIVED = "arrived"
    CANCELLED = "cancelled"


LIVE_RIDES = frozenset(
    {RideStatus.PLANNED, RideStatus.ASSIGNED, RideStatus.CONFIRMED, RideStatus.PICKED_UP}
)


@dataclass(frozen=True)
class Ride:
    id: int
    match_id: int
    shift_id: int | None  # None while UNASSIGNED
    status: RideStatus
    meet_at: datetime | None
    address: str | None  # tonight only; only the assigned driver ever reads it
    asked_at: datetime | None  # when the current driver was asked (silence is measured from it)
