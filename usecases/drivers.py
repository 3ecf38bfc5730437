"""Drivers: registration (and a changed profile going back to vetting), the dispatchers'
decisions, tonight's shift until the cut-off, the weekly pattern. Each is one transaction
with its audit entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum

import aiosqlite

from dispatch import notices
from dispatch.drivers import DriverDetails, DriverProfile, DriverStatus, Shift, ShiftStatus
from dispatch.driving import CHARTER_VERSION, changes_to_vet, shift_open
from storage import drivers, shifts
from storage.audit import write as audit
from storage.outbox import enqueue
from usecases.services import Services


@dataclass(frozen=True)
class Registered:
    driver: DriverProfile
    new: bool  # first registration: the dispatchers are told
    changed: tuple[str, ...]  # vetted answers that changed (dispatch.driving.VETTED_FIELDS)
    back_to_vetting: bool  # a vetted driver who now waits for a dispatcher again


async def register(
    services: Services, user_id: int, details: DriverDetails, now: datetime
) -> Registered:
    """Save the driver's answers (the charter accepted). A change to whom they may drive puts a
    vetted driver back in the queue, their shifts from tonight on withdrawn, in the same
    transaction, so no ride is planned on answers nobody checked."""

    async def work(tx: aiosqlite.Connection) -> Registered:
        before = await drivers.profile_in(tx, user_id)
        driver_id = await drivers.register_in(tx, user_id, details, CHARTER_VERSION, now)
        changed = changes_to_vet(before.details, details) if before else ()
        again = bool(changed) and before is not None and before.status is DriverStatus.VETTED
        if again:
            await drivers.write_status(tx, driver_id, DriverStatus.PENDING, now)
            await shifts.withdraw_from(tx, driver_id, now.date(), now)
        action = "driver.revet" if again else "driver.register"
        detail = {"changed": list(changed)} if changed else None
        await audit(tx, now, user_id, action, f"driver:{driver_id}", detail)
        saved = await drivers.profile_in(tx, user_id)
        assert saved is not None
        return Registered(saved, before is None, changed, again)

    async with services.locks.passes:
        return await services.store.db.run(work)


async def decide(
    services: Services,
    driver_id: int,
    status: DriverStatus,
    actor_id: int,
    now: datetime,
) -> DriverStatus | None:
    """A dispatcher's decision; the status the driver had, None on a stale card. A suspended
    driver's shifts from tonight on are withdrawn with the decision."""

    async def work(tx: aiosqlite.Connection) -> DriverStatus | None:
        decided = await drivers.decide_in(tx, driver_id, status, actor_id, now)
        if decided is None:
            return None
        payload = notices.DriverVetting(driver_id, status, decided.previous)
        await enqueue(tx, decided.user_id, payload, f"driver-vetting:{decided.entry}", now)
        if status is not DriverStatus.VETTED:
            await shifts.withdraw_from(tx, driver_id, now.date(), now)
        return decided.previous

    async with services.locks.passes:
        return await services.store.db.run(work)


class ShiftAnswer(Enum):
    SAVED = "saved"
    WITHDRAWN = "withdrawn"
    LOCKED = "locked"  # the site's cut-off has passed: the shift stands as it is
    NOT_VETTED = "not vetted"
    NONE = "none"  # nothing to withdraw


@dataclass(frozen=True)
class ShiftTerms:
    starts: time
    ends: time
    seats: int
    trips: int


async def save_shift(
    services: Services,
    user_id: int,
    site_id: int,
    night: date,
    closes_at: datetime,
    terms: ShiftTerms,
    now: datetime,
) -> ShiftAnswer:
    """Set or change tonight's shift at a site the driver drives for, until its cut-off."""

    async def work(tx: aiosqlite.Connection) -> ShiftAnswer:
        driver = await drivers.profile_in(tx, user_id)
        if driver is None or driver.status is not DriverStatus.VETTED:
            return ShiftAnswer.NOT_VETTED
        if site_id not in driver.details.site_ids:
            return ShiftAnswer.NOT_VETTED
        if not shift_open(now, closes_at):
            return ShiftAnswer.LOCKED
        shift = Shift(
            id=0,
            driver_id=driver.id,
            site_id=site_id,
            night=night,
            starts=terms.starts,
            ends=terms.ends,
            seats=min(terms.seats, driver.details.seats),
            child_seats=driver.details.child_seats,
            trips=terms.trips,
            status=ShiftStatus.ACTIVE,
        )
        shift_id = await shifts.save_in(tx, shift, closes_at, now)
        detail = {"night": night.isoformat(), "seats": shift.seats, "trips": terms.trips}
        await audit(tx, now, user_id, "shift.save", f"shift:{shift_id}", detail)
        return ShiftAnswer.SAVED

    async with services.locks.passes:
        return await services.store.db.run(work)


async def withdraw_shift(
    services: Services, user_id: int, shift: Shift, closes_at: datetime, now: datetime
) -> ShiftAnswer:
    """Withdraw tonight's shift, until the site's cut-off."""

    async def work(tx: aiosqlite.Connection) -> ShiftAnswer:
        driver = await drivers.profile_in(tx, user_id)
        if driver is None or driver.id != shift.driver_id:
            return ShiftAnswer.NONE
        if not shift_open(now, closes_at):
            return ShiftAnswer.LOCKED
        if not await shifts.withdraw_in(tx, shift.id, now):
            return ShiftAnswer.NONE
        await audit(tx, now, user_id, "shift.withdraw", f"shift:{shift.id}")
        return ShiftAnswer.WITHDRAWN

    async with services.locks.passes:
        return await services.store.db.run(work)


def tonight_shift(found: list[Shift], nights: dict[int, date]) -> Shift | None:
    """The driver's active shift for the night in progress at its own site."""
    for shift in found:
        if nights.get(shift.site_id) == shift.night:
            return shift if shift.status is ShiftStatus.ACTIVE else None
    return None
