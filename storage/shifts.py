"""Drivers' shifts (one per driver and night) and their weekly patterns.

`vetted_shifts` is the loader other features use: tonight's active shifts of one site, of
vetted drivers only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import date, datetime, time

import aiosqlite

from dispatch.drivers import DriverPattern, Shift, ShiftStatus
from storage.db import Database, every, one
from storage.rounds import round_id
from storage.timestamps import to_text

SELECT = (
    "SELECT s.id, s.driver_id, r.site_id, r.night, s.starts, s.ends, s.seats, s.child_seats,"
    " s.trips, s.status FROM shifts s JOIN rounds r ON r.id = s.round_id"
)
PATTERN = (
    "SELECT driver_id, site_id, weekdays, reminder_time, starts, ends, seats, trips,"
    " last_prompted_night FROM driver_patterns"
)
LIVE_RIDES = "('planned', 'assigned', 'confirmed', 'picked_up')"


def _shift(row: sqlite3.Row) -> Shift:
    return Shift(
        id=int(row["id"]),
        driver_id=int(row["driver_id"]),
        site_id=int(row["site_id"]),
        night=date.fromisoformat(row["night"]),
        starts=time.fromisoformat(row["starts"]),
        ends=time.fromisoformat(row["ends"]),
        seats=int(row["seats"]),
        child_seats=int(row["child_seats"]),
        trips=int(row["trips"]),
        status=ShiftStatus(row["status"]),
    )


def _pattern(row: sqlite3.Row) -> DriverPattern:
    last = row["last_prompted_night"]
    return DriverPattern(
        driver_id=int(row["driver_id"]),
        site_id=int(row["site_id"]),
        weekdays=frozenset(json.loads(row["weekdays"])),
        reminder=time.fromisoformat(row["reminder_time"]),
        starts=time.fromisoformat(row["starts"]),
        ends=time.fromisoformat(row["ends"]),
        seats=int(row["seats"]),
        trips=int(row["trips"]),
        last_prompted_night=date.fromisoformat(last) if last else None,
    )


async def vetted_shifts(db: aiosqlite.Connection, site_id: int, night: date) -> list[Shift]:
    """Tonight's active shifts at one site, of vetted drivers only, oldest shift first."""
    rows = await every(
        db,
        f"{SELECT} JOIN drivers d ON d.id = s.driver_id WHERE r.site_id = ? AND r.night = ?"
        " AND s.status = 'active' AND d.status = 'vetted' ORDER BY s.id",
        (site_id, night.isoformat()),
    )
    return [_shift(row) for row in rows]


async def save_in(
    tx: aiosqlite.Connection,
    shift: Shift,
    closes_at: datetime,
    now: datetime,
) -> int:
    """Tonight's shift at `shift.site_id`; another for the same night (at any site) goes."""
    round_ = await round_id(tx, shift.site_id, shift.night, closes_at)
    await tx.execute(
        "DELETE FROM shifts WHERE driver_id = ? AND round_id <> ? AND round_id IN"
        " (SELECT id FROM rounds WHERE night = ?)",
        (shift.driver_id, round_, shift.night.isoformat()),
    )
    await tx.execute(
        "INSERT INTO shifts (driver_id, round_id, starts, ends, seats, child_seats, trips,"
        " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)"
        " ON CONFLICT (driver_id, round_id) DO UPDATE SET starts = excluded.starts,"
        " ends = excluded.ends, seats = excluded.seats, child_seats = excluded.child_seats,"
        " trips = excluded.trips, status = 'active', updated_at = excluded.updated_at",
        (
            shift.driver_id,
            round_,
            shift.starts.strftime("%H:%M"),
            shift.ends.strftime("%H:%M"),
            shift.seats,
            shift.child_seats,
            shift.trips,
            to_text(now),
            to_text(now),
        ),
    )
    row = await one(
        tx, "SELECT id FROM shifts WHERE driver_id = ? AND round_id = ?", (shift.driver_id, round_)
    )
    assert row is not None
    return int(row["id"])


async def withdraw_in(tx: aiosqlite.Connection, shift_id: int, now: datetime) -> bool:
    cursor = await tx.execute(
        "UPDATE shifts SET status = 'withdrawn', updated_at = ? WHERE id = ? AND status = 'active'",
        (to_text(now), shift_id),
    )
    return cursor.rowcount == 1


async def withdraw_from(
    tx: aiosqlite.Connection, driver_id: int, from_night: date, now: datetime
) -> int:
    """Every active shift of the driver from `from_night` on (a block or a suspension)."""
    cursor = await tx.execute(
        "UPDATE shifts SET status = 'withdrawn', updated_at = ? WHERE driver_id = ?"
        " AND status = 'active' AND round_id IN (SELECT id FROM rounds WHERE night >= ?)",
        (to_text(now), driver_id, from_night.isoformat()),
    )
    return cursor.rowcount


async def since_in(db: aiosqlite.Connection, driver_id: int, night: date) -> list[Shift]:
    rows = await every(
        db,
        f"{SELECT} WHERE s.driver_id = ? AND r.night >= ? ORDER BY r.night DESC, s.id DESC",
        (driver_id, night.isoformat()),
    )
    return [_shift(row) for row in rows]


class ShiftRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def vetted(self, site_id: int, night: date) -> list[Shift]:
        """Tonight's active shifts of vetted drivers at one site (see `vetted_shifts`)."""
        async with self._db.reading() as db:
            return await vetted_shifts(db, site_id, night)

    async def since(self, driver_id: int, night: date) -> list[Shift]:
        """A driver's shifts from `night` on, the latest night first."""
        async with self._db.reading() as db:
            return await since_in(db, driver_id, night)

    async def live_rides(self, user_id: int, nights: Mapping[int, date]) -> int:
        """Rides still to drive on this person's shifts, from the night in progress at each
        site on (`nights`, by site)."""
        count = 0
        for site_id, night in nights.items():
            row = await self._db.one(
                "SELECT COUNT(*) FROM rides x JOIN shifts s ON s.id = x.shift_id JOIN drivers d"
                " ON d.id = s.driver_id JOIN rounds r ON r.id = s.round_id WHERE d.user_id = ?"
                f" AND r.site_id = ? AND r.night >= ? AND x.status IN {LIVE_RIDES}",
                (user_id, site_id, night.isoformat()),
            )
            count += int(row[0]) if row else 0
        return count

    async def save_pattern(self, pattern: DriverPattern, now: datetime) -> None:
        await self._db.write(
            "INSERT INTO driver_patterns (driver_id, site_id, weekdays, reminder_time, starts,"
            " ends, seats, trips, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (driver_id) DO UPDATE SET site_id = excluded.site_id,"
            " weekdays = excluded.weekdays, reminder_time = excluded.reminder_time,"
            " starts = excluded.starts, ends = excluded.ends, seats = excluded.seats,"
            " trips = excluded.trips",
            (
                pattern.driver_id,
                pattern.site_id,
                json.dumps(sorted(pattern.weekdays)),
                pattern.reminder.strftime("%H:%M"),
                pattern.starts.strftime("%H:%M"),
                pattern.ends.strftime("%H:%M"),
                pattern.seats,
                pattern.trips,
                to_text(now),
            ),
        )

    async def pattern(self, driver_id: int) -> DriverPattern | None:
        row = await self._db.one(f"{PATTERN} WHERE driver_id = ?", (driver_id,))
        return _pattern(row) if row else None

    async def delete_pattern(self, driver_id: int) -> bool:
        sql = "DELETE FROM driver_patterns WHERE driver_id = ?"
        return await self._db.write(sql, (driver_id,)) > 0

    async def patterns(self) -> list[DriverPattern]:
        return [_pattern(row) for row in await self._db.every(PATTERN)]

    async def claim_reminder(self, driver_id: int, night: date) -> bool:
        """True once per driver and night, so a reminder is never sent twice."""
        changed = await self._db.write(
            "UPDATE driver_patterns SET last_prompted_night = ? WHERE driver_id = ?"
            " AND (last_prompted_night IS NULL OR last_prompted_night < ?)",
            (night.isoformat(), driver_id, night.isoformat()),
        )
        return changed == 1
