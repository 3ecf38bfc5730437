"""Retention arithmetic: which nights are past, and what one purge covers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch.retention import (
    UPDATE_MEMORY,
    check_days,
    deleted_from,
    first_kept_night,
    is_past_retention,
    night_in_progress,
    window,
)

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def test_a_night_is_kept_for_the_whole_period() -> None:
    assert first_kept_night(NOW, 14) == date(2026, 11, 24)
    assert not is_past_retention(date(2026, 11, 24), NOW, 14)
    assert is_past_retention(date(2026, 11, 23), NOW, 14)


def test_the_utc_date_decides_whatever_the_zone_of_now() -> None:
    brussels_after_midnight = datetime(2026, 12, 9, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    assert first_kept_night(brussels_after_midnight, 14) == date(2026, 11, 24)


def test_the_window_covers_records_and_update_ids() -> None:
    purge = window(NOW, 14)
    assert purge.before == date(2026, 11, 24)
    assert purge.records_before == NOW - timedelta(days=14)
    assert purge.updates_before == NOW - UPDATE_MEMORY


@pytest.mark.parametrize("days", [0, -1, 366])
def test_a_retention_outside_one_day_to_a_year_is_refused(days: int) -> None:
    with pytest.raises(ValueError):
        check_days(days)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        first_kept_night(datetime(2026, 12, 8), 14)


@given(
    night=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    days=st.integers(min_value=1, max_value=365),
)
def test_a_night_is_gone_exactly_from_its_deletion_date(night: date, days: int) -> None:
    gone = deleted_from(night, days)
    start = datetime(gone.year, gone.month, gone.day, tzinfo=UTC)
    assert is_past_retention(night, start, days)
    assert not is_past_retention(night, start - timedelta(seconds=1), days)
    assert (gone - night).days > days  # never shorter than promised


@pytest.mark.parametrize(
    ("utc_hour", "night"),
    [
        (0, date(2026, 12, 7)),
        (10, date(2026, 12, 7)),
        (11, date(2026, 12, 8)),
        (22, date(2026, 12, 8)),
    ],
)
def test_until_noon_last_night_is_still_in_progress(utc_hour: int, night: date) -> None:
    now = datetime(2026, 12, 8, utc_hour, 30, tzinfo=UTC)
    assert night_in_progress(now, ZoneInfo("Europe/Brussels")) == night
