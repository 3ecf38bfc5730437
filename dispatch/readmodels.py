"""Read models: what the bot shows and tells about tonight, as plain typed values that the
storage layer fills and the views render (no SQL, no Telegram)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from dispatch.models import IncidentStatus, MatchStatus, Reporter
from dispatch.party import Party


@dataclass(frozen=True)
class MatchView:
    """Everything a notice about one match needs, read in one place."""

    id: int
    status: MatchStatus
    night: date
    site_id: int
    code: str
    request_id: int
    guest_id: int
    alias: str
    party: Party
    languages: tuple[str, ...]
    guest_chat_id: int  # the guest, or the dispatcher who registered a walk-in
    walk_in: bool
    host_id: int
    host_user_id: int
    host_name: str
    latest_pickup: time
    created_at: datetime
    offer_id: int


@dataclass(frozen=True)
class NewRequest:
    """What a guest (or a dispatcher at intake) tells us for one night."""

    site_id: int
    night: date
    closes_at: datetime
    alias: str
    party: Party
    languages: tuple[str, ...]
    step_free: bool
    medical: bool


@dataclass(frozen=True)
class WaitingGroup:
    request_id: int
    alias: str
    party: Party
    walk_in: bool
    asked_at: datetime


@dataclass(frozen=True)
class OfferLine:
    offer_id: int
    host_id: int
    host_name: str
    phone: str | None  # dispatchers call a host who does not come
    beds: int
    used: int
    latest_pickup: time


@dataclass(frozen=True)
class Incident:
    id: int
    reporter_id: int
    side: Reporter
    reporter_name: str  # as the dispatchers already see it; '' for someone neither
    body: str
    status: IncidentStatus
    created_at: datetime
    match: MatchView | None
    handled_by: int | None
    handled_at: datetime | None
    site_id: int | None = None  # the stay's site, else the reporter's; None: no site known


def guest_user(match: MatchView) -> int | None:
    """The guest's own Telegram id; a walk-in's chat is the dispatcher who registered them."""
    return None if match.walk_in else match.guest_chat_id
