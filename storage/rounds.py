"""Rounds: one per site and night, created on first use, closed once and matched once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from dispatch.models import RoundStatus
from storage.db import every, one
from storage.timestamps import to_text


@dataclass(frozen=True)
class RoundState:
    """Where a round stands; a round nobody used yet is neither closed nor matched."""

    closed: bool = False
    matched: bool = False


async def round_id(tx: aiosqlite.Connection, site_id: int, night: date, closes_at: datetime) -> int:
    """The round of (site, night), creating it open if nobody has used it yet."""
    await tx.execute(
        "INSERT INTO rounds (site_id, night, closes_at) VALUES (?, ?, ?) "
        "ON CONFLICT (site_id, night) DO NOTHING",
        (site_id, night.isoformat(), to_text(closes_at)),
    )
    found = await existing_round(tx, site_id, night)
    assert found is not None
    return found


async def existing_round(db: aiosqlite.Connection, site_id: int, night: date) -> int | None:
    row = await one(
        db, "SELECT id FROM rounds WHERE site_id = ? AND night = ?", (site_id, night.isoformat())
    )
    return int(row["id"]) if row else None


async def close(
    tx: aiosqlite.Connection, site_id: int, night: date, closes_at: datetime, now: datetime
) -> bool:
    """Close the round (creating it if nobody offered or asked); False if already closed."""
    await round_id(tx, site_id, night, closes_at)
    cursor = await tx.execute(
        "UPDATE rounds SET status = 'closed', closed_at = ? WHERE site_id = ? AND night = ?"
        " AND status = 'open'",
        (to_text(now), site_id, night.isoformat()),
    )
    return cursor.rowcount == 1


async def state(db: aiosqlite.Connection, site_id: int, night: date) -> RoundState:
    row = await one(
        db,
        "SELECT status, matched_at FROM rounds WHERE site_id = ? AND night = ?",
        (site_id, night.isoformat()),
    )
    if row is None:
        return RoundState()
    closed = RoundStatus(row["status"]) is RoundStatus.CLOSED
    return RoundState(closed=closed, matched=row["matched_at"] is not None)


async def mark_matched(tx: aiosqlite.Connection, round_: int, now: datetime) -> None:
    """The first matching of a round is written: later passes only re-dispatch."""
    await tx.execute(
        "UPDATE rounds SET matched_at = COALESCE(matched_at, ?) WHERE id = ?",
        (to_text(now), round_),
    )


async def due(db: aiosqlite.Connection, now: datetime) -> list[tuple[int, date]]:
    """Rounds whose cut-off has passed but whose matching has not been written yet."""
    return [
        (int(row["site_id"]), date.fromisoformat(row["night"]))
        for row in await every(
            db,
            "SELECT site_id, night FROM rounds WHERE matched_at IS NULL AND closes_at <= ?"
            " ORDER BY closes_at",
            (to_text(now),),
        )
    ]
