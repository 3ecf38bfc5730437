"""A dispatcher's corrections to tonight's dispatch, each one transaction with its notices and
its audit entry: move a group to another host, take a host out for tonight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import aiosqlite

from dispatch import notices
from dispatch.evening import Decision
from dispatch.models import MatchStatus
from storage.audit import write as audit
from storage.db import Database, one
from storage.matches import live_of_offer, propose, view_in
from storage.outbox import enqueue
from storage.timestamps import to_text

REASON_MOVED = '[{"code": "dispatcher_move"}]'


@dataclass(frozen=True)
class TakenOut:
    site_id: int
    night: date
    released: int  # groups put back into tonight's dispatch


class OverrideRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def move(
        self, request_id: int, offer_id: int, code: str, actor_id: int, note: str, now: datetime
    ) -> int | None:
        return await self._db.run(
            lambda tx: move(tx, request_id, offer_id, code, actor_id, note, now)
        )

    async def take_out(
        self, offer_id: int, actor_id: int, note: str, now: datetime, *, tell_host: bool = True
    ) -> TakenOut | None:
        return await self._db.run(
            lambda tx: take_out(tx, offer_id, actor_id, note, now, tell_host=tell_host)
        )


async def move(
    tx: aiosqlite.Connection,
    request_id: int,
    offer_id: int,
    code: str,
    actor_id: int,
    note: str,
    now: datetime,
) -> int | None:
    """Give the group to this offer instead; None if either changed meanwhile."""
    round_ = await _same_round(tx, request_id, offer_id)
    if round_ is None:
        return None
    live = await one(
        tx,
        "SELECT id, offer_id, status FROM matches WHERE request_id = ? AND status IN"
        " ('proposed', 'confirmed', 'picked_up')",
        (request_id,),
    )
    if live is not None and (live["offer_id"] == offer_id or live["status"] == "picked_up"):
        return None
    if live is not None:
        await _end_match(tx, int(live["id"]), True, now)
    await tx.execute(
        "UPDATE requests SET status = 'matched', updated_at = ? WHERE id = ?",
        (to_text(now), request_id),
    )
    decision = Decision(request_id, offer_id, code, REASON_MOVED)
    match_id = await propose(tx, round_, decision, now)
    detail: dict[str, Any] = {"request": request_id, "offer": offer_id, "note": note}
    await audit(tx, now, actor_id, "match.move", f"match:{match_id}", detail)
    return match_id


async def take_out(
    tx: aiosqlite.Connection,
    offer_id: int,
    actor_id: int,
    note: str,
    now: datetime,
    *,
    tell_host: bool = True,
) -> TakenOut | None:
    """Withdraw tonight's offer and put its groups back; guests already collected stay."""
    offer = await one(
        tx,
        "SELECT o.host_id, h.user_id, r.site_id, r.night FROM offers o JOIN rounds r ON"
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
    live = await live_of_offer(tx, offer_id)
    for match_id in live:
        await _end_match(tx, match_id, False, now)
    detail: dict[str, Any] = {"released": len(live), "note": note}
    entry = await audit(tx, now, actor_id, "offer.take_out", f"offer:{offer_id}", detail)
    if tell_host:  # a suspended host already hears it in the suspension notice
        await enqueue(tx, offer["user_id"], notices.TakenOut(offer_id), f"out:{entry}", now)
    return TakenOut(offer["site_id"], date.fromisoformat(offer["night"]), len(live))


async def _same_round(tx: aiosqlite.Connection, request_id: int, offer_id: int) -> int | None:
    """The round both belong to, if the request still asks and the offer is still active."""
    row = await one(
        tx,
        "SELECT q.round_id FROM requests q JOIN offers o ON o.round_id = q.round_id"
        " WHERE q.id = ? AND o.id = ? AND q.status IN ('waiting', 'matched')"
        " AND o.status = 'active'",
        (request_id, offer_id),
    )
    return int(row["round_id"]) if row else None


async def _end_match(
    tx: aiosqlite.Connection, match_id: int, tell_host: bool, now: datetime
) -> None:
    """Cancel a live match: the host is told not to come (when asked), the group waits again,
    and a guest who already had the host's details hears that plans changed."""
    view = await view_in(tx, match_id)
    await tx.execute(
        "UPDATE matches SET status = 'cancelled', updated_at = ? WHERE id = ?",
        (to_text(now), match_id),
    )
    await tx.execute(
        "UPDATE requests SET status = 'waiting', updated_at = ? WHERE id = ?",
        (to_text(now), view.request_id),
    )
    if tell_host:
        await enqueue(
            tx, view.host_user_id, notices.MovedAway(match_id), f"match:{match_id}:away", now
        )
    if view.status is MatchStatus.CONFIRMED:
        await enqueue(
            tx,
            view.guest_chat_id,
            notices.HostChanged(match_id),
            f"match:{match_id}:changed",
            now,
        )
