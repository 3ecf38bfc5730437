"""Tonight's drivers and rides at one site as the board shows them (chat, live page, and the
refresh job alike): shifts, rides by state, those to act on, drivers who offered to drive."""

from __future__ import annotations

from datetime import date, datetime

from dispatch.board_rides import RideBoard, ride_board
from storage.store import Store


async def tonight_rides(store: Store, site_id: int, night: date, now: datetime) -> RideBoard:
    """Read in two statements; `now` (UTC) decides which rides are late."""
    shifts, rides = await store.board.rides.tonight(site_id, night)
    volunteers = await store.board.rides.volunteers(site_id, night)
    return ride_board(shifts, rides, now, volunteers)
