"""Vetting decisions: a host's status changes with its audit entry, in the caller's
transaction (usecases/hosts.decide_host tells the host in the same one)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from dispatch.models import HostProfile, HostStatus
from storage.audit import write as audit
from storage.db import Database, every, one
from storage.hosts import COLUMNS, _profile, _site_ids
from storage.timestamps import to_text
from storage.tombstones import lift

# Which decision may follow which status: a decision on a stale list does nothing.
ALLOWED_FROM: dict[HostStatus, tuple[HostStatus, ...]] = {
    HostStatus.VETTED: (HostStatus.PENDING, HostStatus.SUSPENDED, HostStatus.REJECTED),
    HostStatus.REJECTED: (HostStatus.PENDING,),
    HostStatus.SUSPENDED: (HostStatus.VETTED,),
}


@dataclass(frozen=True)
class HostDecided:
    previous: HostStatus  # the status the host had
    user_id: int
    entry: int  # the decision's audit entry


async def decide_in(
    tx: aiosqlite.Connection,
    host_id: int,
    status: HostStatus,
    reason: str,
    actor_id: int,
    now: datetime,
) -> HostDecided | None:
    """Move the host to `status`, audited; None if not allowed now."""
    row = await one(tx, "SELECT user_id, status FROM hosts WHERE id = ?", (host_id,))
    if row is None or HostStatus(row["status"]) not in ALLOWED_FROM[status]:
        return None
    previous = HostStatus(row["status"])
    await tx.execute(
        "UPDATE hosts SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
        (status.value, reason or None, to_text(now), host_id),
    )
    if previous is HostStatus.SUSPENDED:
        await lift(tx, int(row["user_id"]), "suspended")
    detail = {"from": previous.value, "reason": reason}
    entry = await audit(tx, now, actor_id, f"host.{status.value}", f"host:{host_id}", detail)
    return HostDecided(previous, int(row["user_id"]), entry)


class VettingRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def reason(self, host_id: int) -> str:
        row = await self._db.one("SELECT status_reason FROM hosts WHERE id = ?", (host_id,))
        return str(row["status_reason"]) if row and row["status_reason"] else ""

    async def find(self, text: str, limit: int = 10) -> list[HostProfile]:
        """Hosts by number or by a part of their name, the most recent first."""
        number = int(text.lstrip("#")) if text.lstrip("#").isdecimal() else -1
        async with self._db.reading() as db:
            rows = await every(
                db,
                f"SELECT {COLUMNS} FROM hosts WHERE id = ? OR display_name LIKE ? ESCAPE '\\'"
                " ORDER BY id DESC LIMIT ?",
                (number, "%" + _escape_like(text) + "%", limit),
            )
            return [_profile(row, await _site_ids(db, row["id"])) for row in rows]

    async def counts(self, site_ids: Collection[int] | None = None) -> dict[HostStatus, int]:
        """Hosts by status, of these sites only (None: every host)."""
        params: tuple[int, ...] = ()
        if site_ids is None:
            sql = "SELECT status, COUNT(*) AS hosts FROM hosts GROUP BY status"
        else:
            ids = tuple(site_ids)
            marks = ", ".join("?" for _ in ids) or "NULL"
            sql = (
                "SELECT status, COUNT(*) AS hosts FROM hosts WHERE id IN"
                f" (SELECT host_id FROM host_sites WHERE site_id IN ({marks})) GROUP BY status"
            )
            params = ids
        return {HostStatus(r["status"]): int(r["hosts"]) for r in await self._db.every(sql, params)}

    async def live_offers(self, host_id: int, from_night: date) -> list[int]:
        async with self._db.connection() as db:
            return await live_offers(db, host_id, from_night)


async def live_offers(db: aiosqlite.Connection, host_id: int, from_night: date) -> list[int]:
    """The host's active offers for tonight and later (taken out on suspension)."""
    rows = await every(
        db,
        "SELECT o.id FROM offers o JOIN rounds r ON r.id = o.round_id WHERE o.host_id = ?"
        " AND o.status = 'active' AND r.night >= ?",
        (host_id, from_night.isoformat()),
    )
    return [int(row["id"]) for row in rows]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
