"""Multi-night stays: last night's confirmed stay continues tonight with the same host."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import aiosqlite

from dispatch.readmodels import MatchView
from storage.db import every, one
from storage.matches import view_in
from storage.rounds import existing_round
from storage.timestamps import to_text

SAME_HOST_AGAIN = '[{"code": "same_host_again"}]'
CONTINUING = (
    "SELECT m.id, m.pickup_code, o.host_id, o.beds, o.latest_pickup, o.nights,"
    " o.note, q.guest_id, q.women, q.men, q.children, q.children_ages, q.languages,"
    " q.step_free, q.medical FROM matches m JOIN offers o ON o.id = m.offer_id"
    " JOIN requests q ON q.id = m.request_id JOIN rounds r ON r.id = m.round_id"
    " WHERE r.site_id = ? AND r.night = ? AND m.status IN ('confirmed', 'picked_up')"
    " AND o.nights > 1 AND m.stay_stopped = 0 AND NOT EXISTS (SELECT 1 FROM"
    " feedback f WHERE f.match_id = m.id AND f.verdict = 'problem')"
)


async def carry(
    tx: aiosqlite.Connection, site_id: int, night: date, now: datetime
) -> list[MatchView]:
    """Carry last night's confirmed multi-night stays into tonight's (closed) round, before
    tonight's matching; a stay stops when its nights are used, when either side stopped it,
    or when the guest withdrew tonight's request. Returns tonight's matches carried on."""
    round_ = await existing_round(tx, site_id, night)
    assert round_ is not None, "a round is closed before its stays carry on"
    stays = await every(tx, CONTINUING, (site_id, (night - timedelta(days=1)).isoformat()))
    carried: list[MatchView] = []
    for stay in stays:
        match_id = await _carry(tx, round_, stay, now)
        if match_id is not None:
            carried.append(await view_in(tx, match_id))
    return carried


async def stop(tx: aiosqlite.Connection, match_id: int, now: datetime) -> bool:
    """Either side ends a multi-night stay after tonight."""
    cursor = await tx.execute(
        "UPDATE matches SET stay_stopped = 1, updated_at = ? WHERE id = ? AND stay_stopped = 0",
        (to_text(now), match_id),
    )
    return cursor.rowcount == 1


async def _carry(
    tx: aiosqlite.Connection, round_: int, stay: aiosqlite.Row, now: datetime
) -> int | None:
    """Tonight's offer, request and confirmed match for one continuing stay."""
    stamp = to_text(now)
    await tx.execute(
        "INSERT INTO offers (host_id, round_id, beds, latest_pickup, nights, note, status,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)"
        " ON CONFLICT (host_id, round_id) DO NOTHING",
        (
            stay["host_id"],
            round_,
            stay["beds"],
            stay["latest_pickup"],
            stay["nights"] - 1,
            stay["note"],
            stamp,
            stamp,
        ),
    )
    await tx.execute(
        "INSERT INTO requests (guest_id, round_id, women, men, children, children_ages,"
        " languages, step_free, medical, status, created_at, updated_at) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?) ON CONFLICT (guest_id, round_id) DO NOTHING",
        (
            stay["guest_id"],
            round_,
            stay["women"],
            stay["men"],
            stay["children"],
            stay["children_ages"],
            stay["languages"],
            stay["step_free"],
            stay["medical"],
            stamp,
            stamp,
        ),
    )
    row = await one(
        tx,
        "SELECT o.id AS offer_id, q.id AS request_id FROM offers o, requests q"
        " WHERE o.host_id = ? AND o.round_id = ? AND o.status = 'active' AND q.guest_id = ?"
        " AND q.round_id = ? AND q.status = 'waiting'",
        (stay["host_id"], round_, stay["guest_id"], round_),
    )
    if row is None:
        return None  # the host withdrew tonight, or the guest no longer asks
    await tx.execute(
        "UPDATE requests SET status = 'matched', updated_at = ? WHERE id = ?",
        (stamp, row["request_id"]),
    )
    cursor = await tx.execute(
        "INSERT INTO matches (round_id, offer_id, request_id, pickup_code, reason, status,"
        " created_at, updated_at, confirmed_at) VALUES (?, ?, ?, ?, ?, 'confirmed', ?, ?, ?)",
        (
            round_,
            row["offer_id"],
            row["request_id"],
            stay["pickup_code"],
            SAME_HOST_AGAIN,
            stamp,
            stamp,
            stamp,
        ),
    )
    match_id = cursor.lastrowid
    assert match_id is not None
    return match_id
