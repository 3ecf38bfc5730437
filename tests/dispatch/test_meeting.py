"""The meeting's pure rules: the slot grid, the earliest slot with room, lateness."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from dispatch.meeting import (
    LATE_AFTER,
    Comer,
    Meeting,
    SlotSettings,
    choose,
    comer_for,
    free,
    is_late,
    latest_instant,
    slots,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 11, 23, 18, 0, 5, tzinfo=UTC)  # 19:00:05 in Brussels
LATEST = datetime(2026, 11, 23, 21, 30, tzinfo=BRUSSELS)


def test_slots_start_after_the_lead_on_the_grid_and_end_at_the_hosts_time() -> None:
    found = slots(NOW, LATEST, SlotSettings(15, 4))
    local = [s.strftime("%H:%M") for s in found]
    assert local[0] == "19:30" and local[-1] == "21:30"  # 19:20:05 rounded up to the grid
    assert all(b - a == timedelta(minutes=15) for a, b in itertools.pairwise(found))


def test_a_host_whose_time_is_near_still_gets_one_slot() -> None:
    assert len(slots(NOW, NOW.astimezone(BRUSSELS) + timedelta(minutes=5), SlotSettings())) == 1


def test_a_time_before_the_cutoff_is_after_midnight() -> None:
    late = latest_instant(date(2026, 11, 23), time(0, 30), time(19), BRUSSELS)
    assert late.date() == date(2026, 11, 24)
    assert latest_instant(date(2026, 11, 23), time(21), time(19), BRUSSELS).date().day == 23


def test_the_earliest_slot_with_room_then_the_least_crowded() -> None:
    grid = slots(NOW, LATEST, SlotSettings(30, 2))
    assert choose(grid, {grid[0]: 1}, 2) == grid[0]
    assert choose(grid, {grid[0]: 2}, 2) == grid[1]
    full = {slot: 2 for slot in grid} | {grid[2]: 3}
    assert choose(grid, full, 2) == grid[0]  # all full: the earliest of the least crowded
    assert free(grid, {grid[0]: 2}, 2)[0] == grid[1]


@given(st.lists(st.integers(min_value=0, max_value=8), min_size=1, max_size=40))
def test_booking_one_by_one_never_overfills_while_a_slot_has_room(order: list[int]) -> None:
    grid = slots(NOW, LATEST, SlotSettings(15, 3))
    taken: Counter[datetime] = Counter()
    for _ in order:
        slot = choose(grid, taken, 3)
        if sum(taken.values()) < 3 * len(grid):
            assert taken[slot] < 3
        taken[slot] += 1
    assert max(taken.values()) - min(taken.get(s, 0) for s in grid) <= 3


def test_late_fifteen_minutes_after_the_time_and_only_once() -> None:
    meeting = Meeting(1, LATEST, Comer.HOST, 7, "", None, None, None)
    assert not is_late(meeting, LATEST + LATE_AFTER - timedelta(seconds=1))
    assert is_late(meeting, LATEST + LATE_AFTER)
    rung = Meeting(1, LATEST, Comer.HOST, 7, "", None, None, LATEST + LATE_AFTER)
    assert not is_late(rung, LATEST + timedelta(hours=1))


def test_until_drivers_exist_a_host_who_cannot_collect_leaves_it_to_the_dispatchers() -> None:
    assert comer_for(True) is Comer.HOST
    assert comer_for(False) is Comer.DISPATCH
