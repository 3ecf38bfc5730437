"""One object that opens the database and hands out its repositories."""

from __future__ import annotations

from pathlib import Path

from storage.appeals import AppealRepository
from storage.audit import AuditLog
from storage.board import BoardRepository
from storage.db import Database
from storage.drafts import DraftRepository
from storage.drivers import DriverRepository
from storage.evening import EveningRepository
from storage.helpdesk import HelpdeskRepository
from storage.hosts import HostRepository
from storage.housekeeping import HousekeepingRepository
from storage.incidents import IncidentRepository
from storage.invites import InviteRepository
from storage.meeting import MeetingRepository
from storage.offers import OfferRepository
from storage.outbox import Outbox
from storage.patterns import PatternRepository
from storage.privacy import PrivacyRepository
from storage.requests import RequestRepository
from storage.rides import RideRepository
from storage.shifts import ShiftRepository
from storage.sites import SiteRepository
from storage.stats import StatsRepository
from storage.updates import ProcessedUpdates
from storage.users import UserRepository
from storage.vetting import VettingRepository


class Store:
    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.db = Database(path, key)
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
        self.appeals = AppealRepository(self.db)
        self.stats = StatsRepository(self.db)
        self.board = BoardRepository(self.db)
        self.vetting = VettingRepository(self.db)
        self.privacy = PrivacyRepository(self.db)
        self.housekeeping = HousekeepingRepository(self.db)
        self.incidents = IncidentRepository(self.db)
        self.meeting = MeetingRepository(self.db)
        self.helpdesk = HelpdeskRepository(self.db)
        self.drivers = DriverRepository(self.db)
        self.shifts = ShiftRepository(self.db)
        self.rides = RideRepository(self.db)

    async def open(self) -> None:
        await self.db.open()

    async def close(self) -> None:
        await self.db.close()
