"""The SQL of a dispatcher's corrections (usecases/overrides.py decides what they mean and
who is told): the round a move stays in, a match cancelled with its group waiting again, an
offer withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from dispatch.readmodels import MatchView
from storage.db import one
from storage.matches import cancel, view_in
from storage.timestamps import to_text

REASON_MOVED = '[{"code": "dispatcher_move"}]'


@dataclass(frozen=True)
class Withdrawn:
    """An offer just withdrawn: whose it was, and the night it was for."""

    host_user_id: int
    site_id: int
    night: date


async def same_round(tx: aiosqlite.Connection, request_id: int, offer_id: int) -> int | None:
    """The round both belong to, if the request still asks and the offer is still active."""
    row = await one(
        tx,
        "SELECT q.round_id FROM requests q JOIN offers o ON o.round_id = q.round_id"
        " WHERE q.id = ? AND o.id = ? AND q.status IN ('waiting', 'matched')"
        " AND o.status = 'active'",
        (request_id, offer_id),
    )
    return int(row["round_id"]) if row else None


async def mark_matched(tx: aiosqlite.Connection, request_id: int, now: datetime) -> None:
    await tx.execute(
        "UPDATE requests SET status = 'matched', updated_at = ? WHERE id = ?",
        (to_text(now), request_id),
    )


async def cancel_match(tx: aiosqlite.Connection, match_id: int, now: datetime) -> MatchView:
    """Cancel a live match and put its group back to waiting; the match as it was before."""
    before = await view_in(tx, match_id)
    await cancel(tx, match_id, now)
    await tx.execute(
        "UPDATE requests SET status = 'waiting', updated_at = ? WHERE id = ?",
        (to_text(now), before.request_id),
    )
    return before


async def withdraw(tx: aiosqlite.Connection, offer_id: int, now: datetime) -> Withdrawn | None:
    """Withdraw an active offer; None if it was not active any more."""
    offer = await one(
        tx,
        "SELECT h.user_id, r.site_id, r.night FROM offers o JOIN rounds r ON"
        " r.id = o.round_id JOIN hosts h ON h.id = o.host_id WHERE o.id = ?"
        " AND o.status = 'active'",
        (offer_id,),
    )
    if offer is None:
        return None
    await tx.execute(
        "UPDATE offers SET status = 'withdrawn', updated_at = ? WHERE id = ?",
        (to_text(now), offer_id),
    )
    return Withdrawn(offer["user_id"], offer["site_id"], date.fromisoformat(offer["night"]))
