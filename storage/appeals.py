"""Urgent appeals and their recipients: the audience query, and the rows the paced sender
claims one at a time ('sending', committed just before the request leaves) and marks after."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from dispatch.appeals import (
    Appeal,
    AppealFilters,
    AppealProgress,
    AppealStatus,
    NewAppeal,
    Recipient,
    RecipientStatus,
    in_quiet_hours,
)
from storage.appeal_drivers import AppealDrivers
from storage.appeal_queue import AppealQueue
from storage.db import Database, every, one
from storage.timestamps import from_text, to_text

_AUDIENCE = """
SELECT h.id, h.user_id, h.languages, h.accepts, h.quiet_start, h.quiet_end
FROM hosts h
JOIN host_sites hs ON hs.host_id = h.id AND hs.site_id = :site
JOIN users u ON u.id = h.user_id
WHERE h.status = 'vetted' AND h.appeals = 1 AND u.unreachable = 0 AND u.blocked_at IS NULL
  AND (h.paused_until IS NULL OR h.paused_until < :night)
  AND h.id NOT IN (
    SELECT o.host_id FROM offers o JOIN rounds r ON r.id = o.round_id
    WHERE r.site_id = :site AND r.night = :night AND o.status = 'active')
  AND (:since IS NULL OR h.id IN (
    SELECT o.host_id FROM matches m
    JOIN rounds r ON r.id = m.round_id JOIN offers o ON o.id = m.offer_id
    WHERE r.site_id = :site AND r.night >= :since AND m.status IN ('confirmed', 'picked_up')))
ORDER BY h.id
"""

_APPEAL_COLUMNS = (
    "id, site_id, night, created_by, people, children, free_text, filters, status,"
    " progress_chat, progress_message, created_at, finished_at"
)


def _appeal(row: sqlite3.Row) -> Appeal:
    return Appeal(
        id=row["id"],
        site_id=row["site_id"],
        night=date.fromisoformat(row["night"]),
        created_by=row["created_by"],
        people=row["people"],
        children=row["children"],
        free_text=row["free_text"],
        filters=AppealFilters.from_json(row["filters"]),
        status=AppealStatus(row["status"]),
        progress_chat=row["progress_chat"],
        progress_message=row["progress_message"],
        created_at=from_text(row["created_at"]),
        finished_at=from_text(row["finished_at"]) if row["finished_at"] else None,
    )


@lru_cache(maxsize=2048)  # hosts share a few quiet-hour settings: parse each once
def _clock(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


@lru_cache(maxsize=2048)  # and a few language and group lists
def _codes(text: str) -> frozenset[str]:
    return frozenset(str(code) for code in json.loads(text or "[]"))


class AppealRepository:
    """What dispatchers and hosts do with appeals; `queue` is what the sender does."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.queue = AppealQueue(db)
        self.drivers = AppealDrivers(db)

    async def audience(
        self, filters: AppealFilters, night: date, now: datetime, zone: ZoneInfo
    ) -> list[Recipient]:
        """Vetted hosts of the site who take appeals, are free tonight and awake now; with
        drivers in the audience, the site's vetted drivers who take appeals and have no shift."""
        since = filters.hosted_since(night)
        params = {
            "site": filters.site_id,
            "night": night.isoformat(),
            "since": since.isoformat() if since else None,
        }
        rows = await self._db.every(_AUDIENCE, params) if filters.to_hosts else []
        local = now.astimezone(zone).time()
        hosts = [
            Recipient(row["user_id"], row["id"])
            for row in rows
            if filters.admits(_codes(row["languages"]), _codes(row["accepts"]))
            and not in_quiet_hours(_clock(row["quiet_start"]), _clock(row["quiet_end"]), local)
        ]
        if not filters.to_drivers:
            return hosts
        # A person who both hosts and drives gets one appeal, as a host.
        reached = {r.chat_id for r in hosts}
        drivers = await self.drivers.audience(filters.site_id, night)
        return hosts + [r for r in drivers if r.chat_id not in reached]

    async def create(self, appeal: NewAppeal, recipients: list[Recipient], now: datetime) -> int:
        """Store the appeal and every recipient at once: the sender sees all or nothing."""
        stamp = to_text(now)
        async with self._db.transaction() as tx:
            cursor = await tx.execute(
                "INSERT INTO appeals (site_id, night, created_by, people, children, free_text,"
                " filters, progress_chat, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    appeal.site_id,
                    appeal.night.isoformat(),
                    appeal.created_by,
                    appeal.people,
                    appeal.children,
                    appeal.free_text,
                    appeal.filters.to_json(),
                    appeal.progress_chat,
                    stamp,
                ),
            )
            appeal_id = cursor.lastrowid
            assert appeal_id is not None
            await tx.executemany(
                "INSERT OR IGNORE INTO appeal_recipients (appeal_id, chat_id, host_id, driver_id,"
                " not_before) VALUES (?, ?, ?, ?, ?)",
                [(appeal_id, r.chat_id, r.host_id, r.driver_id, stamp) for r in recipients],
            )
        return appeal_id

    async def get(self, appeal_id: int) -> Appeal | None:
        row = await self._db.one(
            f"SELECT {_APPEAL_COLUMNS} FROM appeals WHERE id = ?", (appeal_id,)
        )
        return _appeal(row) if row else None

    async def active(self) -> list[int]:
        """Appeals still being sent, oldest first."""
        return [
            row[0]
            for row in await self._db.every(
                "SELECT id FROM appeals WHERE status = 'sending' ORDER BY id"
            )
        ]

    async def set_progress_message(self, appeal_id: int, message_id: int) -> None:
        await self._db.write(
            "UPDATE appeals SET progress_message = ? WHERE id = ?", (message_id, appeal_id)
        )

    async def progress(self, appeal_id: int) -> AppealProgress:
        async with self._db.reading() as db:
            appeal = await one(
                db, "SELECT status, created_at, finished_at FROM appeals WHERE id = ?", (appeal_id,)
            )
            if appeal is None:
                raise LookupError(appeal_id)
            rows = await every(
                db,
                "SELECT status, COUNT(*), COUNT(answered_at), IFNULL(SUM(answered_beds), 0),"
                " COUNT(driver_id), COUNT(CASE WHEN driver_id IS NOT NULL THEN answered_at END)"
                " FROM appeal_recipients WHERE appeal_id = ? GROUP BY status",
                (appeal_id,),
            )
        counts = {row[0]: int(row[1]) for row in rows}
        return AppealProgress(
            total=sum(counts.values()),
            sent=counts.get(RecipientStatus.SENT, 0),
            uncertain=counts.get(RecipientStatus.UNCERTAIN, 0),
            failed=counts.get(RecipientStatus.FAILED, 0),
            unreachable=counts.get(RecipientStatus.UNREACHABLE, 0),
            pending=counts.get(RecipientStatus.PENDING, 0) + counts.get(RecipientStatus.SENDING, 0),
            answered=sum(int(row[2]) for row in rows),
            beds_answered=sum(int(row[3]) for row in rows),
            status=AppealStatus(appeal["status"]),
            created_at=from_text(appeal["created_at"]),
            finished_at=from_text(appeal["finished_at"]) if appeal["finished_at"] else None,
            by_status=counts,
            drivers=sum(int(row[4]) for row in rows),
            drivers_answered=sum(int(row[5]) for row in rows),
        )

    async def cancel(self, appeal_id: int, now: datetime) -> bool:
        """Stop an appeal: rows not claimed yet are never sent. False if it was not sending."""
        return await self._close(appeal_id, AppealStatus.CANCELLED, now, only_when_finished=False)

    async def finish(self, appeal_id: int, now: datetime) -> bool:
        """Mark an appeal done once no row is left to send; True only for the call that did."""
        return await self._close(appeal_id, AppealStatus.DONE, now, only_when_finished=True)

    async def answer(self, appeal_id: int, chat_id: int, beds: int, now: datetime) -> bool:
        """Record a host's one-tap answer (the last tap wins); False if not a recipient."""
        return (
            await self._db.write(
                "UPDATE appeal_recipients SET answered_beds = ?, answered_at = ?"
                " WHERE appeal_id = ? AND chat_id = ?",
                (beds, to_text(now), appeal_id, chat_id),
            )
            == 1
        )

    async def recipient_host(self, appeal_id: int, chat_id: int) -> int | None:
        row = await self._db.one(
            "SELECT host_id FROM appeal_recipients WHERE appeal_id = ? AND chat_id = ?",
            (appeal_id, chat_id),
        )
        return int(row[0]) if row and row[0] is not None else None

    async def _close(
        self, appeal_id: int, status: AppealStatus, now: datetime, *, only_when_finished: bool
    ) -> bool:
        unfinished = (
            " AND NOT EXISTS (SELECT 1 FROM appeal_recipients WHERE appeal_id = appeals.id"
            " AND status IN ('pending', 'sending'))"
            if only_when_finished
            else ""
        )
        return (
            await self._db.write(
                "UPDATE appeals SET status = ?, finished_at = ? WHERE id = ? AND status = 'sending'"
                + unfinished,
                (status.value, to_text(now), appeal_id),
            )
            == 1
        )
