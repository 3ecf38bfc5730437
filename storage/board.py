"""Tonight's board: one consistent read of a night's requests and offers, the drill-down
lists, and the board messages that a job keeps up to date."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal

import aiosqlite

from dispatch.board import BoardState, OfferRow, RequestRow
from dispatch.models import RequestStatus
from dispatch.party import Party
from dispatch.readmodels import MatchView, OfferLine, WaitingGroup
from storage.board_rides import RIDES_MARK, BoardRides
from storage.db import Database, every, one
from storage.matches import MATCH_SELECT, match_view
from storage.timestamps import from_text, to_text

Night = tuple[int, date]  # (site id, night)

# The furthest state a request reached tonight; a live match wins over the request's status.
_SNAPSHOT = (
    "SELECT 'q' AS kind, q.women, q.men, q.children, COALESCE(m.status, q.status) AS state,"
    " o.latest_pickup, 0 AS beds, 0 AS used FROM requests q JOIN rounds r ON r.id = q.round_id"
    " LEFT JOIN matches m ON m.request_id = q.id AND m.status IN ('proposed', 'confirmed',"
    " 'picked_up') LEFT JOIN offers o ON o.id = m.offer_id"
    " WHERE r.site_id = :site AND r.night = :night AND q.status IN ('waiting', 'matched')"
    " UNION ALL SELECT 'o', 0, 0, 0, '', NULL, o.beds, (SELECT IFNULL(SUM(p.women + p.men"
    " + p.children), 0) FROM matches m JOIN requests p ON p.id = m.request_id"
    " WHERE m.offer_id = o.id AND m.status IN ('proposed', 'confirmed', 'picked_up'))"
    " FROM offers o JOIN rounds r ON r.id = o.round_id"
    " WHERE r.site_id = :site AND r.night = :night AND o.status = 'active'"
)

_MARK = (
    "(SELECT COUNT(*) || '/' || IFNULL(MAX(updated_at), '') || '/' || TOTAL(id * UNICODE(status)"
    " * LENGTH(status)) FROM {table} WHERE round_id = r.id)"
)
_CHANGE_MARK = (
    "SELECT r.id, r.status, r.matched_at, "
    + ", ".join(_MARK.format(table=table) for table in ("requests", "offers", "matches"))
    + ", "
    + RIDES_MARK
    + " FROM rounds r WHERE r.site_id = :site AND r.night = :night"
)


@dataclass(frozen=True)
class BoardMessage:
    chat_id: int
    message_id: int
    site_id: int
    night: date
    digest: str


def _board_state(state: str) -> BoardState:
    """A request matched but with no live match left (a race with a cancel) counts as waiting."""
    if state == RequestStatus.MATCHED:
        return BoardState.WAITING
    return BoardState(state)


class BoardRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        self.rides = BoardRides(db)  # tonight's drivers and rides

    async def snapshot(self, site_id: int, night: date) -> tuple[list[RequestRow], list[OfferRow]]:
        """Requests and offers of one night, read in a single statement (one snapshot)."""
        rows = await self._db.every(_SNAPSHOT, {"site": site_id, "night": night.isoformat()})
        requests = [
            RequestRow(
                r["women"],
                r["men"],
                r["children"],
                _board_state(r["state"]),
                time.fromisoformat(r["latest_pickup"]) if r["latest_pickup"] else None,
            )
            for r in rows
            if r["kind"] == "q"
        ]
        offers = [OfferRow(r["beds"], r["used"]) for r in rows if r["kind"] == "o"]
        return requests, offers

    async def waiting(self, site_id: int, night: date) -> list[WaitingGroup]:
        rows = await self._db.every(
            "SELECT q.id, g.alias, q.women, q.men, q.children, g.user_id IS NULL AS walk_in,"
            " q.created_at FROM requests q JOIN rounds r ON r.id = q.round_id JOIN guests g"
            " ON g.id = q.guest_id WHERE r.site_id = ? AND r.night = ?"
            " AND q.status = 'waiting' ORDER BY q.id",
            (site_id, night.isoformat()),
        )
        return [
            WaitingGroup(
                request_id=r["id"],
                alias=r["alias"],
                party=Party(r["women"], r["men"], r["children"]),
                walk_in=bool(r["walk_in"]),
                asked_at=from_text(r["created_at"]),
            )
            for r in rows
        ]

    async def matches(self, site_id: int, night: date) -> list[tuple[MatchView, list[str]]]:
        """Tonight's live matches, each with the codes of the reasons it was made."""
        async with self._db.reading() as db:
            rows = await every(
                db,
                f"{MATCH_SELECT} WHERE r.site_id = ? AND r.night = ? AND m.status IN"
                " ('proposed', 'confirmed', 'picked_up') ORDER BY m.id",
                (site_id, night.isoformat()),
            )
            reasons = {
                r["id"]: _codes(r["reason"])
                for r in await every(
                    db,
                    "SELECT m.id, m.reason FROM matches m JOIN rounds r ON r.id = m.round_id"
                    " WHERE r.site_id = ? AND r.night = ?",
                    (site_id, night.isoformat()),
                )
            }
        return [(match_view(row), reasons.get(row["id"], [])) for row in rows]

    async def offers(self, site_id: int, night: date) -> list[OfferLine]:
        rows = await self._db.every(
            "SELECT o.id, h.id AS host_id, h.display_name, h.phone, o.beds,"
            " (SELECT IFNULL(SUM(p.women + p.men + p.children), 0) FROM matches m"
            " JOIN requests p ON p.id = m.request_id WHERE m.offer_id = o.id"
            " AND m.status IN ('proposed', 'confirmed', 'picked_up')) AS used,"
            " o.latest_pickup FROM offers o JOIN rounds r ON r.id = o.round_id JOIN hosts h"
            " ON h.id = o.host_id WHERE r.site_id = ? AND r.night = ? AND o.status = 'active'"
            " ORDER BY o.id",
            (site_id, night.isoformat()),
        )
        return [
            OfferLine(
                offer_id=r["id"],
                host_id=r["host_id"],
                host_name=r["display_name"],
                phone=r["phone"],
                beds=r["beds"],
                used=r["used"],
                latest_pickup=time.fromisoformat(r["latest_pickup"]),
            )
            for r in rows
        ]

    async def change_mark(self, site_id: int, night: date) -> tuple[object, ...]:
        """A cheap fingerprint of a night that any change to it alters (the live page's
        detector): counts, latest updates and a status checksum, in one statement."""
        row = await self._db.one(_CHANGE_MARK, {"site": site_id, "night": night.isoformat()})
        return tuple(row) if row is not None else ()

    async def night_of_request(self, request_id: int) -> Night | None:
        """The site and night a request belongs to, for checking the dispatcher's site."""
        return await self._night_of("requests", request_id)

    async def night_of_offer(self, offer_id: int) -> Night | None:
        return await self._night_of("offers", offer_id)

    async def _night_of(self, table: Literal["requests", "offers"], row_id: int) -> Night | None:
        async with self._db.connection() as db:
            return await night_of(db, table, row_id)

    async def remember(self, message: BoardMessage, now: datetime) -> None:
        await self._db.write(
            "INSERT INTO boards (chat_id, message_id, site_id, night, digest, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, message_id) DO UPDATE SET"
            " site_id = excluded.site_id, night = excluded.night, digest = excluded.digest,"
            " updated_at = excluded.updated_at",
            (
                message.chat_id,
                message.message_id,
                message.site_id,
                message.night.isoformat(),
                message.digest,
                to_text(now),
            ),
        )

    async def shown(self) -> list[BoardMessage]:
        rows = await self._db.every(
            "SELECT chat_id, message_id, site_id, night, digest FROM boards ORDER BY chat_id"
        )
        return [
            BoardMessage(
                r["chat_id"],
                r["message_id"],
                r["site_id"],
                date.fromisoformat(r["night"]),
                r["digest"],
            )
            for r in rows
        ]

    async def forget(self, chat_id: int, message_id: int) -> None:
        """A board of a past night, or one Telegram no longer lets us edit."""
        await self._db.write(
            "DELETE FROM boards WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
        )

    async def forget_older(self, chat_id: int, keep: int) -> None:
        """One live board per dispatcher chat: opening a new one retires the older ones."""
        await self._db.write(
            "DELETE FROM boards WHERE chat_id = ? AND message_id <> ?", (chat_id, keep)
        )


def _codes(reason: str) -> list[str]:
    try:
        return [str(item["code"]) for item in json.loads(reason or "[]")]
    except (ValueError, TypeError, KeyError):
        return []


async def night_of(
    db: aiosqlite.Connection, table: Literal["requests", "offers"], row_id: int
) -> Night | None:
    """The site and night a request or an offer belongs to."""
    row = await one(
        db,
        f"SELECT r.site_id, r.night FROM {table} x JOIN rounds r ON r.id = x.round_id"
        " WHERE x.id = ?",
        (row_id,),
    )
    return (int(row["site_id"]), date.fromisoformat(row["night"])) if row else None
