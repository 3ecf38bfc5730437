"""Rides: a driver for each confirmed stay whose host cannot come to the meeting point.

assigned → confirmed → picked up (the driver types the guest's code) → arrived (the host taps
"they are here"). A driver who declines, or stays silent for 15 minutes, hands the ride to the
next driver who may carry the group; with nobody left the host is asked whether they can come
after all and the dispatchers are alerted. Each step and the notices it sends are one
transaction, so a restart anywhere loses nothing and sends nothing twice.

The host's address for tonight goes to the assigned driver only, and is forgotten when the
ride ends (and with the night's records).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from zoneinfo import ZoneInfo

import aiosqlite

from dispatch import notices as n
from dispatch.drivers import RideStatus
from dispatch.matching.model import Car
from dispatch.meeting import Comer
from dispatch.rides import AlertReason, RideView, covers, first_fit, group_of
from storage import matches, rides
from storage.outbox import enqueue
from storage.store import Store
from storage.timestamps import to_text

ENDED = (RideStatus.ARRIVED, RideStatus.CANCELLED)


class Outcome(Enum):
    DONE = "done"  # this call did it
    ALREADY = "already"  # an earlier press did it
    NOT_OPEN = "not open"  # the ride moved on (to another driver, or ended)
    NOT_YOURS = "not yours"
    WRONG_CODE = "wrong code"


async def on_confirmed(
    store: Store, match_id: int, now: datetime, alert_chats: Sequence[int]
) -> None:
    """The host who needs a driver confirmed: the planned driver (or the next one) is asked."""

    async def work(tx: aiosqlite.Connection) -> None:
        view = await rides.by_match(tx, match_id)
        if view is None:  # planned before drivers existed, or the host changed their answer
            await rides.plan(tx, match_id, None, now)
            view = await rides.by_match(tx, match_id)
        if view is None:
            return
        planned = view.ride.shift_id
        usable = {car.id for car in await usable_cars(tx, view)}
        if view.status is RideStatus.PLANNED and planned is not None and planned in usable:
            await _ask(tx, view, planned, now)
        elif view.status in (RideStatus.PLANNED, RideStatus.UNASSIGNED):
            await next_driver(tx, view, now, alert_chats)

    await store.db.run(work)


async def _ask(tx: aiosqlite.Connection, view: RideView, shift_id: int, now: datetime) -> None:
    await rides.assign(tx, view.id, shift_id, now)
    driver = await rides.shift_of(tx, shift_id)
    if driver is not None:
        offer = n.RideOffer(view.match.id, shift_id)
        await enqueue(tx, driver[0], offer, f"ride_offer:{view.id}:{shift_id}:{to_text(now)}", now)


async def usable_cars(tx: aiosqlite.Connection, view: RideView) -> list[Car]:
    """Tonight's cars with a trip left (the ride's own trip given back) whose shift covers
    the meeting time, once the meeting is booked."""
    match = view.match
    cars = await rides.cars(tx, match.site_id, match.night, spare=view.id)
    zone = await rides.site_zone(tx, match.site_id)
    meet_at = view.ride.meet_at
    if meet_at is None or zone is None:
        return cars
    at = meet_at.astimezone(ZoneInfo(zone)).time()
    spans = await rides.windows(tx, match.site_id, match.night)
    return [car for car in cars if car.id in spans and covers(*spans[car.id], at)]


async def next_driver(
    tx: aiosqlite.Connection, view: RideView, now: datetime, alert_chats: Sequence[int]
) -> bool:
    """Ask the next driver who may carry the group and has a trip left (not one who refused);
    with nobody left, ask the host to come after all and alert the dispatchers. True when a
    driver is asked."""
    await rides.unassign(tx, view.id, now)
    match = view.match
    cars = await usable_cars(tx, view)
    car = first_fit(cars, group_of(match), await rides.refused(tx, view.id))
    if car is not None:
        await _ask(tx, view, car.id, now)
        return True
    stamp = to_text(now)
    await enqueue(tx, match.host_user_id, n.ComeAfterAll(match.id), f"come:{view.id}:{stamp}", now)
    for chat in alert_chats:
        alert = n.RideAlert(match.id, AlertReason.NO_DRIVER)
        await enqueue(tx, chat, alert, f"ride_alert:{view.id}:{stamp}:{chat}", now)
    return False


async def answer(
    store: Store,
    ride_id: int,
    user_id: int,
    accept: bool,
    now: datetime,
    alert_chats: Sequence[int],
) -> tuple[Outcome, RideView | None]:
    """The asked driver accepts (they become whoever comes to the meeting point) or declines
    (the ride goes to the next driver)."""

    async def work(tx: aiosqlite.Connection) -> tuple[Outcome, RideView | None]:
        view = await rides.find(tx, ride_id)
        if view is None or view.driver_user_id != user_id:
            return Outcome.NOT_YOURS, view
        if await rides.is_orphaned(tx, view.id):  # suspended, blocked or shift withdrawn
            return Outcome.NOT_OPEN, view
        if view.status is not RideStatus.ASSIGNED:
            done = accept and view.status in (RideStatus.CONFIRMED, RideStatus.PICKED_UP)
            return (Outcome.ALREADY if done else Outcome.NOT_OPEN), view
        assert view.ride.shift_id is not None
        if not accept:
            await rides.refuse(tx, view.id, view.ride.shift_id, silent=False, now=now)
            await next_driver(tx, view, now, alert_chats)
            return Outcome.DONE, view
        await rides.move_status(tx, view.id, [RideStatus.ASSIGNED], RideStatus.CONFIRMED, now)
        await announce_comer(tx, view, Comer.DRIVER, user_id, now)
        return Outcome.DONE, await rides.find(tx, ride_id)

    return await store.db.run(work)


async def hand_back(
    store: Store, ride_id: int, user_id: int, now: datetime, alert_chats: Sequence[int]
) -> tuple[Outcome, RideView | None]:
    """A driver who took the ride can no longer drive it: nobody is announced as coming, the
    ride goes to the next driver (as after a decline) and the dispatchers are told."""

    async def work(tx: aiosqlite.Connection) -> tuple[Outcome, RideView | None]:
        view = await rides.find(tx, ride_id)
        if view is None or view.driver_user_id != user_id:
            return Outcome.NOT_YOURS, view
        if view.status is not RideStatus.CONFIRMED or view.ride.shift_id is None:
            return Outcome.NOT_OPEN, view
        await rides.refuse(tx, view.id, view.ride.shift_id, silent=False, now=now)
        await announce_comer(tx, view, Comer.DISPATCH, None, now)
        await next_driver(tx, view, now, alert_chats)
        stamp = to_text(now)
        for chat in alert_chats:
            alert = n.RideAlert(view.match.id, AlertReason.HANDED_BACK)
            await enqueue(tx, chat, alert, f"ride_alert:{view.id}:back:{stamp}:{chat}", now)
        return Outcome.DONE, view

    return await store.db.run(work)


async def announce_comer(
    tx: aiosqlite.Connection, view: RideView, comer: Comer, user_id: int | None, now: datetime
) -> None:
    """Who comes changed: the guest (and the host) get the meeting card again."""
    match = view.match
    await rides.set_comer(tx, match.id, comer, user_id)
    stamp = to_text(now)
    if not match.walk_in:
        card = n.MeetingCard(match.id, n.Side.GUEST)
        key = f"card:{match.id}:guest:{comer.value}:{user_id}:{stamp}"
        await enqueue(tx, match.guest_chat_id, card, key, now)
    host = n.MeetingCard(match.id, n.Side.HOST)
    key = f"card:{match.id}:host:{comer.value}:{user_id}:{stamp}"
    await enqueue(tx, match.host_user_id, host, key, now)


async def pick_up(
    store: Store, ride_id: int, user_id: int, typed: str, now: datetime
) -> tuple[Outcome, RideView | None]:
    """The guest says the code, the driver checks it and types it: the pickup is marked, the
    guest hears it and the host hears the group is on its way."""

    async def work(tx: aiosqlite.Connection) -> tuple[Outcome, RideView | None]:
        view = await rides.find(tx, ride_id)
        if view is None or view.driver_user_id != user_id:
            return Outcome.NOT_YOURS, view
        if view.status in (RideStatus.PICKED_UP, RideStatus.ARRIVED):
            return Outcome.ALREADY, view
        if view.status is not RideStatus.CONFIRMED:
            return Outcome.NOT_OPEN, view
        if typed.strip().upper() != view.match.code:
            return Outcome.WRONG_CODE, view
        await rides.move_status(tx, view.id, [RideStatus.CONFIRMED], RideStatus.PICKED_UP, now)
        match = view.match
        if await matches.picked_up(tx, match.id, now) and not match.walk_in:
            await enqueue(
                tx, match.guest_chat_id, n.PickedUp(match.id), f"picked_up:{match.id}", now
            )
        await enqueue(tx, match.host_user_id, n.OnTheWay(match.id), f"on_the_way:{view.id}", now)
        return Outcome.DONE, view

    return await store.db.run(work)


async def arrived(
    store: Store, match_id: int, user_id: int, now: datetime
) -> tuple[Outcome, RideView | None]:
    """The host taps "they are here": the ride ends and the address is forgotten."""

    async def work(tx: aiosqlite.Connection) -> tuple[Outcome, RideView | None]:
        view = await rides.by_match(tx, match_id)
        if view is None or view.match.host_user_id != user_id:
            return Outcome.NOT_YOURS, view
        if view.status is RideStatus.ARRIVED:
            return Outcome.ALREADY, view
        moved = await rides.move_status(
            tx, view.id, [RideStatus.PICKED_UP], RideStatus.ARRIVED, now
        )
        return (Outcome.DONE if moved else Outcome.NOT_OPEN), view

    return await store.db.run(work)


async def come_after_all(
    store: Store,
    match_id: int,
    user_id: int,
    can_come: bool,
    now: datetime,
    alert_chats: Sequence[int],
) -> Outcome:
    """No driver was left: the host comes after all (they become whoever comes), or cannot
    (the dispatchers hear it)."""

    async def work(tx: aiosqlite.Connection) -> Outcome:
        view = await rides.by_match(tx, match_id)
        if view is None or view.match.host_user_id != user_id:
            return Outcome.NOT_YOURS
        if view.status is not RideStatus.UNASSIGNED:
            return Outcome.NOT_OPEN
        if can_come:
            await rides.move_status(tx, view.id, [RideStatus.UNASSIGNED], RideStatus.CANCELLED, now)
            await announce_comer(tx, view, Comer.HOST, user_id, now)
            return Outcome.DONE
        for chat in alert_chats:
            alert = n.RideAlert(match_id, AlertReason.HOST_CANNOT_COME)
            await enqueue(tx, chat, alert, f"ride_alert:{view.id}:host:{chat}", now)
        return Outcome.DONE

    return await store.db.run(work)


async def needs_address(store: Store, match_id: int) -> bool:
    """A live ride whose host has not given tonight's address yet."""
    view = await store.rides.by_match(match_id)
    return view is not None and view.status not in ENDED and view.ride.address is None


async def set_address(
    store: Store, match_id: int, user_id: int, address: str, now: datetime
) -> bool:
    """The host's address for tonight: kept on the ride, sent to the driver who accepted it
    (a driver who accepts later reads it on their card)."""

    async def work(tx: aiosqlite.Connection) -> bool:
        view = await rides.by_match(tx, match_id)
        if view is None or view.match.host_user_id != user_id or view.status in ENDED:
            return False
        await rides.set_address(tx, view.id, address.strip(), now)
        shift_id = view.ride.shift_id
        live = (RideStatus.CONFIRMED, RideStatus.PICKED_UP)
        held = view.status in live and not await rides.is_orphaned(tx, view.id)
        if held and shift_id is not None and view.driver_user_id is not None:
            card = n.RideCard(match_id, shift_id)
            key = f"ride_card:{view.id}:{to_text(now)}"
            await enqueue(tx, view.driver_user_id, card, key, now)
        return True

    return await store.db.run(work)


async def for_driver(store: Store, user_id: int, nights: Sequence[date]) -> list[RideView]:
    """The driver's rides of these nights (tonight, and last night until noon), in full."""
    found = []
    for ride_id in await store.rides.for_driver(user_id, nights):
        view = await store.rides.find(ride_id)
        if view is not None:
            found.append(view)
    return found
