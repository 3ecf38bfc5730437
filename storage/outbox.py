"""The outbox: every notification is written in the same transaction as the change it reports,
then sent by one sender. A row is claimed ('sending') right before its request leaves and
marked right after, so a restart never sends it twice; only a send cut short by a crash in that
short window is left unsent ('interrupted')."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.db import Database, every
from storage.timestamps import from_text, to_text


@dataclass(frozen=True)
class Notice:
    id: int
    chat_id: int
    kind: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime | None = None


async def enqueue(
    tx: aiosqlite.Connection,
    chat_id: int,
    kind: str,
    payload: dict[str, Any],
    key: str,
    now: datetime,
) -> None:
    """Add a notice inside the caller's transaction; the same key is only ever queued once."""
    await tx.execute(
        "INSERT OR IGNORE INTO outbox (chat_id, kind, payload, dedupe_key, not_before, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (chat_id, kind, json.dumps(payload), key, to_text(now), to_text(now)),
    )


class Outbox:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, chat_id: int, kind: str, payload: dict[str, Any], key: str, now: datetime
    ) -> None:
        async with self._db.transaction() as tx:
            await enqueue(tx, chat_id, kind, payload, key, now)

    async def claim_due(self, now: datetime, limit: int = 30) -> list[Notice]:
        """Take the oldest due notices for sending, marking them so nobody sends them again."""
        async with self._db.transaction() as tx:
            rows = await every(
                tx,
                "SELECT id, chat_id, kind, payload, attempts FROM outbox WHERE status = 'pending'"
                " AND not_before <= ? ORDER BY id LIMIT ?",
                (to_text(now), limit),
            )
            await tx.executemany(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?",
                [(row["id"],) for row in rows],
            )
        return [
            Notice(r["id"], r["chat_id"], r["kind"], json.loads(r["payload"]), r["attempts"] + 1)
            for r in rows
        ]

    async def due(self, now: datetime, limit: int = 30) -> list[Notice]:
        """The oldest due notices, not yet claimed: each is claimed on its own, just before
        its request leaves, so a crash leaves at most the sends in flight unsent."""
        rows = await self._db.every(
            "SELECT id, chat_id, kind, payload, attempts, created_at FROM outbox"
            " WHERE status = 'pending' AND not_before <= ? ORDER BY id LIMIT ?",
            (to_text(now), limit),
        )
        return [
            Notice(
                r["id"],
                r["chat_id"],
                r["kind"],
                json.loads(r["payload"]),
                r["attempts"] + 1,
                from_text(r["created_at"]),
            )
            for r in rows
        ]

    async def claim(self, notice_id: int) -> bool:
        """Mark one notice 'sending'; False when another sender took it first."""
        return (
            await self._db.write(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1"
                " WHERE id = ? AND status = 'pending'",
                (notice_id,),
            )
            == 1
        )

    async def sent(self, notice_id: int, message_id: int | None, now: datetime) -> None:
        await self._finish(notice_id, "sent", message_id, None, now)

    async def failed(self, notice_id: int, error: str, now: datetime) -> None:
        await self._finish(notice_id, "failed", None, error, now)

    async def retry_at(self, notice_id: int, moment: datetime, error: str) -> None:
        """Telegram said 'not now' (429) or did not answer before sending: try again later."""
        await self._db.write(
            "UPDATE outbox SET status = 'pending', not_before = ?, last_error = ? WHERE id = ?",
            (to_text(moment), error, notice_id),
        )

    async def abandon_interrupted(self, now: datetime) -> int:
        """At start-up: sends cut short by a crash may have reached Telegram; never resend them."""
        return await self._db.write(
            "UPDATE outbox SET status = 'failed', last_error = 'interrupted', sent_at = ?"
            " WHERE status = 'sending'",
            (to_text(now),),
        )

    async def counts(self) -> dict[str, int]:
        return {
            row[0]: row[1]
            for row in await self._db.every("SELECT status, COUNT(*) FROM outbox GROUP BY status")
        }

    async def _finish(
        self,
        notice_id: int,
        status: str,
        message_id: int | None,
        error: str | None,
        now: datetime,
    ) -> None:
        await self._db.write(
            "UPDATE outbox SET status = ?, message_id = ?, last_error = ?, sent_at = ?"
            " WHERE id = ?",
            (status, message_id, error, to_text(now), notice_id),
        )
