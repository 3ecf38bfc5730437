"""The audit log: who did what and when. Details never hold a guest's personal data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.db import Database
from storage.timestamps import from_text, to_text


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor_id: int | None
    action: str
    subject: str
    detail: dict[str, Any]


async def write(
    tx: aiosqlite.Connection,
    now: datetime,
    actor_id: int | None,
    action: str,
    subject: str = "",
    detail: dict[str, Any] | None = None,
) -> int:
    """Record inside the caller's transaction, so the entry exists exactly when the change does;
    returns the entry's number, unique for the life of the database (a notice key)."""
    cursor = await tx.execute(
        "INSERT INTO audit_log (at, actor_id, action, subject, detail) VALUES (?,?,?,?,?)",
        (to_text(now), actor_id, action, subject, json.dumps(detail or {})),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


class AuditLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self,
        now: datetime,
        actor_id: int | None,
        action: str,
        subject: str = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        async with self._db.transaction() as tx:
            await write(tx, now, actor_id, action, subject, detail)

    async def recent(self, limit: int = 50) -> list[AuditEntry]:
        rows = await self._db.every(
            "SELECT at, actor_id, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [
            AuditEntry(
                from_text(r["at"]),
                r["actor_id"],
                r["action"],
                r["subject"],
                json.loads(r["detail"]),
            )
            for r in rows
        ]
