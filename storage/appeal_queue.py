"""The sender's side of appeal recipients: read what is due, claim one row at a time, mark it.

A row is claimed ('sending', committed) immediately before its request leaves, so after a
crash a row still 'sending' may have reached Telegram: it becomes 'uncertain' and is never
sent again. Rows of a cancelled appeal cannot be claimed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

import aiosqlite

from dispatch.appeals import DueRecipient, RecipientStatus
from storage.db import Database
from storage.timestamps import to_text

_CLAIM = (
    "UPDATE appeal_recipients SET status = 'sending', attempts = attempts + 1"
    " WHERE appeal_id = ? AND chat_id = ? AND status = 'pending'"
    " AND (SELECT status FROM appeals WHERE id = ?) = 'sending'"
)


class Outcome(NamedTuple):
    """How one claimed send ended."""

    appeal_id: int
    chat_id: int
    status: RecipientStatus
    message_id: int | None
    at: datetime


_ENDS = {RecipientStatus.SENT, RecipientStatus.UNCERTAIN, RecipientStatus.FAILED}
_ENDS.add(RecipientStatus.UNREACHABLE)


async def _record(tx: aiosqlite.Connection, settled: Sequence[Outcome]) -> None:
    if not settled:
        return
    if any(outcome.status not in _ENDS for outcome in settled):
        raise ValueError("an outcome is an end state")
    await tx.executemany(
        "UPDATE appeal_recipients SET status = ?, message_id = ?, sent_at = ?"
        " WHERE appeal_id = ? AND chat_id = ? AND status = 'sending'",
        [(o.status.value, o.message_id, to_text(o.at), o.appeal_id, o.chat_id) for o in settled],
    )


class AppealQueue:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def recover_interrupted(self) -> int:
        """At start-up: a send cut short may have been delivered, so it is never repeated."""
        return await self._db.write(
            "UPDATE appeal_recipients SET status = 'uncertain' WHERE status = 'sending'"
        )

    async def due(self, now: datetime, limit: int) -> list[DueRecipient]:
        """The next pending rows of appeals still sending, oldest first, with their locale."""
        rows = await self._db.every(
            "SELECT r.appeal_id, r.chat_id, r.host_id, IFNULL(u.locale, u.telegram_locale),"
            " r.driver_id"
            " FROM appeal_recipients r"
            " JOIN appeals a ON a.id = r.appeal_id LEFT JOIN users u ON u.id = r.chat_id"
            " WHERE r.status = 'pending' AND r.not_before <= ? AND a.status = 'sending'"
            " ORDER BY r.not_before LIMIT ?",
            (to_text(now), limit),
        )
        return [DueRecipient(row[0], row[1], row[2], row[3], row[4]) for row in rows]

    async def claim(self, appeal_id: int, chat_id: int, settled: Sequence[Outcome] = ()) -> bool:
        """Take one row for sending now; False if it is taken, done, or its appeal stopped.

        `settled`: outcomes of earlier sends, written in the same transaction (one commit per
        message instead of two). An outcome lost to a crash leaves its row 'sending', which
        becomes 'uncertain': never sent again.
        """
        async with self._db.transaction() as tx:
            await _record(tx, settled)
            cursor = await tx.execute(_CLAIM, (appeal_id, chat_id, appeal_id))
            return cursor.rowcount == 1

    async def record(self, settled: Sequence[Outcome]) -> None:
        """Write outcomes still waiting for the next claim (when idle, and at shutdown)."""
        if settled:
            async with self._db.transaction() as tx:
                await _record(tx, settled)

    async def sent(self, appeal_id: int, chat_id: int, message_id: int, now: datetime) -> None:
        await self.record([Outcome(appeal_id, chat_id, RecipientStatus.SENT, message_id, now)])

    async def settle(
        self, appeal_id: int, chat_id: int, status: RecipientStatus, now: datetime
    ) -> None:
        """An end state other than 'sent': failed, unreachable or uncertain."""
        await self.record([Outcome(appeal_id, chat_id, status, None, now)])

    async def release(self, appeal_id: int, chat_id: int, not_before: datetime) -> None:
        """Telegram refused before delivering (429, no connection): send it again later."""
        await self._db.write(
            "UPDATE appeal_recipients SET status = 'pending', not_before = ?"
            " WHERE appeal_id = ? AND chat_id = ? AND status = 'sending'",
            (to_text(not_before), appeal_id, chat_id),
        )

    async def untouched(self, appeal_id: int) -> bool:
        """No row has left 'pending' yet: the appeal is starting, not resuming."""
        row = await self._db.one(
            "SELECT EXISTS (SELECT 1 FROM appeal_recipients"
            " WHERE appeal_id = ? AND status != 'pending')",
            (appeal_id,),
        )
        return not (row and row[0])
