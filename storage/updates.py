"""Processed Telegram update ids, so an update delivered twice is handled once."""

from __future__ import annotations

from datetime import datetime

from storage.db import Database
from storage.timestamps import to_text


class ProcessedUpdates:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def seen(self, update_id: int) -> bool:
        return (
            await self._db.one("SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,))
            is not None
        )

    async def mark(self, update_id: int, now: datetime) -> None:
        await self._db.write(
            "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
            (update_id, to_text(now)),
        )

    async def forget_before(self, moment: datetime) -> int:
        """Telegram never redelivers after a day or so; old ids are only weight."""
        return await self._db.write(
            "DELETE FROM processed_updates WHERE processed_at < ?", (to_text(moment),)
        )
