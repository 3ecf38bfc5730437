"""Tests' drivers: a vetted driver with tonight's shift, inserted directly (registration
lives elsewhere). Works on any open Store, in unit and end-to-end tests alike."""

from __future__ import annotations

import json
from datetime import date, datetime

import aiosqlite

from dispatch.groups import GroupType, Household
from storage import rounds
from storage.store import Store
from storage.timestamps import to_text

EVERYONE = tuple(GroupType)


async def driver(
    store: Store,
    user_id: int,
    site_id: int,
    night: date,
    closes_at: datetime,
    now: datetime,
    *,
    name: str = "Sami",
    crew: Household = Household.COUPLE,
    drives: tuple[GroupType, ...] = EVERYONE,
    seats: int = 4,
    child_seats: int = 0,
    trips: int = 1,
    locale: str | None = None,
) -> int:
    """A vetted driver at the site with an active shift tonight; the shift's id."""

    async def work(tx: aiosqlite.Connection) -> int:
        stamp = to_text(now)
        await tx.execute(
            "INSERT INTO users (id, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET locale = COALESCE(excluded.locale, locale)",
            (user_id, locale, stamp, stamp),
        )
        cursor = await tx.execute(
            "INSERT INTO drivers (user_id, display_name, crew, drives, seats, child_seats,"
            " charter_version, status, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 1, 'vetted', ?, ?)",
            (
                user_id,
                name,
                crew.value,
                json.dumps([g.value for g in drives]),
                seats,
                child_seats,
                stamp,
                stamp,
            ),
        )
        driver_id = cursor.lastrowid
        await tx.execute(
            "INSERT INTO driver_sites (driver_id, site_id) VALUES (?, ?)", (driver_id, site_id)
        )
        round_ = await rounds.round_id(tx, site_id, night, closes_at)
        cursor = await tx.execute(
            "INSERT INTO shifts (driver_id, round_id, starts, ends, seats, child_seats, trips,"
            " created_at, updated_at) VALUES (?, ?, '18:00', '23:30', ?, ?, ?, ?, ?)",
            (driver_id, round_, seats, child_seats, trips, stamp, stamp),
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    return await store.db.run(work)
