"""Hosts' offers of beds, one per host and night."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time

import aiosqlite

from dispatch.models import Offer, OfferStatus
from storage.db import Database
from storage.rounds import round_id
from storage.timestamps import to_text

SELECT = (
    "SELECT o.id, o.host_id, r.site_id, r.night, o.beds, o.latest_pickup, o.nights, o.note,"
    " o.status FROM offers o JOIN rounds r ON r.id = o.round_id"
)


def _offer(row: sqlite3.Row) -> Offer:
    return Offer(
        id=row["id"],
        host_id=row["host_id"],
        site_id=row["site_id"],
        night=date.fromisoformat(row["night"]),
        beds=row["beds"],
        latest_pickup=time.fromisoformat(row["latest_pickup"]),
        nights=row["nights"],
        note=row["note"],
        status=OfferStatus(row["status"]),
    )


class OfferRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save(
        self,
        *,
        host_id: int,
        site_id: int,
        night: date,
        closes_at: datetime,
        beds: int,
        latest_pickup: time,
        nights: int,
        note: str | None,
        now: datetime,
    ) -> Offer:
        """Tonight's offer; offering again the same night replaces the earlier one."""
        await self._db.run(
            lambda tx: save(
                tx, host_id, site_id, night, closes_at, beds, latest_pickup, nights, note, now
            )
        )
        offer = await self.for_night(host_id, night)
        assert offer is not None
        return offer

    async def for_night(self, host_id: int, night: date) -> Offer | None:
        row = await self._db.one(
            f"{SELECT} WHERE o.host_id = ? AND r.night = ? ORDER BY o.id DESC LIMIT 1",
            (host_id, night.isoformat()),
        )
        return _offer(row) if row else None

    async def withdraw(self, offer_id: int, now: datetime) -> None:
        await self._db.run_single(lambda tx: withdraw(tx, offer_id, now))

    async def active_for_round(self, site_id: int, night: date) -> list[Offer]:
        return [
            _offer(row)
            for row in await self._db.every(
                f"{SELECT} WHERE r.site_id = ? AND r.night = ? AND o.status = 'active'"
                " ORDER BY o.id",
                (site_id, night.isoformat()),
            )
        ]


async def withdraw(tx: aiosqlite.Connection, offer_id: int, now: datetime) -> bool:
    """The offer no longer counts for its night; False if it was not active."""
    cursor = await tx.execute(
        "UPDATE offers SET status = 'withdrawn', updated_at = ? WHERE id = ? AND status = 'active'",
        (to_text(now), offer_id),
    )
    return cursor.rowcount == 1


async def save(
    tx: aiosqlite.Connection,
    host_id: int,
    site_id: int,
    night: date,
    closes_at: datetime,
    beds: int,
    latest_pickup: time,
    nights: int,
    note: str | None,
    now: datetime,
) -> None:
    """Tonight's offer, in the caller's transaction; offering again the same night replaces
    the earlier one (at this site or another)."""
    round_ = await round_id(tx, site_id, night, closes_at)
    await tx.execute(
        "DELETE FROM offers WHERE host_id = ? AND id IN (SELECT o.id FROM offers o"
        " JOIN rounds r ON r.id = o.round_id WHERE r.night = ? AND o.round_id != ?)",
        (host_id, night.isoformat(), round_),
    )
    await tx.execute(
        "INSERT INTO offers (host_id, round_id, beds, latest_pickup, nights, note,"
        " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)"
        " ON CONFLICT (host_id, round_id) DO UPDATE SET beds = excluded.beds,"
        " latest_pickup = excluded.latest_pickup, nights = excluded.nights,"
        " note = excluded.note, status = 'active', updated_at = excluded.updated_at",
        (
            host_id,
            round_,
            beds,
            latest_pickup.strftime("%H:%M"),
            nights,
            note,
            to_text(now),
            to_text(now),
        ),
    )
