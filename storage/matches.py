"""Matches: the row that pairs a request with an offer, read as one view and moved through
its statuses. Each write runs in the caller's transaction; the use case decides what follows."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import aiosqlite

from dispatch.evening import Decision
from dispatch.models import MatchStatus
from dispatch.party import Party
from dispatch.readmodels import MatchView
from storage.db import every, one
from storage.timestamps import from_text, to_text

MATCH_SELECT = (
    "SELECT m.id, m.status, r.night, r.site_id, m.pickup_code, q.id AS request_id, g.id AS"
    " guest_id, g.alias, q.women, q.men, q.children, q.children_ages, q.languages,"
    " COALESCE(g.user_id, g.registered_by) AS guest_chat_id, g.user_id IS NULL AS walk_in,"
    " h.id AS host_id, h.user_id AS host_user_id, h.display_name, o.latest_pickup, m.created_at,"
    " o.id AS offer_id"
    " FROM matches m JOIN rounds r ON r.id = m.round_id JOIN requests q ON q.id = m.request_id"
    " JOIN guests g ON g.id = q.guest_id JOIN offers o ON o.id = m.offer_id"
    " JOIN hosts h ON h.id = o.host_id"
)


def party_of(row: aiosqlite.Row) -> Party:
    """A party from a row with a request's women, men, children and children_ages."""
    return Party(row["women"], row["men"], row["children"], tuple(json.loads(row["children_ages"])))


def match_view(row: aiosqlite.Row) -> MatchView:
    return MatchView(
        id=row["id"],
        status=MatchStatus(row["status"]),
        night=date.fromisoformat(row["night"]),
        site_id=row["site_id"],
        code=row["pickup_code"],
        request_id=row["request_id"],
        guest_id=row["guest_id"],
        alias=row["alias"],
        party=party_of(row),
        languages=tuple(json.loads(row["languages"])),
        guest_chat_id=row["guest_chat_id"],
        walk_in=bool(row["walk_in"]),
        host_id=row["host_id"],
        host_user_id=row["host_user_id"],
        host_name=row["display_name"],
        latest_pickup=time.fromisoformat(row["latest_pickup"]),
        created_at=from_text(row["created_at"]),
        offer_id=row["offer_id"],
    )


async def find_view(db: aiosqlite.Connection, match_id: int) -> MatchView | None:
    """A match as both sides and the dispatchers see it; None once it is gone (purged)."""
    row = await one(db, f"{MATCH_SELECT} WHERE m.id = ?", (match_id,))
    return match_view(row) if row else None


async def view_in(tx: aiosqlite.Connection, match_id: int) -> MatchView:
    view = await find_view(tx, match_id)
    assert view is not None
    return view


async def propose(tx: aiosqlite.Connection, round_: int, decision: Decision, now: datetime) -> int:
    """A match proposed to its host, in the caller's transaction (the evening's matching and
    a dispatcher's move both make them; the use case tells the host)."""
    cursor = await tx.execute(
        "INSERT INTO matches (round_id, offer_id, request_id, pickup_code, reason, status,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?)",
        (
            round_,
            decision.offer_id,
            decision.request_id,
            decision.code,
            decision.reason,
            to_text(now),
            to_text(now),
        ),
    )
    match_id = cursor.lastrowid
    assert match_id is not None
    return match_id


async def confirm(tx: aiosqlite.Connection, match_id: int, now: datetime) -> MatchView | None:
    """The host said yes; None if the proposal was no longer open."""
    cursor = await tx.execute(
        "UPDATE matches SET status = 'confirmed', confirmed_at = ?, updated_at = ?"
        " WHERE id = ? AND status = 'proposed'",
        (to_text(now), to_text(now), match_id),
    )
    if cursor.rowcount != 1:
        return None
    return await view_in(tx, match_id)


async def release(
    tx: aiosqlite.Connection, match_id: int, status: MatchStatus, now: datetime
) -> MatchView | None:
    """End a proposal (`declined` or `expired`): the group waits again, and this pair is not
    proposed again tonight. None if the proposal was already answered."""
    cursor = await tx.execute(
        "UPDATE matches SET status = ?, updated_at = ? WHERE id = ? AND status = 'proposed'",
        (status, to_text(now), match_id),
    )
    if cursor.rowcount != 1:
        return None
    view = await view_in(tx, match_id)
    await tx.execute(
        "UPDATE requests SET status = 'waiting', updated_at = ? WHERE id = ?"
        " AND status = 'matched'",
        (to_text(now), view.request_id),
    )
    await tx.execute(
        "INSERT OR IGNORE INTO pair_blocks (host_id, guest_id, night, reason, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (view.host_id, view.guest_id, view.night.isoformat(), status, to_text(now)),
    )
    return view


async def cancel(tx: aiosqlite.Connection, match_id: int, now: datetime) -> MatchView:
    """Mark a live match cancelled (the caller decides who is told and what waits again)."""
    await tx.execute(
        "UPDATE matches SET status = 'cancelled', updated_at = ? WHERE id = ?",
        (to_text(now), match_id),
    )
    return await view_in(tx, match_id)


async def cancel_for_request(
    tx: aiosqlite.Connection, request_id: int, now: datetime
) -> list[MatchView]:
    """End the request's proposed or confirmed match (a guest collected keeps theirs); the
    matches ended, for the caller to tell their hosts."""
    rows = await every(
        tx,
        "SELECT id FROM matches WHERE request_id = ? AND status IN ('proposed', 'confirmed')",
        (request_id,),
    )
    return [await cancel(tx, int(row["id"]), now) for row in rows]


async def picked_up(tx: aiosqlite.Connection, match_id: int, now: datetime) -> bool:
    cursor = await tx.execute(
        "UPDATE matches SET status = 'picked_up', picked_up_at = ?, updated_at = ?"
        " WHERE id = ? AND status = 'confirmed'",
        (to_text(now), to_text(now), match_id),
    )
    return cursor.rowcount == 1


async def live_of_offer(db: aiosqlite.Connection, offer_id: int) -> list[int]:
    """The offer's matches that a taken-out host would still have to honour."""
    rows = await every(
        db,
        "SELECT id FROM matches WHERE offer_id = ? AND status IN ('proposed', 'confirmed')",
        (offer_id,),
    )
    return [int(row["id"]) for row in rows]


async def live_of_request(db: aiosqlite.Connection, request_id: int) -> MatchView | None:
    row = await one(
        db,
        f"{MATCH_SELECT} WHERE q.id = ? AND m.status IN ('proposed', 'confirmed', 'picked_up')",
        (request_id,),
    )
    return match_view(row) if row else None


async def stale_proposals(db: aiosqlite.Connection, before: datetime) -> list[int]:
    rows = await every(
        db,
        "SELECT id FROM matches WHERE status = 'proposed' AND created_at <= ? ORDER BY id",
        (to_text(before),),
    )
    return [int(row["id"]) for row in rows]


async def live_for_guest(
    db: aiosqlite.Connection, guest_user_id: int, night: date
) -> MatchView | None:
    row = await one(
        db,
        f"{MATCH_SELECT} WHERE g.user_id = ? AND r.night = ? AND m.status IN"
        " ('proposed', 'confirmed', 'picked_up') ORDER BY m.id DESC LIMIT 1",
        (guest_user_id, night.isoformat()),
    )
    return match_view(row) if row else None
