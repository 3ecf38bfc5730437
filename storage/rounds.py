"""Rounds: one per site and night, created on first use and closed exactly once."""

from __future__ import annotations

from datetime import date, datetime

import aiosqlite

from storage.timestamps import to_text


async def round_id(tx: aiosqlite.Connection, site_id: int, night: date, closes_at: datetime) -> int:
    """The round of (site, night), creating it open if nobody has used it yet."""
    await tx.execute(
        "INSERT INTO rounds (site_id, night, closes_at) VALUES (?, ?, ?) "
        "ON CONFLICT (site_id, night) DO NOTHING",
        (site_id, night.isoformat(), to_text(closes_at)),
    )
    async with tx.execute(
        "SELECT id FROM rounds WHERE site_id = ? AND night = ?", (site_id, night.isoformat())
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def is_closed(db: aiosqlite.Connection, site_id: int, night: date) -> bool:
    async with db.execute(
        "SELECT status FROM rounds WHERE site_id = ? AND night = ?", (site_id, night.isoformat())
    ) as cursor:
        row = await cursor.fetchone()
    return row is not None and row[0] == "closed"
