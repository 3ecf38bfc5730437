"""Drivers: their profile, the sites they drive for and their vetting status.

A vetting decision writes the status, the driver's notice and the audit entry in one
transaction, so the driver is told exactly once and the log never lies.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from dispatch.drivers import DriverDetails, DriverProfile, DriverStatus
from dispatch.groups import GroupType, Household
from storage.audit import write as audit
from storage.db import Database, every, one
from storage.timestamps import to_text
from storage.tombstones import SUSPENDED_AGAIN, lift

COLUMNS = (
    "id, user_id, display_name, phone, crew, drives, seats, child_seats, charter_version, status"
)

# Which decision may follow which status: a decision on a stale card does nothing.
ALLOWED_FROM: dict[DriverStatus, tuple[DriverStatus, ...]] = {
    DriverStatus.VETTED: (DriverStatus.PENDING, DriverStatus.SUSPENDED, DriverStatus.REJECTED),
    DriverStatus.REJECTED: (DriverStatus.PENDING,),
    DriverStatus.SUSPENDED: (DriverStatus.VETTED,),
}


def _profile(row: sqlite3.Row, site_ids: tuple[int, ...]) -> DriverProfile:
    details = DriverDetails(
        display_name=row["display_name"],
        phone=row["phone"],
        crew=Household(row["crew"]),
        drives=frozenset(GroupType(g) for g in json.loads(row["drives"])),
        seats=int(row["seats"]),
        child_seats=int(row["child_seats"]),
        site_ids=site_ids,
    )
    return DriverProfile(
        id=row["id"],
        user_id=row["user_id"],
        details=details,
        charter_version=row["charter_version"],
        status=DriverStatus(row["status"]),
    )


def _values(details: DriverDetails) -> tuple[object, ...]:
    return (
        details.display_name,
        details.phone,
        details.crew.value,
        json.dumps(sorted(g.value for g in details.drives)),
        details.seats,
        details.child_seats,
    )


class DriverRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def by_user(self, user_id: int) -> DriverProfile | None:
        async with self._db.reading() as db:
            return await _one(db, "user_id = ?", user_id)

    async def get(self, driver_id: int) -> DriverProfile | None:
        async with self._db.reading() as db:
            return await _one(db, "id = ?", driver_id)

    async def of_sites(self, site_ids: Collection[int] | None) -> list[DriverProfile]:
        """Drivers of these sites (None: every driver), those waiting first, then by name."""
        where, params = "", ()  # type: tuple[str, tuple[int, ...]]
        if site_ids is not None:
            ids = tuple(site_ids)
            marks = ", ".join("?" for _ in ids) or "NULL"
            where = f" WHERE id IN (SELECT driver_id FROM driver_sites WHERE site_id IN ({marks}))"
            params = ids
        async with self._db.reading() as db:
            rows = await every(
                db,
                f"SELECT {COLUMNS} FROM drivers{where}"
                " ORDER BY status <> 'pending', display_name, id",
                params,
            )
            return [_profile(row, await _site_ids(db, row["id"])) for row in rows]

    async def mixed_sites(self) -> frozenset[int]:
        """Sites whose cars may carry whom a crew's non-mixité forbids (the setting is off)."""
        rows = await self._db.every("SELECT id FROM sites WHERE car_non_mixite = 0")
        return frozenset(int(row["id"]) for row in rows)

    async def set_car_non_mixite(
        self, site_id: int, on: bool, actor_id: int, now: datetime
    ) -> bool:
        """Switch the site's non-mixité rule in cars, audited; False for an unknown site."""
        async with self._db.transaction() as tx:
            cursor = await tx.execute(
                "UPDATE sites SET car_non_mixite = ? WHERE id = ?", (int(on), site_id)
            )
            if cursor.rowcount != 1:
                return False
            detail = {"setting": "car_non_mixite", "on": on}
            await audit(tx, now, actor_id, "site.edit", f"site:{site_id}", detail)
        return True


@dataclass(frozen=True)
class DriverDecided:
    previous: DriverStatus  # the status the driver had
    user_id: int
    entry: int  # the decision's audit entry


async def decide_in(
    tx: aiosqlite.Connection, driver_id: int, status: DriverStatus, actor_id: int, now: datetime
) -> DriverDecided | None:
    """Move the driver to `status`, audited; None if not allowed now."""
    row = await one(tx, "SELECT user_id, status FROM drivers WHERE id = ?", (driver_id,))
    if row is None or DriverStatus(row["status"]) not in ALLOWED_FROM[status]:
        return None
    previous = DriverStatus(row["status"])
    await write_status(tx, driver_id, status, now)
    if previous is DriverStatus.SUSPENDED:
        await lift(tx, int(row["user_id"]), "suspended")
    detail = {"from": previous.value}
    entry = await audit(tx, now, actor_id, f"driver.{status.value}", f"driver:{driver_id}", detail)
    return DriverDecided(previous, int(row["user_id"]), entry)


async def register_in(
    tx: aiosqlite.Connection, user_id: int, details: DriverDetails, charter: int, now: datetime
) -> int:
    """A new driver waits for vetting (a suspended driver who erased their data comes back
    suspended); registering again updates the same profile. Returns the driver's id."""
    await tx.execute(
        "INSERT INTO drivers (user_id, display_name, phone, crew, drives, seats, child_seats,"
        f" charter_version, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
        f" {SUSPENDED_AGAIN}, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
        " display_name = excluded.display_name, phone = excluded.phone, crew = excluded.crew,"
        " drives = excluded.drives, seats = excluded.seats, child_seats = excluded.child_seats,"
        " charter_version = excluded.charter_version, updated_at = excluded.updated_at",
        (user_id, *_values(details), charter, user_id, to_text(now), to_text(now)),
    )
    row = await one(tx, "SELECT id FROM drivers WHERE user_id = ?", (user_id,))
    assert row is not None
    await _set_sites(tx, int(row["id"]), details.site_ids)
    return int(row["id"])


async def profile_in(db: aiosqlite.Connection, user_id: int) -> DriverProfile | None:
    """A user's driver profile as the caller's transaction sees it."""
    return await _one(db, "user_id = ?", user_id)


async def write_status(
    tx: aiosqlite.Connection, driver_id: int, status: DriverStatus, now: datetime
) -> None:
    await tx.execute(
        "UPDATE drivers SET status = ?, updated_at = ? WHERE id = ?",
        (status.value, to_text(now), driver_id),
    )


async def driver_id_of(db: aiosqlite.Connection, user_id: int) -> int | None:
    row = await one(db, "SELECT id FROM drivers WHERE user_id = ?", (user_id,))
    return int(row["id"]) if row else None


async def _one(db: aiosqlite.Connection, where: str, value: int) -> DriverProfile | None:
    row = await one(db, f"SELECT {COLUMNS} FROM drivers WHERE {where}", (value,))
    return _profile(row, await _site_ids(db, int(row["id"]))) if row else None


async def _set_sites(tx: aiosqlite.Connection, driver_id: int, site_ids: tuple[int, ...]) -> None:
    await tx.execute("DELETE FROM driver_sites WHERE driver_id = ?", (driver_id,))
    await tx.executemany(
        "INSERT INTO driver_sites (driver_id, site_id) VALUES (?, ?)",
        [(driver_id, site_id) for site_id in site_ids],
    )


async def _site_ids(db: aiosqlite.Connection, driver_id: int) -> tuple[int, ...]:
    rows = await every(
        db, "SELECT site_id FROM driver_sites WHERE driver_id = ? ORDER BY site_id", (driver_id,)
    )
    return tuple(int(row["site_id"]) for row in rows)
