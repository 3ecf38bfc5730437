"""Hosts: their profile, the sites they host for, their vetting status and pauses."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, time

import aiosqlite

from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostProfile, HostStatus
from storage.db import Database, every, one
from storage.timestamps import to_text

COLUMNS = (
    "id, user_id, display_name, phone, household, accepts, languages, step_free, pets, "
    "can_fetch, charter_version, status, paused_until"
)


def _profile(row: sqlite3.Row, site_ids: tuple[int, ...]) -> HostProfile:
    details = HostDetails(
        display_name=row["display_name"],
        phone=row["phone"],
        household=Household(row["household"]),
        accepts=frozenset(GroupType(g) for g in json.loads(row["accepts"])),
        languages=tuple(json.loads(row["languages"])),
        step_free=bool(row["step_free"]),
        pets=bool(row["pets"]),
        can_fetch=bool(row["can_fetch"]),
        site_ids=site_ids,
    )
    paused = row["paused_until"]
    return HostProfile(
        id=row["id"],
        user_id=row["user_id"],
        details=details,
        charter_version=row["charter_version"],
        status=HostStatus(row["status"]),
        paused_until=date.fromisoformat(paused) if paused else None,
    )


def _detail_values(details: HostDetails) -> tuple[object, ...]:
    return (
        details.display_name,
        details.phone,
        details.household.value,
        json.dumps(sorted(g.value for g in details.accepts)),
        json.dumps(list(details.languages)),
        int(details.step_free),
        int(details.pets),
        int(details.can_fetch),
    )


class HostRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def register(
        self, user_id: int, details: HostDetails, charter_version: int, now: datetime
    ) -> HostProfile:
        """A new host, waiting for vetting; registering again updates the same profile."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO hosts (user_id, display_name, phone, household, accepts, languages,"
                " step_free, pets, can_fetch, charter_version, status, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name,"
                " phone = excluded.phone, household = excluded.household,"
                " accepts = excluded.accepts, languages = excluded.languages,"
                " step_free = excluded.step_free, pets = excluded.pets,"
                " can_fetch = excluded.can_fetch, charter_version = excluded.charter_version,"
                " updated_at = excluded.updated_at",
                (user_id, *_detail_values(details), charter_version, to_text(now), to_text(now)),
            )
            host_id = await _host_id(tx, user_id)
            await _set_sites(tx, host_id, details.site_ids)
        host = await self.by_user(user_id)
        assert host is not None
        return host

    async def update_details(self, host_id: int, details: HostDetails, now: datetime) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE hosts SET display_name = ?, phone = ?, household = ?, accepts = ?,"
                " languages = ?, step_free = ?, pets = ?, can_fetch = ?, updated_at = ?"
                " WHERE id = ?",
                (*_detail_values(details), to_text(now), host_id),
            )
            await _set_sites(tx, host_id, details.site_ids)

    async def by_user(self, user_id: int) -> HostProfile | None:
        return await self._one("user_id = ?", user_id)

    async def get(self, host_id: int) -> HostProfile | None:
        return await self._one("id = ?", host_id)

    async def set_status(self, host_id: int, status: HostStatus, now: datetime) -> None:
        await self._db.write(
            "UPDATE hosts SET status = ?, updated_at = ? WHERE id = ?",
            (status.value, to_text(now), host_id),
        )

    async def pause_until(self, host_id: int, last_night: date | None, now: datetime) -> None:
        await self._db.write(
            "UPDATE hosts SET paused_until = ?, updated_at = ? WHERE id = ?",
            (last_night.isoformat() if last_night else None, to_text(now), host_id),
        )

    async def set_appeal_settings(
        self,
        host_id: int,
        appeals: bool,
        quiet_start: time | None,
        quiet_end: time | None,
        now: datetime,
    ) -> None:
        """Whether the host receives urgent appeals, and the hours they never should."""
        await self._db.write(
            "UPDATE hosts SET appeals = ?, quiet_start = ?, quiet_end = ?, updated_at = ?"
            " WHERE id = ?",
            (
                int(appeals),
                quiet_start.strftime("%H:%M") if quiet_start else None,
                quiet_end.strftime("%H:%M") if quiet_end else None,
                to_text(now),
                host_id,
            ),
        )

    async def pending(self) -> list[HostProfile]:
        async with self._db.reading() as db:
            rows = await every(
                db, f"SELECT {COLUMNS} FROM hosts WHERE status = 'pending' ORDER BY id"
            )
            return [_profile(row, await _site_ids(db, row["id"])) for row in rows]

    async def _one(self, where: str, value: int) -> HostProfile | None:
        async with self._db.reading() as db:
            row = await one(db, f"SELECT {COLUMNS} FROM hosts WHERE {where}", (value,))
            if row is None:
                return None
            return _profile(row, await _site_ids(db, row["id"]))


async def _host_id(tx: aiosqlite.Connection, user_id: int) -> int:
    row = await one(tx, "SELECT id FROM hosts WHERE user_id = ?", (user_id,))
    assert row is not None
    return int(row["id"])


async def _set_sites(tx: aiosqlite.Connection, host_id: int, site_ids: tuple[int, ...]) -> None:
    await tx.execute("DELETE FROM host_sites WHERE host_id = ?", (host_id,))
    await tx.executemany(
        "INSERT INTO host_sites (host_id, site_id) VALUES (?, ?)",
        [(host_id, site_id) for site_id in site_ids],
    )


async def _site_ids(db: aiosqlite.Connection, host_id: int) -> tuple[int, ...]:
    return tuple(
        int(row["site_id"])
        for row in await every(
            db, "SELECT site_id FROM host_sites WHERE host_id = ? ORDER BY site_id", (host_id,)
        )
    )


async def host_id_of(db: aiosqlite.Connection, user_id: int) -> int | None:
    """The host profile of a user, if they have one."""
    row = await one(db, "SELECT id FROM hosts WHERE user_id = ?", (user_id,))
    return int(row["id"]) if row else None
