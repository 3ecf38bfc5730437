"""The meeting at the meeting point: which slot, who comes, when a pickup is late.

Meetings are spread over slots (a site setting: minutes per slot, meetings per slot) so the
meeting point is never crowded; the earliest slot with room, from a little after now until the
latest time the host can come, is proposed, and the host may choose another one. Pure rules:
the clock comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

LATE_AFTER = timedelta(minutes=15)  # no pickup this long after the time: both asked, alarm
LEAD = timedelta(minutes=20)  # nobody can be at the meeting point sooner than this
MAX_CHOICES = 6  # slots offered on buttons


class Comer(StrEnum):
    """Who comes to the meeting point for the guests."""

    HOST = "host"
    DRIVER = "driver"  # drivers will fill this slot; nobody is assigned one yet
    DISPATCH = "dispatch"  # the host needs a driver: the dispatchers arrange the ride


class Side(StrEnum):
    """Who says "I am here"."""

    GUEST = "guest"
    COMER = "comer"


class HelpCategory(StrEnum):
    MEDICAL = "medical"
    LEGAL = "legal"
    FOOD = "food"
    SHOWERS = "showers"
    CHARGING = "charging"


@dataclass(frozen=True)
class SlotSettings:
    minutes: int = 15
    per_slot: int = 4


@dataclass(frozen=True)
class Meeting:
    match_id: int
    meet_at: datetime
    comer: Comer
    comer_user_id: int | None
    sign: str
    guest_here_at: datetime | None
    comer_here_at: datetime | None
    late_at: datetime | None


@dataclass(frozen=True)
class HelpPlace:
    id: int
    site_id: int
    category: HelpCategory
    name: str  # in the reader's language (or another one when theirs is missing)
    hours: str
    latitude: float
    longitude: float


def latest_instant(night: date, latest: time, cutoff: time, zone: ZoneInfo) -> datetime:
    """The host's "by" time as an instant; a time before the cut-off is after midnight."""
    day = night + timedelta(days=1) if latest < cutoff else night
    return datetime.combine(day, latest, tzinfo=zone)


def slots(now: datetime, latest: datetime, settings: SlotSettings) -> list[datetime]:
    """Every slot from a little after now until `latest`, on the site's grid (whole hours
    cut into slots); at least one slot, even when the host's time is already near."""
    step = timedelta(minutes=settings.minutes)
    earliest = now.astimezone(latest.tzinfo) + LEAD
    hour = earliest.replace(minute=0, second=0, microsecond=0)
    first = hour + step * -(-(earliest - hour) // step)  # rounded up to the grid
    found = []
    current = first
    while current <= latest:
        found.append(current)
        current += step
    return found or [first]


def choose(candidates: list[datetime], taken: Mapping[datetime, int], per_slot: int) -> datetime:
    """The earliest slot with room; when all are full, the least crowded (earliest of those)."""
    for slot in candidates:
        if taken.get(slot, 0) < per_slot:
            return slot
    return min(candidates, key=lambda slot: (taken.get(slot, 0), slot))


def free(
    candidates: list[datetime], taken: Mapping[datetime, int], per_slot: int
) -> list[datetime]:
    """Slots a host may pick, with room left; at most MAX_CHOICES."""
    return [slot for slot in candidates if taken.get(slot, 0) < per_slot][:MAX_CHOICES]


def is_late(meeting: Meeting, now: datetime) -> bool:
    return meeting.late_at is None and now >= meeting.meet_at + LATE_AFTER


def comer_for(collects: bool) -> Comer:
    """Until drivers exist, a host who cannot collect leaves the ride to the dispatchers."""
    return Comer.HOST if collects else Comer.DISPATCH
