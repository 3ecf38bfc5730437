"""A dispatcher moves a ride to another driver, under the same rules as the first choice: the
car may carry the group whole (dispatch.matching.rules.may_carry) and has a trip left.

The driver who had it is told it went elsewhere; the new one is asked and has 15 minutes to
answer, like any driver. One transaction, audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

import aiosqlite

from dispatch import notices as n
from dispatch.drivers import RideStatus
from dispatch.matching.model import Car
from dispatch.matching.rules import may_carry
from dispatch.meeting import Comer
from dispatch.rides import MOVABLE, RideView, group_of
from storage import rides
from storage.audit import write as audit
from storage.outbox import enqueue
from storage.store import Store
from storage.timestamps import to_text
from usecases.rides import announce_comer, usable_cars


class Moved(Enum):
    MOVED = "moved"
    NOT_ALLOWED = "not allowed"  # this car may not take the group, has no trip, or it is theirs
    NOT_OPEN = "not open"  # picked up, arrived or cancelled meanwhile
    NO_RIDE = "no ride"


@dataclass(frozen=True)
class Candidate:
    shift_id: int
    name: str
    seats: int
    trips: int


def _fits(cars: list[Car], view: RideView) -> list[Car]:
    group = group_of(view.match)
    return [c for c in cars if c.id != view.ride.shift_id and may_carry(c, group)]


async def candidates(store: Store, ride_id: int) -> tuple[RideView | None, list[Candidate]]:
    """The ride and the drivers it may move to: the same rules as the first choice."""

    async def work(tx: aiosqlite.Connection) -> tuple[RideView | None, list[Candidate]]:
        view = await rides.find(tx, ride_id)
        if view is None or view.status not in MOVABLE:
            return view, []
        found = []
        for car in _fits(await usable_cars(tx, view), view):
            driver = await rides.shift_of(tx, car.id)
            if driver is not None:
                found.append(Candidate(car.id, driver[1], car.seats, car.trips))
        return view, found

    return await store.db.run(work)


async def move(
    store: Store, ride_id: int, shift_id: int, actor_id: int, now: datetime
) -> tuple[Moved, RideView | None]:
    async def work(tx: aiosqlite.Connection) -> tuple[Moved, RideView | None]:
        view = await rides.find(tx, ride_id)
        if view is None:
            return Moved.NO_RIDE, None
        if view.status not in MOVABLE:
            return Moved.NOT_OPEN, view
        match = view.match
        fits = _fits(await usable_cars(tx, view), view)
        if shift_id not in {car.id for car in fits}:
            return Moved.NOT_ALLOWED, view
        old_shift, stamp = view.ride.shift_id, to_text(now)
        if old_shift is not None and view.driver_user_id is not None:
            gone = n.RideWithdrawn(match.id, old_shift)
            key = f"ride_gone:{view.id}:{old_shift}:{stamp}"
            await enqueue(tx, view.driver_user_id, gone, key, now)
        if view.status is RideStatus.CONFIRMED:  # nobody comes until the new driver accepts
            await announce_comer(tx, view, Comer.DISPATCH, None, now)
        await rides.assign(tx, view.id, shift_id, now)
        driver = await rides.shift_of(tx, shift_id)
        if driver is not None:
            offer = n.RideOffer(match.id, shift_id)
            await enqueue(tx, driver[0], offer, f"ride_offer:{view.id}:{shift_id}:{stamp}", now)
        detail = {"from": old_shift, "to": shift_id}
        await audit(tx, now, actor_id, "ride.move", f"ride:{view.id}", detail)
        return Moved.MOVED, await rides.find(tx, ride_id)

    return await store.db.run(work)
