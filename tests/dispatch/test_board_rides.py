"""The board's drivers and rides, pure: when a ride is late, which rides need a dispatcher,
trips left per shift, and the order of the lists."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from dispatch.board_rides import LATE_AFTER, RideBoard, RideLine, ShiftLine, ride_board
from dispatch.drivers import RideStatus
from dispatch.party import Party

MEET = datetime(2026, 11, 23, 19, 30, tzinfo=UTC)


def ride(ride_id: int, status: RideStatus, meet_at: datetime | None = MEET, **kw: int) -> RideLine:
    driver = None if status is RideStatus.UNASSIGNED else "Karim"
    return RideLine(
        ride_id, ride_id, ride_id, f"G{ride_id}", Party(1), "Marie", status, driver, meet_at, **kw
    )


def shift(shift_id: int, starts: time, trips: int, used: int) -> ShiftLine:
    return ShiftLine(shift_id, shift_id, f"D{shift_id}", None, starts, time(23), 4, trips, used)


@pytest.mark.parametrize("status", list(RideStatus))
def test_a_ride_is_late_from_fifteen_minutes_after_the_meeting_until_the_pickup(
    status: RideStatus,
) -> None:
    line = ride(1, status)
    waiting = status in (
        RideStatus.PLANNED,
        RideStatus.UNASSIGNED,
        RideStatus.ASSIGNED,
        RideStatus.CONFIRMED,
    )
    assert not line.late(MEET + LATE_AFTER - timedelta(seconds=1))
    assert line.late(MEET + LATE_AFTER) is waiting
    assert not ride(2, status, meet_at=None).late(MEET + timedelta(hours=5))


def test_the_lists_hold_the_rides_to_act_on_earliest_meeting_first() -> None:
    rides = [
        ride(1, RideStatus.UNASSIGNED, MEET + timedelta(hours=1), declined=1),
        ride(2, RideStatus.UNASSIGNED, MEET),
        ride(3, RideStatus.CONFIRMED, MEET - timedelta(minutes=20), unanswered=1),
        ride(4, RideStatus.PICKED_UP, MEET - timedelta(hours=1), declined=2),  # done with
        ride(5, RideStatus.UNASSIGNED, None),
        ride(6, RideStatus.CANCELLED, MEET, declined=1),
    ]
    board = ride_board([shift(1, time(21), 2, 3), shift(2, time(20), 3, 1)], rides, MEET)
    assert [r.ride_id for r in board.unassigned] == [2, 1, 5]
    assert [r.ride_id for r in board.late] == [3]
    assert [r.ride_id for r in board.refused] == [3, 1]
    assert board.counts == {
        RideStatus.UNASSIGNED: 3,
        RideStatus.CONFIRMED: 1,
        RideStatus.PICKED_UP: 1,
        RideStatus.CANCELLED: 1,
    }
    assert [s.shift_id for s in board.shifts] == [2, 1]  # the earliest shift first
    assert [s.trips_left for s in board.shifts] == [2, 0]  # never below nothing
    assert (board.seats, board.trips_left, board.empty) == (8, 2, False)


def test_a_night_without_drivers_or_rides_is_empty() -> None:
    assert ride_board([], [], MEET) == RideBoard()
    assert RideBoard().empty
    assert not ride_board([shift(1, time(20), 1, 0)], [], MEET).empty
