"""One object that opens the database and hands out its repositories."""

from __future__ import annotations

from pathlib import Path

from storage.audit import AuditLog
from storage.db import Database
from storage.drafts import DraftRepository
from storage.evening import EveningRepository
from storage.hosts import HostRepository
from storage.invites import InviteRepository
from storage.offers import OfferRepository
from storage.outbox import Outbox
from storage.patterns import PatternRepository
from storage.requests import RequestRepository
from storage.sites import SiteRepository
from storage.updates import ProcessedUpdates
from storage.users import UserRepository


class Store:
    def __init__(self, path: Path) -> None:
        self.db = Database(path)
        self.users = UserRepository(self.db)
        self.updates = ProcessedUpdates(self.db)
        self.audit = AuditLog(self.db)
        self.sites = SiteRepository(self.db)
        self.drafts = DraftRepository(self.db)
        self.hosts = HostRepository(self.db)
        self.offers = OfferRepository(self.db)
        self.requests = RequestRepository(self.db)
        self.patterns = PatternRepository(self.db)
        self.evening = EveningRepository(self.db)
        self.outbox = Outbox(self.db)
        self.invites = InviteRepository(self.db)

    async def open(self) -> None:
        await self.db.open()

    async def close(self) -> None:
        await self.db.close()
