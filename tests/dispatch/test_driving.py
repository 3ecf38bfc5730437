"""The drivers' rules: whom a crew may drive, what goes back to vetting, the shift's lock and
the weekly pattern's reminder."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from dispatch.drivers import CREWS, DriverDetails, DriverPattern
from dispatch.driving import changes_to_vet, drivable, non_mixite_applies, shift_open
from dispatch.groups import FORBIDDEN, GroupType, Household
from dispatch.models import Site
from dispatch.patterns import reminder_due

SITE = Site(1, "Brussels", "Europe/Brussels", time(19), time(23))
PATTERN = DriverPattern(1, 1, frozenset({1}), time(16), time(20), time(23), 3, 2)
MONDAY = date(2026, 11, 23)


@given(st.sampled_from(CREWS))
def test_with_the_rule_a_crew_never_offers_what_its_household_may_not_host(crew: Household) -> None:
    assert not set(drivable(crew, True)) & FORBIDDEN.get(crew, frozenset())
    assert set(drivable(crew, False)) == set(GroupType)


def test_the_rule_holds_unless_every_chosen_site_switched_it_off() -> None:
    assert non_mixite_applies((1, 2), mixed_sites=(1,))
    assert not non_mixite_applies((1, 2), mixed_sites=(1, 2))
    assert non_mixite_applies((), mixed_sites=(1,))


def test_only_whom_and_where_they_drive_go_back_to_vetting() -> None:
    before = DriverDetails(
        "Salma", None, Household.SINGLE_WOMAN, frozenset({GroupType.SINGLE_WOMEN}), 4, 0, (1,)
    )
    renamed = DriverDetails(
        "Sal", "+32", Household.SINGLE_WOMAN, frozenset({GroupType.SINGLE_WOMEN}), 2, 1, (1,)
    )
    assert changes_to_vet(before, renamed) == ()
    moved = DriverDetails(
        "Salma", None, Household.COUPLE, frozenset({GroupType.FAMILIES}), 4, 0, (1, 2)
    )
    assert changes_to_vet(before, moved) == ("crew", "drives", "sites")


def test_a_shift_changes_until_the_cut_off_only() -> None:
    cutoff = datetime(2026, 11, 23, 18, tzinfo=UTC)
    assert shift_open(datetime(2026, 11, 23, 17, 59, tzinfo=UTC), cutoff)
    assert not shift_open(cutoff, cutoff)


def test_the_reminder_comes_on_the_pattern_s_days_from_its_time_until_the_cut_off() -> None:
    def at(hour: int, minute: int = 0, day: int = 23) -> datetime:
        return datetime(2026, 11, day, hour, minute, tzinfo=UTC)  # Brussels is UTC+1

    assert reminder_due(PATTERN, SITE, at(14, 59)) is None  # 15:59 local
    assert reminder_due(PATTERN, SITE, at(15)) == MONDAY
    assert reminder_due(PATTERN, SITE, at(18)) is None  # the cut-off, 19:00 local
    assert reminder_due(PATTERN, SITE, at(15, day=24)) is None  # a Tuesday
    asked = DriverPattern(1, 1, frozenset({1}), time(16), time(20), time(23), 3, 2, MONDAY)
    assert reminder_due(asked, SITE, at(16)) is None  # once per night
