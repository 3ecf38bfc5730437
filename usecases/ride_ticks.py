"""The rides' clock: a driver silent for 15 minutes hands the ride on; a driver who left
(their data erased) before the pickup too; the ride of a stay that ended is cancelled.

Each reads what it acts on from the database and changes it in one transaction with its
notices, so a tick that runs late, twice or after a restart does each thing once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from dispatch import notices as n
from dispatch.drivers import RideStatus
from dispatch.meeting import Comer
from dispatch.rides import silent_since
from storage import rides
from storage.outbox import enqueue
from storage.store import Store
from storage.timestamps import to_text
from usecases.rides import announce_comer, next_driver


async def silence(store: Store, now: datetime, alert_chats: Sequence[int]) -> int:
    """Drivers asked 15 minutes ago without an answer: a no; the ride goes to the next one."""
    handed = 0
    for ride_id in await store.rides.silent(silent_since(now)):

        async def work(tx: aiosqlite.Connection, ride_id: int = ride_id) -> bool:
            view = await rides.find(tx, ride_id)
            asked = view.ride.asked_at if view else None
            if view is None or view.status is not RideStatus.ASSIGNED or asked is None:
                return False
            shift_id = view.ride.shift_id
            if asked > silent_since(now) or shift_id is None or view.driver_user_id is None:
                return False
            await rides.refuse(tx, view.id, shift_id, silent=True, now=now)
            gone = n.RideWithdrawn(view.match.id, shift_id)
            key = f"ride_gone:{view.id}:{shift_id}:{to_text(now)}"
            await enqueue(tx, view.driver_user_id, gone, key, now)
            await next_driver(tx, view, now, alert_chats)
            return True

        handed += int(await store.db.run(work))
    return handed


async def rehome(store: Store, now: datetime, alert_chats: Sequence[int]) -> int:
    """A driver who left (their data erased), was suspended or blocked, or withdrew their
    shift before the pickup: the ride goes to the next driver (the one who had it is told,
    and no longer reads the host's address), and until one accepts nobody is announced as
    coming."""
    moved = 0
    for ride_id in await store.rides.orphaned():

        async def work(tx: aiosqlite.Connection, ride_id: int = ride_id) -> bool:
            view = await rides.find(tx, ride_id)
            if view is None or not await rides.is_orphaned(tx, ride_id):
                return False
            shift_id, told = view.ride.shift_id, view.driver_user_id
            if shift_id is not None and told is not None:
                gone = n.RideWithdrawn(view.match.id, shift_id)
                key = f"ride_gone:{view.id}:{shift_id}:{to_text(now)}"
                await enqueue(tx, told, gone, key, now)
            if view.status is RideStatus.CONFIRMED:
                await announce_comer(tx, view, Comer.DISPATCH, None, now)
            await next_driver(tx, view, now, alert_chats)
            return True

        moved += int(await store.db.run(work))
    return moved


async def cancel_stale(store: Store, now: datetime) -> int:
    """Rides of stays that ended (declined, cancelled, a guest gone): cancelled, the address
    forgotten, and a driver who was asked or had accepted is told."""
    cancelled = 0
    for ride_id in await store.rides.stale():

        async def work(tx: aiosqlite.Connection, ride_id: int = ride_id) -> bool:
            view = await rides.find(tx, ride_id)
            ahead = (RideStatus.PLANNED, RideStatus.UNASSIGNED, RideStatus.ASSIGNED)
            before = (*ahead, RideStatus.CONFIRMED)
            if view is None or not await rides.move_status(
                tx, view.id, before, RideStatus.CANCELLED, now
            ):
                return False
            shift_id, told = view.ride.shift_id, view.driver_user_id
            if view.status in (RideStatus.ASSIGNED, RideStatus.CONFIRMED) and shift_id and told:
                gone = n.RideWithdrawn(view.match.id, shift_id)
                await enqueue(tx, told, gone, f"ride_gone:{view.id}:{shift_id}:end", now)
            return True

        cancelled += int(await store.db.run(work))
    return cancelled
