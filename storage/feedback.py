"""The morning after: both sides are asked how the night went, and their verdicts kept."""

from __future__ import annotations

from datetime import date, datetime

import aiosqlite

from dispatch import notices
from dispatch.readmodels import MatchView
from storage.db import every
from storage.matches import MATCH_SELECT, match_view, view_in
from storage.timestamps import to_text


async def ask(tx: aiosqlite.Connection, night: date, now: datetime) -> list[MatchView]:
    """Mark asked each match of that night that took place and was not asked yet: those."""
    views = [
        match_view(row)
        for row in await every(
            tx,
            f"{MATCH_SELECT} WHERE r.night = ? AND m.status IN ('confirmed', 'picked_up')"
            " AND m.feedback_asked_at IS NULL",
            (night.isoformat(),),
        )
    ]
    for view in views:
        await tx.execute(
            "UPDATE matches SET feedback_asked_at = ? WHERE id = ?", (to_text(now), view.id)
        )
    return views


async def record(
    tx: aiosqlite.Connection, match_id: int, side: notices.Side, verdict: str, now: datetime
) -> bool:
    """Record one side's verdict; a problem means this pair is never matched again."""
    cursor = await tx.execute(
        "INSERT OR IGNORE INTO feedback (match_id, side, verdict, at) VALUES (?, ?, ?, ?)",
        (match_id, side, verdict, to_text(now)),
    )
    if cursor.rowcount != 1:
        return False
    if verdict == "problem":
        view = await view_in(tx, match_id)
        await tx.execute(
            "INSERT OR IGNORE INTO pair_blocks (host_id, guest_id, night, reason,"
            " created_at) VALUES (?, ?, NULL, 'reported', ?)",
            (view.host_id, view.guest_id, to_text(now)),
        )
    return True
