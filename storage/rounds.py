"""Rounds: one per site and night, created on first use and closed exactly once."""

from __future__ import annotations

from datetime import date, datetime

import aiosqlite

from storage.db import one
from storage.timestamps import to_text


async def round_id(tx: aiosqlite.Connection, site_id: int, night: date, closes_at: datetime) -> int:
    """The round of (site, night), creating it open if nobody has used it yet."""
    await tx.execute(
        "INSERT INTO rounds (site_id, night, closes_at) VALUES (?, ?, ?) "
        "ON CONFLICT (site_id, night) DO NOTHING",
        (site_id, night.isoformat(), to_text(closes_at)),
    )
    row = await one(
        tx, "SELECT id FROM rounds WHERE site_id = ? AND night = ?", (site_id, night.isoformat())
    )
    assert row is not None
    return int(row[0])
