"""One object that opens the database and hands out its repositories."""

from __future__ import annotations

from pathlib import Path

from storage.audit import AuditLog
from storage.db import Database
from storage.updates import ProcessedUpdates
from storage.users import UserRepository


class Store:
    def __init__(self, path: Path) -> None:
        self.db = Database(path)
        self.users = UserRepository(self.db)
        self.updates = ProcessedUpdates(self.db)
        self.audit = AuditLog(self.db)

    async def open(self) -> None:
        await self.db.open()

    async def close(self) -> None:
        await self.db.close()
