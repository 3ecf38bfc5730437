"""The evening round's storage: which rounds are due, what tonight's matching reads, and
writing its decisions (matches and the notices about them) in one transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import aiosqlite

from dispatch import notices
from dispatch.evening import Decision
from dispatch.groups import GroupType, Household, group_type
from dispatch.matching.model import Group, Place
from storage.db import Database, every, one
from storage.outbox import enqueue
from storage.rounds import round_id
from storage.timestamps import from_text, to_text

RECENT_NIGHTS = 7
LIVE = ("proposed", "confirmed", "picked_up")


@dataclass(frozen=True)
class MatchView:
    """Everything a notice about one match needs, read in one place."""

    id: int
    status: str
    night: date
    site_id: int
    code: str
    request_id: int
    guest_id: int
    alias: str
    women: int
    men: int
    children: int
    age_bands: tuple[str, ...]
    languages: tuple[str, ...]
    guest_chat_id: int  # the guest, or the dispatcher who registered a walk-in
    walk_in: bool
    host_id: int
    host_user_id: int
    host_name: str
    latest_pickup: time
    created_at: datetime


MATCH_SELECT = (
    "SELECT m.id, m.status, r.night, r.site_id, m.pickup_code, q.id AS request_id, g.id AS"
    " guest_id, g.alias, q.women, q.men, q.children, q.children_ages, q.languages,"
    " COALESCE(g.user_id, g.registered_by) AS guest_chat_id, g.user_id IS NULL AS walk_in,"
    " h.id AS host_id, h.user_id AS host_user_id, h.display_name, o.latest_pickup, m.created_at"
    " FROM matches m JOIN rounds r ON r.id = m.round_id JOIN requests q ON q.id = m.request_id"
    " JOIN guests g ON g.id = q.guest_id JOIN offers o ON o.id = m.offer_id"
    " JOIN hosts h ON h.id = o.host_id"
)


def match_view(row: aiosqlite.Row) -> MatchView:
    return MatchView(
        id=row["id"],
        status=row["status"],
        night=date.fromisoformat(row["night"]),
        site_id=row["site_id"],
        code=row["pickup_code"],
        request_id=row["request_id"],
        guest_id=row["guest_id"],
        alias=row["alias"],
        women=row["women"],
        men=row["men"],
        children=row["children"],
        age_bands=tuple(json.loads(row["children_ages"])),
        languages=tuple(json.loads(row["languages"])),
        guest_chat_id=row["guest_chat_id"],
        walk_in=bool(row["walk_in"]),
        host_id=row["host_id"],
        host_user_id=row["host_user_id"],
        host_name=row["display_name"],
        latest_pickup=time.fromisoformat(row["latest_pickup"]),
        created_at=from_text(row["created_at"]),
    )


@dataclass(frozen=True)
class Placement:
    """A request and, if it has one, the live match and the home it goes to (for reports)."""

    women: int
    men: int
    children: int
    household: str | None
    accepts: frozenset[str]
    beds: int | None
    offer_id: int | None
    match_status: str | None


class EveningRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def due(self, now: datetime) -> list[tuple[int, date]]:
        """Rounds whose cut-off has passed but whose matching has not been written yet."""
        return [
            (r[0], date.fromisoformat(r[1]))
            for r in await self._db.every(
                "SELECT site_id, night FROM rounds WHERE matched_at IS NULL AND closes_at <= ?"
                " ORDER BY closes_at",
                (to_text(now),),
            )
        ]

    async def close(self, site_id: int, night: date, closes_at: datetime, now: datetime) -> bool:
        """Close the round (creating it if nobody offered or asked); False if already closed."""
        async with self._db.transaction() as tx:
            await round_id(tx, site_id, night, closes_at)
            cursor = await tx.execute(
                "UPDATE rounds SET status = 'closed', closed_at = ? WHERE site_id = ? AND night = ?"
                " AND status = 'open'",
                (to_text(now), site_id, night.isoformat()),
            )
            return cursor.rowcount == 1

    async def state(self, site_id: int, night: date) -> tuple[bool, bool]:
        """(closed, matched) for a round; a round nobody used is neither."""
        row = await self._db.one(
            "SELECT status, matched_at FROM rounds WHERE site_id = ? AND night = ?",
            (site_id, night.isoformat()),
        )
        return (row is not None and row[0] == "closed", row is not None and row[1] is not None)

    async def groups(
        self, site_id: int, night: date, *, include_matched: bool = False
    ) -> list[Group]:
        """Tonight's waiting requests (and matched ones, for a dispatcher's move), with what
        the fairness rules need to rank them."""
        statuses = "('waiting', 'matched')" if include_matched else "('waiting')"
        rows = await self._db.every(
            "SELECT q.id, q.guest_id, q.women, q.men, q.children, q.languages, q.step_free,"
            " q.medical, (SELECT COUNT(*) FROM requests p JOIN rounds pr"
            "  ON pr.id = p.round_id WHERE p.guest_id = q.guest_id AND pr.night >= ?"
            "  AND pr.night < r.night AND pr.status = 'closed' AND p.status = 'waiting')"
            " AS nights_without_bed, (SELECT o.host_id FROM matches m JOIN requests p"
            "  ON p.id = m.request_id JOIN offers o ON o.id = m.offer_id JOIN rounds pr"
            "  ON pr.id = m.round_id WHERE p.guest_id = q.guest_id AND pr.night = ?"
            "  AND m.status IN ('confirmed', 'picked_up')) AS previous_host_id"
            " FROM requests q JOIN rounds r ON r.id = q.round_id"
            f" WHERE r.site_id = ? AND r.night = ? AND q.status IN {statuses}"
            # A guest whose access a dispatcher suspended is not matched (walk-ins never are).
            " AND NOT EXISTS (SELECT 1 FROM guests g JOIN users u ON u.id = g.user_id"
            "  WHERE g.id = q.guest_id AND u.blocked_at IS NOT NULL) ORDER BY q.id",
            (
                (night - timedelta(days=RECENT_NIGHTS)).isoformat(),
                (night - timedelta(days=1)).isoformat(),
                site_id,
                night.isoformat(),
            ),
        )
        groups = []
        for rank, row in enumerate(rows):
            kind = group_type(row["women"], row["men"], row["children"])
            if kind is None:
                continue
            groups.append(
                Group(
                    id=row["id"],
                    guest_id=row["guest_id"],
                    site_id=site_id,
                    women=row["women"],
                    men=row["men"],
                    children=row["children"],
                    group_type=kind,
                    languages=frozenset(json.loads(row["languages"])),
                    step_free=bool(row["step_free"]),
                    medical=bool(row["medical"]),
                    arrival=rank,
                    nights_without_bed=row["nights_without_bed"],
                    previous_host_id=row["previous_host_id"],
                )
            )
        return groups

    async def places(self, site_id: int, night: date) -> list[Place]:
        """Tonight's active offers with the beds still free after live matches."""
        rows = await self._db.every(
            "SELECT o.id, o.beds, h.id AS host_id, h.household, h.accepts, h.languages,"
            " h.step_free, h.status, h.paused_until,"
            " (SELECT u.blocked_at FROM users u WHERE u.id = h.user_id) AS blocked_at,"
            " (SELECT IFNULL(SUM(q.women + q.men + q.children), 0) FROM matches m"
            "  JOIN requests q ON q.id = m.request_id WHERE m.offer_id = o.id"
            "  AND m.status IN ('proposed', 'confirmed', 'picked_up')) AS used"
            " FROM offers o JOIN rounds r ON r.id = o.round_id JOIN hosts h ON h.id = o.host_id"
            " WHERE r.site_id = ? AND r.night = ? AND o.status = 'active' ORDER BY o.id",
            (site_id, night.isoformat()),
        )
        places = []
        for row in rows:
            free = row["beds"] - row["used"]
            paused = row["paused_until"] is not None and night.isoformat() <= row["paused_until"]
            if free <= 0:
                continue
            places.append(
                Place(
                    id=row["id"],
                    host_id=row["host_id"],
                    site_id=site_id,
                    beds=free,
                    household=Household(row["household"]),
                    accepts=frozenset(GroupType(g) for g in json.loads(row["accepts"])),
                    languages=frozenset(json.loads(row["languages"])),
                    step_free=bool(row["step_free"]),
                    eligible=row["status"] == "vetted" and not paused and not row["blocked_at"],
                )
            )
        return places

    async def blocked_pairs(self, night: date) -> frozenset[tuple[int, int]]:
        """Pairs never to match again, and tonight's declined or expired ones."""
        return frozenset(
            (r[0], r[1])
            for r in await self._db.every(
                "SELECT host_id, guest_id FROM pair_blocks WHERE night IS NULL OR night = ?",
                (night.isoformat(),),
            )
        )

    async def codes(self, site_id: int, night: date) -> set[str]:
        return {
            str(r[0])
            for r in await self._db.every(
                "SELECT m.pickup_code FROM matches m JOIN rounds r ON r.id = m.round_id"
                " WHERE r.site_id = ? AND r.night = ? UNION SELECT q.walkin_code FROM requests q"
                " JOIN rounds r ON r.id = q.round_id WHERE r.site_id = ? AND r.night = ?"
                " AND q.walkin_code IS NOT NULL",
                (site_id, night.isoformat(), site_id, night.isoformat()),
            )
        }

    async def walk_in_code(self, request_id: int) -> str | None:
        row = await self._db.one("SELECT walkin_code FROM requests WHERE id = ?", (request_id,))
        return str(row[0]) if row and row[0] else None

    async def record(
        self,
        site_id: int,
        night: date,
        decisions: list[Decision],
        unplaced: list[int],
        now: datetime,
    ) -> list[int]:
        """Write the matching and its notices atomically; skip requests withdrawn meanwhile."""
        created: list[int] = []
        async with self._db.transaction() as tx:
            round_ = await _existing_round(tx, site_id, night)
            for decision in decisions:
                cursor = await tx.execute(
                    "UPDATE requests SET status = 'matched', updated_at = ? WHERE id = ?"
                    " AND status = 'waiting'",
                    (to_text(now), decision.request_id),
                )
                if cursor.rowcount != 1:
                    continue
                created.append(await propose(tx, round_, decision, now))
            for request_id in unplaced:
                chat_id = await _guest_chat(tx, request_id)
                if chat_id is not None:
                    await enqueue(
                        tx,
                        chat_id,
                        notices.Waiting(request_id),
                        f"waiting:{request_id}",
                        now,
                    )
            await tx.execute(
                "UPDATE rounds SET matched_at = COALESCE(matched_at, ?) WHERE id = ?",
                (to_text(now), round_),
            )
        return created

    async def placements(self) -> list[Placement]:
        rows = await self._db.every(
            "SELECT q.women, q.men, q.children, h.household, h.accepts, o.beds, o.id,"
            " m.status FROM requests q LEFT JOIN matches m ON m.request_id = q.id AND"
            " m.status IN ('proposed', 'confirmed', 'picked_up') LEFT JOIN offers o"
            " ON o.id = m.offer_id LEFT JOIN hosts h ON h.id = o.host_id ORDER BY q.id"
        )
        return [
            Placement(r[0], r[1], r[2], r[3], frozenset(json.loads(r[4] or "[]")), r[5], r[6], r[7])
            for r in rows
        ]

    async def carry_stays(self, site_id: int, night: date, now: datetime) -> list[int]:
        """Last night's confirmed multi-night stays continue tonight with the same host.

        Runs before tonight's matching, in one transaction; a stay stops when its nights are
        used, when either side stopped it, or when the guest withdrew tonight's request.
        """
        carried: list[int] = []
        async with self._db.transaction() as tx:
            round_ = await _existing_round(tx, site_id, night)
            stays = await every(
                tx,
                "SELECT m.id, m.pickup_code, o.host_id, o.beds, o.latest_pickup, o.nights,"
                " o.note, q.guest_id, q.women, q.men, q.children, q.children_ages, q.languages,"
                " q.step_free, q.medical FROM matches m JOIN offers o ON o.id = m.offer_id"
                " JOIN requests q ON q.id = m.request_id JOIN rounds r ON r.id = m.round_id"
                " WHERE r.site_id = ? AND r.night = ? AND m.status IN ('confirmed', 'picked_up')"
                " AND o.nights > 1 AND m.stay_stopped = 0 AND NOT EXISTS (SELECT 1 FROM"
                " feedback f WHERE f.match_id = m.id AND f.verdict = 'problem')",
                (site_id, (night - timedelta(days=1)).isoformat()),
            )
            for stay in stays:
                match_id = await _carry(tx, round_, stay, now)
                if match_id is not None:
                    carried.append(match_id)
        return carried

    async def stop_stay(self, match_id: int, now: datetime) -> bool:
        """Either side ends a multi-night stay after tonight."""
        return (
            await self._db.write(
                "UPDATE matches SET stay_stopped = 1, updated_at = ? WHERE id = ?"
                " AND stay_stopped = 0",
                (to_text(now), match_id),
            )
            == 1
        )

    async def view(self, match_id: int) -> MatchView | None:
        row = await self._db.one(f"{MATCH_SELECT} WHERE m.id = ?", (match_id,))
        return match_view(row) if row else None

    async def confirm(self, match_id: int, now: datetime) -> MatchView | None:
        """The host said yes: the guest (or their dispatcher) is told where and when."""
        async with self._db.transaction() as tx:
            cursor = await tx.execute(
                "UPDATE matches SET status = 'confirmed', confirmed_at = ?, updated_at = ?"
                " WHERE id = ? AND status = 'proposed'",
                (to_text(now), to_text(now), match_id),
            )
            if cursor.rowcount != 1:
                return None
            view = await view_in(tx, match_id)
            await enqueue(
                tx,
                view.guest_chat_id,
                notices.MatchGuest(match_id),
                f"match:{match_id}:guest",
                now,
            )
        return view

    async def release(self, match_id: int, status: str, now: datetime) -> MatchView | None:
        """A decline or silence: the guests go back to tonight's dispatch, not to that host."""
        async with self._db.transaction() as tx:
            cursor = await tx.execute(
                "UPDATE matches SET status = ?, updated_at = ? WHERE id = ?"
                " AND status = 'proposed'",
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
            if status == "expired":
                # Silence: this host is not answering tonight; do not propose them again.
                await tx.execute(
                    "UPDATE offers SET status = 'withdrawn', updated_at = ? WHERE id ="
                    " (SELECT offer_id FROM matches WHERE id = ?)",
                    (to_text(now), match_id),
                )
                await enqueue(
                    tx,
                    view.host_user_id,
                    notices.Expired(match_id),
                    f"match:{match_id}:expired",
                    now,
                )
        return view

    async def cancel_for_request(self, request_id: int, now: datetime) -> None:
        """The guest withdrew: a live match ends and its host is told not to come."""
        async with self._db.transaction() as tx:
            rows = await every(
                tx,
                "SELECT id FROM matches WHERE request_id = ? AND status IN ('proposed',"
                " 'confirmed')",
                (request_id,),
            )
            for row in rows:
                await tx.execute(
                    "UPDATE matches SET status = 'cancelled', updated_at = ? WHERE id = ?",
                    (to_text(now), row[0]),
                )
                view = await view_in(tx, int(row[0]))
                await enqueue(
                    tx,
                    view.host_user_id,
                    notices.Cancelled(view.id),
                    f"match:{view.id}:cancelled",
                    now,
                )

    async def picked_up(self, match_id: int, now: datetime) -> bool:
        return (
            await self._db.write(
                "UPDATE matches SET status = 'picked_up', picked_up_at = ?, updated_at = ?"
                " WHERE id = ? AND status = 'confirmed'",
                (to_text(now), to_text(now), match_id),
            )
            == 1
        )

    async def stale_proposals(self, before: datetime) -> list[int]:
        return [
            int(r[0])
            for r in await self._db.every(
                "SELECT id FROM matches WHERE status = 'proposed' AND created_at <= ? ORDER BY id",
                (to_text(before),),
            )
        ]

    async def live_for_guest(self, guest_user_id: int, night: date) -> MatchView | None:
        row = await self._db.one(
            f"{MATCH_SELECT} WHERE g.user_id = ? AND r.night = ? AND m.status IN"
            " ('proposed', 'confirmed', 'picked_up') ORDER BY m.id DESC LIMIT 1",
            (guest_user_id, night.isoformat()),
        )
        return match_view(row) if row else None

    async def ask_feedback(self, night: date, now: datetime) -> int:
        """The morning after: both sides of each night that took place are asked once."""
        async with self._db.transaction() as tx:
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
                await enqueue(
                    tx,
                    view.host_user_id,
                    notices.Feedback(view.id, notices.Side.HOST),
                    f"feedback:{view.id}:host",
                    now,
                )
                await enqueue(
                    tx,
                    view.guest_chat_id,
                    notices.Feedback(view.id, notices.Side.GUEST),
                    f"feedback:{view.id}:guest",
                    now,
                )
        return len(views)

    async def feedback(self, match_id: int, side: str, verdict: str, now: datetime) -> bool:
        """Record one side's verdict; a problem means this pair is never matched again."""
        async with self._db.transaction() as tx:
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
        "SELECT o.id, q.id FROM offers o, requests q WHERE o.host_id = ? AND o.round_id = ?"
        " AND o.status = 'active' AND q.guest_id = ? AND q.round_id = ? AND q.status = 'waiting'",
        (stay["host_id"], round_, stay["guest_id"], round_),
    )
    if row is None:
        return None  # the host withdrew tonight, or the guest no longer asks
    await tx.execute(
        "UPDATE requests SET status = 'matched', updated_at = ? WHERE id = ?", (stamp, row[1])
    )
    cursor = await tx.execute(
        "INSERT INTO matches (round_id, offer_id, request_id, pickup_code, reason, status,"
        " created_at, updated_at, confirmed_at) VALUES (?, ?, ?, ?, ?, 'confirmed', ?, ?, ?)",
        (
            round_,
            row[0],
            row[1],
            stay["pickup_code"],
            '[{"code": "same_host_again"}]',
            stamp,
            stamp,
            stamp,
        ),
    )
    match_id = cursor.lastrowid
    assert match_id is not None
    view = await view_in(tx, match_id)
    for chat_id, side in (
        (view.host_user_id, notices.Side.HOST),
        (view.guest_chat_id, notices.Side.GUEST),
    ):
        await enqueue(
            tx, chat_id, notices.Stay(match_id, side), f"stay:{match_id}:{side.value}", now
        )
    return match_id


async def propose(tx: aiosqlite.Connection, round_: int, decision: Decision, now: datetime) -> int:
    """A match proposed to its host: the row and the host's notice, in the caller's
    transaction (the evening's matching and a dispatcher's move both make them)."""
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
    view = await view_in(tx, match_id)
    key = f"match:{match_id}:host"
    await enqueue(tx, view.host_user_id, notices.MatchHost(match_id), key, now)
    return match_id


async def _existing_round(tx: aiosqlite.Connection, site_id: int, night: date) -> int:
    row = await one(
        tx, "SELECT id FROM rounds WHERE site_id = ? AND night = ?", (site_id, night.isoformat())
    )
    assert row is not None, "a round is closed before it is matched"
    return int(row[0])


async def view_in(tx: aiosqlite.Connection, match_id: int) -> MatchView:
    view = await find_view(tx, match_id)
    assert view is not None
    return view


async def find_view(db: aiosqlite.Connection, match_id: int) -> MatchView | None:
    """A match as both sides and the dispatchers see it; None once it is gone (purged)."""
    row = await one(db, f"{MATCH_SELECT} WHERE m.id = ?", (match_id,))
    return match_view(row) if row else None


async def _guest_chat(tx: aiosqlite.Connection, request_id: int) -> int | None:
    row = await one(
        tx,
        "SELECT COALESCE(g.user_id, g.registered_by) FROM requests q JOIN guests g"
        " ON g.id = q.guest_id WHERE q.id = ?",
        (request_id,),
    )
    return int(row[0]) if row and row[0] is not None else None
