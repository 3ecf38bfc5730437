"""What blocking or suspending someone does to tonight's dispatch: a host's offers from tonight
on are taken out and their groups dispatched again; a guest's requests are withdrawn (their
host is told not to come) and the freed beds go to others; a driver's shifts are withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from dispatch import notices
from storage import drivers, hosts, incidents, shifts, vetting
from storage.board import night_of
from storage.outbox import enqueue
from usecases.overrides import take_out_in
from usecases.requests import withdraw_in
from usecases.rounds import redispatch_in
from usecases.services import Services


@dataclass(frozen=True)
class Blocked:
    blocked: bool  # False: they were blocked already
    offers: int = 0  # offers taken out
    requests: int = 0  # requests withdrawn
    shifts: int = 0  # a driver's shifts withdrawn


async def take_out_host_in(
    services: Services,
    tx: aiosqlite.Connection,
    host_id: int,
    actor_id: int,
    note: str,
    from_night: date,
    now: datetime,
) -> int:
    """The host's offers from `from_night` on go, without a separate notice (the suspension
    or block notice says it); how many."""
    offers = await vetting.live_offers(tx, host_id, from_night)
    for offer_id in offers:
        await take_out_in(services, tx, offer_id, actor_id, note, now, tell_host=False)
    return len(offers)


async def withdraw_requests_in(
    services: Services, tx: aiosqlite.Connection, user_id: int, from_night: date, now: datetime
) -> int:
    """As if the guest withdrew: the host is told not to come and the beds go to others."""
    found = await incidents.live_requests(tx, user_id, from_night)
    for request_id in found:
        night = await night_of(tx, "requests", request_id)
        await withdraw_in(tx, request_id, now)
        if night is not None:
            await redispatch_in(services, tx, *night, now)
    return len(found)


async def take_out_host(
    services: Services, host_id: int, actor_id: int, note: str, now: datetime
) -> int:
    """A suspended host gets no guests: tonight's and later offers go, their groups wait
    again and are dispatched at once; how many offers went."""
    async with services.locks.passes:
        return await services.store.db.run(
            lambda tx: take_out_host_in(services, tx, host_id, actor_id, note, now.date(), now)
        )


async def block_person(
    services: Services,
    user_id: int,
    reason: str,
    actor_id: int,
    now: datetime,
    *,
    incident_id: int | None = None,
) -> Blocked:
    """Suspend someone's access with a reason, and take them out of tonight's dispatch."""

    async def work(tx: aiosqlite.Connection) -> Blocked:
        entry = await incidents.block(tx, user_id, reason, actor_id, now, incident_id=incident_id)
        if entry is None:
            return Blocked(False)
        await enqueue(tx, user_id, notices.Blocked(), f"blocked:{entry}", now)
        host = await hosts.host_id_of(tx, user_id)
        offers = (
            0
            if host is None
            else await take_out_host_in(services, tx, host, actor_id, "blocked", now.date(), now)
        )
        withdrawn = await withdraw_requests_in(services, tx, user_id, now.date(), now)
        driver = await drivers.driver_id_of(tx, user_id)
        gone = 0 if driver is None else await shifts.withdraw_from(tx, driver, now.date(), now)
        return Blocked(True, offers, withdrawn, gone)

    async with services.locks.passes:
        return await services.store.db.run(work)


async def unblock_person(services: Services, user_id: int, actor_id: int, now: datetime) -> bool:
    """Restore someone's access and tell them; False if they were not blocked."""

    async def work(tx: aiosqlite.Connection) -> bool:
        entry = await incidents.unblock(tx, user_id, actor_id, now)
        if entry is None:
            return False
        await enqueue(tx, user_id, notices.Unblocked(), f"unblocked:{entry}", now)
        return True

    return await services.store.db.run(work)
