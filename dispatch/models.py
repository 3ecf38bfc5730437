"""The records the domain works with, independent of how they are stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from dispatch.groups import GroupType, Household
from dispatch.party import Party


@dataclass(frozen=True)
class Site:
    id: int
    name: str
    timezone: str
    cutoff: time
    evening_end: time
    meeting_point_name: str = ""
    meeting_point_address: str = ""  # a public place, never a host's home
    latitude: float | None = None
    longitude: float | None = None
    # The name in each language that has its own ("Bruxelles", "Brussel", "بروكسل"), by locale.
    names: tuple[tuple[str, str], ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def name_in(self, locale: str) -> str:
        """The name people reading `locale` know the site by (`name` when none is written)."""
        return dict(self.names).get(locale) or self.name


class HostStatus(StrEnum):
    PENDING = "pending"
    VETTED = "vetted"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


@dataclass(frozen=True)
class HostDetails:
    """What a host tells us about their home; every answer can be changed later."""

    display_name: str
    phone: str | None
    household: Household
    accepts: frozenset[GroupType]
    languages: tuple[str, ...]
    step_free: bool
    pets: bool
    can_fetch: bool
    site_ids: tuple[int, ...]


@dataclass(frozen=True)
class HostProfile:
    id: int
    user_id: int
    details: HostDetails
    charter_version: int | None
    status: HostStatus
    paused_until: date | None = None

    def paused_on(self, night: date) -> bool:
        return self.paused_until is not None and night <= self.paused_until


class OfferStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Offer:
    id: int
    host_id: int
    site_id: int
    night: date
    beds: int
    latest_pickup: time
    nights: int
    note: str | None
    status: OfferStatus


class RequestStatus(StrEnum):
    WAITING = "waiting"
    MATCHED = "matched"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class GuestRequest:
    id: int
    guest_id: int
    site_id: int
    night: date
    alias: str
    party: Party
    languages: tuple[str, ...]
    step_free: bool
    medical: bool
    status: RequestStatus
    walkin_code: str | None = None

    @property
    def people(self) -> int:
        return self.party.size


class MatchStatus(StrEnum):
    """A match's life: proposed to the host, then confirmed or declined (or expired unanswered,
    or cancelled: moved, taken out, withdrawn), and picked up at the meeting point."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    EXPIRED = "expired"
    PICKED_UP = "picked_up"
    CANCELLED = "cancelled"


# A request has at most one live match; a settled one brought host and guest together.
LIVE_MATCH = (MatchStatus.PROPOSED, MatchStatus.CONFIRMED, MatchStatus.PICKED_UP)
SETTLED_MATCH = (MatchStatus.CONFIRMED, MatchStatus.PICKED_UP)


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class IncidentStatus(StrEnum):
    OPEN = "open"
    HANDLED = "handled"


class Reporter(StrEnum):
    """Who reported an incident, as the dispatchers see them."""

    HOST = "host"
    GUEST = "guest"
    OTHER = "other"  # neither side of a recent stay


@dataclass(frozen=True)
class WeeklyPattern:
    host_id: int
    site_id: int
    weekdays: frozenset[int]
    reminder: time
    beds: int
    latest_pickup: time
    nights: int = 1
    last_prompted_night: date | None = None


@dataclass(frozen=True)
class Draft:
    user_id: int
    form: str
    answers: dict[str, object] = field(default_factory=dict)
