"""Drivers, shifts and rides written straight into the 0012 tables, for tests that read them
before the registration and ride use cases exist on this branch."""

from __future__ import annotations

from datetime import date, datetime

from dispatch.drivers import DriverStatus, RideStatus
from storage.store import Store
from storage.timestamps import to_text


async def driver(
    store: Store,
    user_id: int,
    site_id: int,
    now: datetime,
    *,
    name: str = "Karim",
    phone: str | None = None,
    seats: int = 4,
    status: DriverStatus = DriverStatus.VETTED,
    appeals: bool | None = None,
) -> int:
    """A registered driver of one site (charter accepted); returns the driver's id."""
    await store.users.touch(user_id, now)
    stamp = to_text(now)
    driver_id = await _insert(
        store,
        "INSERT INTO drivers (user_id, display_name, phone, crew, drives, seats, charter_version,"
        " status, created_at, updated_at) VALUES (?, ?, ?, 'single_man', '[]', ?, 1, ?, ?, ?)",
        (user_id, name, phone, seats, status.value, stamp, stamp),
    )
    await store.db.write(
        "INSERT INTO driver_sites (driver_id, site_id) VALUES (?, ?)", (driver_id, site_id)
    )
    if appeals is not None:
        await store.db.write(
            "UPDATE drivers SET appeals = ? WHERE id = ?", (int(appeals), driver_id)
        )
    return driver_id


async def round_id(store: Store, site_id: int, night: date) -> int:
    row = await store.db.one(
        "SELECT id FROM rounds WHERE site_id = ? AND night = ?", (site_id, night.isoformat())
    )
    assert row is not None, "the night has no round yet: save an offer or a request first"
    return int(row[0])


async def shift(
    store: Store,
    driver_id: int,
    site_id: int,
    night: date,
    now: datetime,
    *,
    starts: str = "20:00",
    ends: str = "23:30",
    seats: int = 4,
    trips: int = 3,
    active: bool = True,
) -> int:
    stamp = to_text(now)
    return await _insert(
        store,
        "INSERT INTO shifts (driver_id, round_id, starts, ends, seats, trips, status,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            driver_id,
            await round_id(store, site_id, night),
            starts,
            ends,
            seats,
            trips,
            "active" if active else "withdrawn",
            stamp,
            stamp,
        ),
    )


async def ride(
    store: Store,
    match_id: int,
    now: datetime,
    *,
    shift_id: int | None = None,
    status: RideStatus = RideStatus.ASSIGNED,
    meet_at: datetime | None = None,
) -> int:
    """A ride for a match; with `meet_at`, the match's meeting at that time (a driver comes)."""
    stamp = to_text(now)
    ride_id = await _insert(
        store,
        "INSERT INTO rides (match_id, shift_id, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (match_id, shift_id, status.value, stamp, stamp),
    )
    if meet_at is not None:
        await store.db.write(
            "INSERT INTO meetings (match_id, meet_at, comer, created_at) VALUES (?, ?, 'driver', ?)"
            " ON CONFLICT (match_id) DO UPDATE SET meet_at = excluded.meet_at",
            (match_id, to_text(meet_at), stamp),
        )
    return ride_id


async def refusal(
    store: Store, ride_id: int, shift_id: int, now: datetime, *, silent: bool = False
) -> None:
    await store.db.write(
        "INSERT INTO ride_refusals (ride_id, shift_id, silent, at) VALUES (?, ?, ?, ?)",
        (ride_id, shift_id, int(silent), to_text(now)),
    )


async def _insert(store: Store, sql: str, parameters: tuple[object, ...]) -> int:
    async with store.db.transaction() as tx:
        cursor = await tx.execute(sql, parameters)
        assert cursor.lastrowid is not None
        return cursor.lastrowid
