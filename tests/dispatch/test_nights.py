"""Which evening, in the site's zone, across midnight and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dispatch.codes import ALPHABET, new_code
from dispatch.models import Site, WeeklyPattern
from dispatch.nights import cutoff_instant, evening_for, is_tomorrow
from dispatch.patterns import reminder_due

BRUSSELS = ZoneInfo("Europe/Brussels")
END = time(23, 0)


def at(local: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=BRUSSELS)


def test_evening_until_its_end_then_tomorrow() -> None:
    assert evening_for(at("2026-11-23T18:00"), BRUSSELS, END) == date(2026, 11, 23)
    assert evening_for(at("2026-11-23T22:59"), BRUSSELS, END) == date(2026, 11, 23)
    assert evening_for(at("2026-11-23T23:00"), BRUSSELS, END) == date(2026, 11, 24)
    assert evening_for(at("2026-11-24T01:00"), BRUSSELS, END) == date(2026, 11, 24)
    assert is_tomorrow(date(2026, 11, 24), at("2026-11-23T23:30"), BRUSSELS)
    assert not is_tomorrow(date(2026, 11, 24), at("2026-11-24T01:00"), BRUSSELS)


def test_cutoff_is_local_time_across_dst() -> None:
    winter = cutoff_instant(date(2026, 1, 10), time(19, 0), BRUSSELS)
    summer = cutoff_instant(date(2026, 7, 10), time(19, 0), BRUSSELS)
    assert winter.astimezone(UTC).hour == 18 and summer.astimezone(UTC).hour == 17
    skipped = cutoff_instant(date(2026, 3, 29), time(2, 30), BRUSSELS)  # spring forward
    assert skipped.astimezone(BRUSSELS).time() == time(3, 30)


def test_weekly_reminder_is_due_once_on_its_days_before_the_cutoff() -> None:
    site = Site(1, "Brussels", "Europe/Brussels", time(19, 0), END)
    pattern = WeeklyPattern(
        host_id=1,
        site_id=1,
        weekdays=frozenset({1}),
        reminder=time(16, 0),
        beds=2,
        latest_pickup=time(21, 30),
    )
    monday = at("2026-11-23T16:05")
    assert reminder_due(pattern, site, monday) == date(2026, 11, 23)
    assert reminder_due(pattern, site, at("2026-11-23T15:59")) is None
    assert reminder_due(pattern, site, at("2026-11-23T19:00")) is None
    assert reminder_due(pattern, site, at("2026-11-24T16:05")) is None  # Tuesday
    done = WeeklyPattern(**{**pattern.__dict__, "last_prompted_night": date(2026, 11, 23)})
    assert reminder_due(done, site, monday) is None


def test_pickup_codes_are_unique_and_readable() -> None:
    taken = {"AAAA"}
    picks = iter("AAAA" + "ACDE")
    assert new_code(taken, lambda _: next(picks)) == "ACDE"
    code = new_code(set())
    assert len(code) == 4 and set(code) <= set(ALPHABET)
    assert not set("0O1IL2Z5S8B") & set(ALPHABET)
