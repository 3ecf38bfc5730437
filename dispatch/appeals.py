"""Urgent appeals: who receives one, when a host must not be disturbed, and how far along it is.

Pure Python: the storage layer maps rows to these objects and the sender renders them; the
time always comes in as an argument.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class AppealStatus(StrEnum):
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class RecipientStatus(StrEnum):
    """A recipient row's life: pending → sending → sent, or one of the end states.

    'uncertain' is a send that may have reached Telegram (cut short by a crash or a timeout):
    it is never sent again, so nobody gets an appeal twice.
    """

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    UNCERTAIN = "uncertain"
    FAILED = "failed"
    UNREACHABLE = "unreachable"


class Audience(StrEnum):
    """Whom an appeal goes to: the site's hosts (beds), its drivers (rides), or both."""

    HOSTS = "hosts"
    DRIVERS = "drivers"
    BOTH = "both"


@dataclass(frozen=True)
class AppealFilters:
    """The audience a dispatcher chose; empty sets and None mean 'anyone'. The host filters
    (hosted recently, languages, groups accepted) narrow the hosts only."""

    site_id: int
    hosted_within_days: int | None = None
    languages: frozenset[str] = frozenset()
    accepts: frozenset[str] = frozenset()  # values of dispatch.groups.GroupType
    audience: Audience = Audience.HOSTS

    @property
    def to_hosts(self) -> bool:
        return self.audience is not Audience.DRIVERS

    @property
    def to_drivers(self) -> bool:
        return self.audience is not Audience.HOSTS

    def to_json(self) -> str:
        data: dict[str, object] = {
            "site_id": self.site_id,
            "hosted_within_days": self.hosted_within_days,
            "languages": sorted(self.languages),
            "accepts": sorted(self.accepts),
        }
        if self.audience is not Audience.HOSTS:  # appeals stored before drivers read the same
            data["audience"] = self.audience.value
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> AppealFilters:
        data = json.loads(text)
        within = data.get("hosted_within_days")
        return cls(
            site_id=int(data["site_id"]),
            hosted_within_days=int(within) if within is not None else None,
            languages=frozenset(str(code) for code in data.get("languages", ())),
            accepts=frozenset(str(kind) for kind in data.get("accepts", ())),
            audience=Audience(data.get("audience", Audience.HOSTS.value)),
        )

    def admits(self, languages: frozenset[str], accepts: frozenset[str]) -> bool:
        """A host qualifies when each chosen set, if any, overlaps what the host declared."""
        if self.languages and not self.languages & languages:
            return False
        return not (self.accepts and not self.accepts & accepts)

    def hosted_since(self, night: date) -> date | None:
        """The first night that counts as 'hosted recently', or None when any host will do."""
        if self.hosted_within_days is None:
            return None
        return night - timedelta(days=self.hosted_within_days)


def in_quiet_hours(start: time | None, end: time | None, local: time) -> bool:
    """Whether `local` falls in [start, end); a window such as 22:00–07:00 wraps past midnight."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


@dataclass(frozen=True)
class Recipient:
    """A host (host_id) or a driver (driver_id) an appeal goes to, in their chat."""

    chat_id: int
    host_id: int | None
    driver_id: int | None = None


@dataclass(frozen=True)
class NewAppeal:
    """What a dispatcher composed, before it is stored."""

    site_id: int
    night: date
    created_by: int
    people: int
    children: int
    free_text: str
    filters: AppealFilters
    progress_chat: int

    def as_sent(self, now: datetime) -> Appeal:
        """The appeal as recipients will read it: what a preview renders."""
        return Appeal(
            0, self.site_id, self.night, self.created_by, self.people, self.children,
            self.free_text, self.filters, AppealStatus.SENDING, None, None, now,
        )  # fmt: skip


@dataclass(frozen=True)
class Appeal:
    """A stored appeal."""

    id: int
    site_id: int
    night: date
    created_by: int
    people: int
    children: int
    free_text: str
    filters: AppealFilters
    status: AppealStatus
    progress_chat: int | None
    progress_message: int | None
    created_at: datetime
    finished_at: datetime | None = None


@dataclass(frozen=True)
class DueRecipient:
    """A recipient row ready to be sent, with the saved language it is rendered in."""

    appeal_id: int
    chat_id: int
    host_id: int | None
    locale: str | None
    driver_id: int | None = None  # a driver reads the drivers' appeal


@dataclass(frozen=True)
class AppealProgress:
    """Counts of an appeal's recipients by outcome, for the dispatcher's progress message."""

    total: int
    sent: int
    uncertain: int
    failed: int
    unreachable: int
    pending: int  # not sent yet (includes a send in flight)
    answered: int
    beds_answered: int
    status: AppealStatus
    created_at: datetime
    finished_at: datetime | None = None
    by_status: dict[str, int] = field(default_factory=dict, compare=False)
    drivers: int = 0  # of the total, drivers (the rest are hosts)
    drivers_answered: int = 0  # drivers who said they can drive tonight

    @property
    def processed(self) -> int:
        return self.total - self.pending

    def time_left(self, now: datetime) -> timedelta | None:
        """Remaining time at the pace so far; None while there is no pace to go by."""
        if self.pending == 0 or self.status is not AppealStatus.SENDING:
            return timedelta(0)
        elapsed = (now - self.created_at).total_seconds()
        if self.processed == 0 or elapsed <= 0:
            return None
        return timedelta(seconds=self.pending * elapsed / self.processed)
