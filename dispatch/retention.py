"""How long nightly records live: pure arithmetic on the time passed in, never the clock.

A night is kept for `days` full days after it ended, then its guest records are deleted; only
the anonymous counts (`daily_stats`) outlive it. Dates are compared in UTC, which can keep a
night up to one day longer at a site east of UTC, never shorter than promised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Telegram stops redelivering an update within a day; three leave room for a long outage.
UPDATE_MEMORY = timedelta(days=3)
MIN_DAYS, MAX_DAYS = 1, 365
# Until noon the night that matters is last night: guests may still be at their host's.
MORNING_ENDS = time(12)


@dataclass(frozen=True)
class PurgeWindow:
    """What one purge removes: nights before `before`, loose records written before
    `records_before` (drafts, incident texts, sent notices), update ids before `updates_before`."""

    before: date
    records_before: datetime
    updates_before: datetime


def check_days(days: int) -> int:
    """A retention of zero days would delete tonight's requests before the cut-off."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise ValueError(f"retention must be {MIN_DAYS} to {MAX_DAYS} days, not {days}")
    return days


def first_kept_night(now: datetime, days: int) -> date:
    """The oldest night still kept at `now`; every earlier night is past retention."""
    if now.tzinfo is None:
        raise ValueError("retention needs an aware datetime")
    return now.astimezone(UTC).date() - timedelta(days=check_days(days))


def is_past_retention(night: date, now: datetime, days: int) -> bool:
    return night < first_kept_night(now, days)


def deleted_from(night: date, days: int) -> date:
    """The UTC date from which a night's records are gone (told to guests in /mydata)."""
    return night + timedelta(days=check_days(days) + 1)


def window(now: datetime, days: int) -> PurgeWindow:
    """Everything one purge at `now` needs, so storage never reads the clock either."""
    return PurgeWindow(
        before=first_kept_night(now, days),
        records_before=now - timedelta(days=days),
        updates_before=now - UPDATE_MEMORY,
    )


def night_in_progress(now: datetime, zone: ZoneInfo) -> date:
    """The earliest night someone may still be hosting or hosted at `now`, local time."""
    local = now.astimezone(zone)
    return local.date() - timedelta(days=1) if local.time() < MORNING_ENDS else local.date()
