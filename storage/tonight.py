"""What one matching pass reads (tonight's waiting groups, free beds, blocked pairs, codes in
use) and writes (its decisions), all through the caller's connection so a use case can read
and write in one transaction. Who is told is the use case's call (usecases/proposals.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import aiosqlite

from dispatch.evening import Decision
from dispatch.groups import GroupType, Household, group_type
from dispatch.matching.model import Car, Group, Place
from dispatch.models import HostStatus
from storage import rides
from storage.db import every, one
from storage.matches import propose
from storage.rounds import existing_round, mark_matched
from storage.timestamps import to_text

RECENT_NIGHTS = 7
GROUPS = (
    "SELECT q.id, q.guest_id, q.women, q.men, q.children, q.languages, q.step_free,"
    " q.medical, (SELECT COUNT(*) FROM requests p JOIN rounds pr"
    "  ON pr.id = p.round_id WHERE p.guest_id = q.guest_id AND pr.night >= ?"
    "  AND pr.night < r.night AND pr.status = 'closed' AND p.status = 'waiting')"
    " AS nights_without_bed, (SELECT o.host_id FROM matches m JOIN requests p"
    "  ON p.id = m.request_id JOIN offers o ON o.id = m.offer_id JOIN rounds pr"
    "  ON pr.id = m.round_id WHERE p.guest_id = q.guest_id AND pr.night = ?"
    "  AND m.status IN ('confirmed', 'picked_up')) AS previous_host_id"
    " FROM requests q JOIN rounds r ON r.id = q.round_id"
    " WHERE r.site_id = ? AND r.night = ? AND q.status IN {statuses}"
    # A guest whose access a dispatcher suspended is not matched (walk-ins never are).
    " AND NOT EXISTS (SELECT 1 FROM guests g JOIN users u ON u.id = g.user_id"
    "  WHERE g.id = q.guest_id AND u.blocked_at IS NOT NULL) ORDER BY q.id"
)
PLACES = (
    "SELECT o.id, o.beds, h.id AS host_id, h.household, h.accepts, h.languages,"
    " h.step_free, h.status, h.paused_until, h.can_fetch,"
    " (SELECT u.blocked_at FROM users u WHERE u.id = h.user_id) AS blocked_at,"
    " (SELECT IFNULL(SUM(q.women + q.men + q.children), 0) FROM matches m"
    "  JOIN requests q ON q.id = m.request_id WHERE m.offer_id = o.id"
    "  AND m.status IN ('proposed', 'confirmed', 'picked_up')) AS used"
    " FROM offers o JOIN rounds r ON r.id = o.round_id JOIN hosts h ON h.id = o.host_id"
    " WHERE r.site_id = ? AND r.night = ? AND o.status = 'active' ORDER BY o.id"
)


async def groups(
    db: aiosqlite.Connection, site_id: int, night: date, *, include_matched: bool = False
) -> list[Group]:
    """Tonight's waiting requests (and matched ones, for a dispatcher's move), with what
    the fairness rules need to rank them."""
    statuses = "('waiting', 'matched')" if include_matched else "('waiting')"
    rows = await every(
        db,
        GROUPS.format(statuses=statuses),
        (
            (night - timedelta(days=RECENT_NIGHTS)).isoformat(),
            (night - timedelta(days=1)).isoformat(),
            site_id,
            night.isoformat(),
        ),
    )
    found = []
    for rank, row in enumerate(rows):
        group = _group(row, site_id, rank)
        if group is not None:
            found.append(group)
    return found


def _group(row: aiosqlite.Row, site_id: int, rank: int) -> Group | None:
    kind = group_type(row["women"], row["men"], row["children"])
    if kind is None:
        return None
    return Group(
        id=row["id"],
        guest_id=row["guest_id"],
        site_id=site_id,
        women=row["women"],
        men=row["men"],
        children=row["children"],
        languages=frozenset(json.loads(row["languages"])),
        step_free=bool(row["step_free"]),
        medical=bool(row["medical"]),
        arrival=rank,
        nights_without_bed=row["nights_without_bed"],
        previous_host_id=row["previous_host_id"],
    )


async def places(db: aiosqlite.Connection, site_id: int, night: date) -> list[Place]:
    """Tonight's active offers with the beds still free after live matches."""
    found = []
    for row in await every(db, PLACES, (site_id, night.isoformat())):
        free = row["beds"] - row["used"]
        if free <= 0:
            continue
        paused = row["paused_until"] is not None and night.isoformat() <= row["paused_until"]
        found.append(
            Place(
                id=row["id"],
                host_id=row["host_id"],
                site_id=site_id,
                beds=free,
                household=Household(row["household"]),
                accepts=frozenset(GroupType(g) for g in json.loads(row["accepts"])),
                languages=frozenset(json.loads(row["languages"])),
                step_free=bool(row["step_free"]),
                eligible=HostStatus(row["status"]) is HostStatus.VETTED
                and not paused
                and not row["blocked_at"],
                needs_ride=not row["can_fetch"],
            )
        )
    return found


async def blocked_pairs(db: aiosqlite.Connection, night: date) -> frozenset[tuple[int, int]]:
    """Pairs never to match again, and tonight's declined or expired ones."""
    rows = await every(
        db,
        "SELECT host_id, guest_id FROM pair_blocks WHERE night IS NULL OR night = ?",
        (night.isoformat(),),
    )
    return frozenset((int(row["host_id"]), int(row["guest_id"])) for row in rows)


async def taken_codes(db: aiosqlite.Connection, site_id: int, night: date) -> set[str]:
    """Every pickup code in use in this round: on its matches and on its walk-ins' papers.
    The one query behind every new code (a match's, a walk-in's)."""
    rows = await every(
        db,
        "SELECT m.pickup_code AS code FROM matches m JOIN rounds r ON r.id = m.round_id"
        " WHERE r.site_id = ? AND r.night = ? UNION SELECT q.walkin_code FROM requests q"
        " JOIN rounds r ON r.id = q.round_id WHERE r.site_id = ? AND r.night = ?"
        " AND q.walkin_code IS NOT NULL",
        (site_id, night.isoformat(), site_id, night.isoformat()),
    )
    return {str(row["code"]) for row in rows}


async def walk_in_code(db: aiosqlite.Connection, request_id: int) -> str | None:
    """The code already on a walk-in's paper: any match of theirs keeps it."""
    row = await one(db, "SELECT walkin_code FROM requests WHERE id = ?", (request_id,))
    return str(row["walkin_code"]) if row and row["walkin_code"] else None


@dataclass(frozen=True)
class Recorded:
    created: list[int]  # the new proposals' match ids, in the matching's order
    waiting: list[tuple[int, int]]  # (request id, chat) of the groups left without a bed


async def record(
    tx: aiosqlite.Connection,
    site_id: int,
    night: date,
    decisions: list[Decision],
    unplaced: list[int],
    now: datetime,
) -> Recorded:
    """Write the matching; skip requests withdrawn meanwhile. Who is told is the use case's
    call (usecases/proposals.py)."""
    round_ = await existing_round(tx, site_id, night)
    assert round_ is not None, "a round is closed before it is matched"
    created: list[int] = []
    for decision in decisions:
        cursor = await tx.execute(
            "UPDATE requests SET status = 'matched', updated_at = ? WHERE id = ?"
            " AND status = 'waiting'",
            (to_text(now), decision.request_id),
        )
        if cursor.rowcount == 1:
            match_id = await propose(tx, round_, decision, now)
            if decision.needs_ride:
                await rides.plan(tx, match_id, decision.shift_id, now)
            created.append(match_id)
    waiting = []
    for request_id in unplaced:
        chat_id = await _guest_chat(tx, request_id)
        if chat_id is not None:
            waiting.append((request_id, chat_id))
    await mark_matched(tx, round_, now)
    return Recorded(created, waiting)


async def _guest_chat(tx: aiosqlite.Connection, request_id: int) -> int | None:
    row = await one(
        tx,
        "SELECT COALESCE(g.user_id, g.registered_by) AS chat FROM requests q JOIN guests g"
        " ON g.id = q.guest_id WHERE q.id = ?",
        (request_id,),
    )
    return int(row["chat"]) if row and row["chat"] is not None else None


class PassStore:
    """What dispatch.evening's EveningStore reads, over one connection (the use case's single
    transaction); usecases/proposals.Pass adds the writing and the telling."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def groups(self, site_id: int, night: date) -> list[Group]:
        return await groups(self._db, site_id, night)

    async def places(self, site_id: int, night: date) -> list[Place]:
        return await places(self._db, site_id, night)

    async def cars(self, site_id: int, night: date) -> list[Car]:
        return await rides.cars(self._db, site_id, night)

    async def blocked_pairs(self, night: date) -> frozenset[tuple[int, int]]:
        return await blocked_pairs(self._db, night)

    async def codes(self, site_id: int, night: date) -> set[str]:
        return await taken_codes(self._db, site_id, night)

    async def walk_in_code(self, request_id: int) -> str | None:
        return await walk_in_code(self._db, request_id)
