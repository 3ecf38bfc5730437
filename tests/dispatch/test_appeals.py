"""Appeal filters, quiet hours and the pace estimate: pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dispatch.appeals import AppealFilters, AppealProgress, AppealStatus, in_quiet_hours

START = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def test_filters_survive_a_round_trip_through_json() -> None:
    filters = AppealFilters(3, 14, frozenset({"fr", "ar"}), frozenset({"men", "couples"}))
    assert AppealFilters.from_json(filters.to_json()) == filters
    assert AppealFilters.from_json(AppealFilters(1).to_json()) == AppealFilters(1)


def test_empty_sets_admit_anyone_and_chosen_sets_need_an_overlap() -> None:
    anyone = AppealFilters(1)
    assert anyone.admits(frozenset(), frozenset())
    arabic = AppealFilters(1, languages=frozenset({"ar"}), accepts=frozenset({"men"}))
    assert arabic.admits(frozenset({"fr", "ar"}), frozenset({"men", "women"}))
    assert not arabic.admits(frozenset({"fr"}), frozenset({"men"}))
    assert not arabic.admits(frozenset({"ar"}), frozenset({"women"}))


def test_hosted_within_counts_back_from_the_night() -> None:
    assert AppealFilters(1).hosted_since(date(2026, 11, 23)) is None
    assert AppealFilters(1, 7).hosted_since(date(2026, 11, 23)) == date(2026, 11, 16)


def test_quiet_hours_wrap_past_midnight() -> None:
    night = (time(22), time(7))
    assert in_quiet_hours(*night, time(23, 30))
    assert in_quiet_hours(*night, time(0, 0))
    assert in_quiet_hours(*night, time(6, 59))
    assert not in_quiet_hours(*night, time(7, 0))
    assert not in_quiet_hours(*night, time(21, 59))


def test_quiet_hours_within_a_day_and_unset() -> None:
    assert in_quiet_hours(time(13), time(15), time(14))
    assert not in_quiet_hours(time(13), time(15), time(15))
    assert not in_quiet_hours(None, time(7), time(3))
    assert not in_quiet_hours(time(7), time(7), time(7))


@given(st.times(), st.times(), st.times())
def test_a_window_and_its_complement_cover_the_day_once(start: time, end: time, t: time) -> None:
    if start != end:
        assert in_quiet_hours(start, end, t) != in_quiet_hours(end, start, t)


def progress(
    pending: int, sent: int, status: AppealStatus = AppealStatus.SENDING
) -> AppealProgress:
    return AppealProgress(pending + sent, sent, 0, 0, 0, pending, 0, 0, status, START)


def test_time_left_follows_the_pace_so_far() -> None:
    assert progress(900, 100).time_left(START + timedelta(seconds=10)) == timedelta(seconds=90)
    assert progress(1000, 0).time_left(START + timedelta(seconds=10)) is None
    assert progress(0, 1000).time_left(START) == timedelta(0)
    done = progress(10, 0, AppealStatus.CANCELLED)
    assert done.time_left(START + timedelta(seconds=10)) == timedelta(0)
