"""Which evening a request or an offer is for, in the site's own time zone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def evening_for(now: datetime, zone: ZoneInfo, evening_end: time) -> date:
    """Tonight until the evening ends; after that, the next evening.

    At 01:00 the next evening is later the same day, so the local date is right; only between
    the end of the evening and midnight does it move to tomorrow.
    """
    local = now.astimezone(zone)
    if local.time() >= evening_end:
        return local.date() + timedelta(days=1)
    return local.date()


def is_tomorrow(night: date, now: datetime, zone: ZoneInfo) -> bool:
    """The evening is not today's: we say so instead of letting people think it is tonight."""
    return night != now.astimezone(zone).date()


def cutoff_instant(night: date, cutoff: time, zone: ZoneInfo) -> datetime:
    """The aware moment of a night's cut-off; a wall time skipped by DST moves forward."""
    naive = datetime.combine(night, cutoff)
    aware = naive.replace(tzinfo=zone)
    # A non-existent local time (spring forward) round-trips to a different wall time.
    round_trip = aware.astimezone(ZoneInfo("UTC")).astimezone(zone)
    return round_trip if round_trip.replace(tzinfo=None) != naive else aware
