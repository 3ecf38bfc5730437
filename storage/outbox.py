"""The outbox: every notification is written in the same transaction as the change it reports,
then sent by one sender. A row is claimed ('sending') when its request leaves, after the rate
limiter let it through, and marked right after; so a crash leaves 'sending' only the requests
truly in flight. At the next start each of those becomes what its kind says
(dispatch.notices.AFTER_CRASH): sent again marked as a repeat, or kept at most once
('interrupted', perhaps delivered)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from dispatch.notice_codec import UnknownNotice, parse, stored
from dispatch.notices import AFTER_CRASH, AfterCrash, NoticePayload, NoticeStatus
from storage.db import Database
from storage.timestamps import from_text, to_text

_COLUMNS = "id, chat_id, kind, payload, attempts, created_at, repeats"
_REPEATED = sorted(kind.value for kind, after in AFTER_CRASH.items() if after is AfterCrash.REPEAT)


@dataclass(frozen=True)
class Notice:
    id: int
    chat_id: int
    kind: str
    payload: NoticePayload | None  # None: a stored payload this version cannot read
    attempts: int
    created_at: datetime | None = None
    repeats: int = 0  # sent again after a crash cut a send short: the text says so


async def enqueue(
    tx: aiosqlite.Connection,
    chat_id: int,
    payload: NoticePayload,
    key: str,
    now: datetime,
) -> None:
    """Add a notice inside the caller's transaction; the same key is only ever queued once."""
    await tx.execute(
        "INSERT OR IGNORE INTO outbox (chat_id, kind, payload, dedupe_key, not_before, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (chat_id, payload.kind.value, json.dumps(stored(payload)), key, to_text(now), to_text(now)),
    )


def _notice(row: Any) -> Notice:
    try:
        payload: NoticePayload | None = parse(row["kind"], json.loads(row["payload"]))
    except (UnknownNotice, ValueError):
        payload = None
    return Notice(
        row["id"],
        row["chat_id"],
        row["kind"],
        payload,
        row["attempts"] + 1,
        from_text(row["created_at"]),
        row["repeats"],
    )


class Outbox:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, chat_id: int, payload: NoticePayload, key: str, now: datetime) -> None:
        async with self._db.transaction() as tx:
            await enqueue(tx, chat_id, payload, key, now)

    async def due(self, now: datetime, limit: int = 30) -> list[Notice]:
        """The oldest due notices, not yet claimed: each is claimed on its own, just before
        its request leaves, so a crash leaves at most the sends in flight unsent."""
        rows = await self._db.every(
            f"SELECT {_COLUMNS} FROM outbox"
            " WHERE status = 'pending' AND not_before <= ? ORDER BY id LIMIT ?",
            (to_text(now), limit),
        )
        return [_notice(r) for r in rows]

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
        await self._finish(notice_id, NoticeStatus.SENT, message_id, None, now)

    async def failed(self, notice_id: int, error: str, now: datetime) -> None:
        await self._finish(notice_id, NoticeStatus.FAILED, None, error, now)

    async def retry_at(self, notice_id: int, moment: datetime, error: str) -> None:
        """Telegram said 'not now' (429) or did not answer before sending: try again later."""
        await self._db.write(
            "UPDATE outbox SET status = 'pending', not_before = ?, last_error = ? WHERE id = ?",
            (to_text(moment), error, notice_id),
        )

    async def recover_interrupted(self, now: datetime) -> tuple[int, int]:
        """At start-up, the sends a crash cut short (they may have reached Telegram): those
        whose kind repeats go out again, marked; the others stay at most once, 'interrupted'.
        Returns (sent again, perhaps delivered)."""
        marks = ", ".join("?" for _ in _REPEATED)
        async with self._db.transaction() as tx:
            again = await tx.execute(
                "UPDATE outbox SET status = 'pending', repeats = repeats + 1, not_before = ?,"
                f" last_error = 'interrupted' WHERE status = 'sending' AND kind IN ({marks})",
                (to_text(now), *_REPEATED),
            )
            once = await tx.execute(
                "UPDATE outbox SET status = 'failed', last_error = 'interrupted', sent_at = ?"
                " WHERE status = 'sending'",
                (to_text(now),),
            )
            return again.rowcount, once.rowcount

    async def counts(self) -> dict[NoticeStatus, int]:
        return {
            NoticeStatus(row[0]): row[1]
            for row in await self._db.every("SELECT status, COUNT(*) FROM outbox GROUP BY status")
        }

    async def _finish(
        self,
        notice_id: int,
        status: NoticeStatus,
        message_id: int | None,
        error: str | None,
        now: datetime,
    ) -> None:
        await self._db.write(
            "UPDATE outbox SET status = ?, message_id = ?, last_error = ?, sent_at = ?"
            " WHERE id = ?",
            (status, message_id, error, to_text(now), notice_id),
        )
