"""Guests (a first name or alias and their consent) and their requests, one per night."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

import aiosqlite

from dispatch.models import GuestRequest, RequestStatus
from dispatch.readmodels import NewRequest
from storage.db import Database, one
from storage.matches import party_of
from storage.rounds import round_id
from storage.timestamps import to_text

SELECT = (
    "SELECT q.id, q.guest_id, r.site_id, r.night, g.alias, q.women, q.men, q.children,"
    " q.children_ages, q.languages, q.step_free, q.medical, q.status, q.walkin_code"
    " FROM requests q JOIN rounds r ON r.id = q.round_id JOIN guests g ON g.id = q.guest_id"
)


def _request(row: sqlite3.Row) -> GuestRequest:
    return GuestRequest(
        id=row["id"],
        guest_id=row["guest_id"],
        site_id=row["site_id"],
        night=date.fromisoformat(row["night"]),
        alias=row["alias"],
        party=party_of(row),
        languages=tuple(json.loads(row["languages"])),
        step_free=bool(row["step_free"]),
        medical=bool(row["medical"]),
        status=RequestStatus(row["status"]),
        walkin_code=row["walkin_code"],
    )


class RequestRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def consent_version(self, user_id: int) -> int | None:
        row = await self._db.one("SELECT consent_version FROM guests WHERE user_id = ?", (user_id,))
        return int(row["consent_version"]) if row and row["consent_version"] is not None else None

    async def record_consent(self, user_id: int, version: int, now: datetime) -> None:
        """The guest agreed to what we keep; nothing about them is stored before this."""
        await self._db.write(
            "INSERT INTO guests (user_id, alias, consent_version, consent_at, created_at)"
            " VALUES (?, '', ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
            " consent_version = excluded.consent_version, consent_at = excluded.consent_at",
            (user_id, version, to_text(now), to_text(now)),
        )

    async def save_for_user(self, user_id: int, new: NewRequest, now: datetime) -> GuestRequest:
        """One request per guest per night: asking again updates it."""
        async with self._db.transaction() as tx:
            row = await one(tx, "SELECT id FROM guests WHERE user_id = ?", (user_id,))
            if row is None:
                raise LookupError("the guest has not agreed to the privacy notice")
            request_id = await _upsert(tx, int(row["id"]), new, now, walkin_code=None)
        return await self._by_id(request_id)

    async def save_walk_in(
        self, dispatcher_id: int, new: NewRequest, code: str, now: datetime
    ) -> GuestRequest:
        """A group registered in person (see `save_walk_in` below)."""
        request_id = await self._db.run(lambda tx: save_walk_in(tx, dispatcher_id, new, code, now))
        return await self._by_id(request_id)

    async def for_user(self, user_id: int, night: date) -> GuestRequest | None:
        row = await self._db.one(
            f"{SELECT} WHERE g.user_id = ? AND r.night = ?", (user_id, night.isoformat())
        )
        return _request(row) if row else None

    async def withdraw(self, request_id: int, now: datetime) -> None:
        await self._db.run_single(lambda tx: withdraw(tx, request_id, now))

    async def waiting(self, site_id: int, night: date) -> list[GuestRequest]:
        return [
            _request(row)
            for row in await self._db.every(
                f"{SELECT} WHERE r.site_id = ? AND r.night = ? AND q.status = 'waiting'"
                " ORDER BY q.id",
                (site_id, night.isoformat()),
            )
        ]

    async def by_id(self, request_id: int) -> GuestRequest | None:
        async with self._db.connection() as db:
            return await by_id(db, request_id)

    async def _by_id(self, request_id: int) -> GuestRequest:
        found = await self.by_id(request_id)
        assert found is not None
        return found


async def by_id(db: aiosqlite.Connection, request_id: int) -> GuestRequest | None:
    row = await one(db, f"{SELECT} WHERE q.id = ?", (request_id,))
    return _request(row) if row else None


async def save_walk_in(
    tx: aiosqlite.Connection, dispatcher_id: int, new: NewRequest, code: str, now: datetime
) -> int:
    """A group registered in person; its notices go to the dispatcher who registered it.

    The dispatcher's walk-in form goes in the same transaction: each walk-in is a new guest,
    so a restart between the two would register the group twice, with two codes."""
    cursor = await tx.execute(
        "INSERT INTO guests (registered_by, alias, consent_version, consent_at,"
        " created_at) VALUES (?, ?, NULL, ?, ?)",
        (dispatcher_id, new.alias, to_text(now), to_text(now)),
    )
    assert cursor.lastrowid is not None
    request_id = await _upsert(tx, cursor.lastrowid, new, now, walkin_code=code)
    await tx.execute("DELETE FROM drafts WHERE user_id = ?", (dispatcher_id,))
    return request_id


async def _upsert(
    tx: aiosqlite.Connection,
    guest_id: int,
    new: NewRequest,
    now: datetime,
    walkin_code: str | None,
) -> int:
    round_ = await round_id(tx, new.site_id, new.night, new.closes_at)
    await tx.execute("UPDATE guests SET alias = ? WHERE id = ?", (new.alias, guest_id))
    # A guest who changes site the same night moves their request rather than doubling it.
    await tx.execute(
        "DELETE FROM requests WHERE guest_id = ? AND round_id != ? AND round_id IN"
        " (SELECT id FROM rounds WHERE night = ?)",
        (guest_id, round_, new.night.isoformat()),
    )
    values = (
        new.party.women,
        new.party.men,
        new.party.children,
        json.dumps(list(new.party.age_bands)),
        json.dumps(list(new.languages)),
        int(new.step_free),
        int(new.medical),
        to_text(now),
    )
    await tx.execute(
        "INSERT INTO requests (guest_id, round_id, women, men, children, children_ages,"
        " languages, step_free, medical, status, walkin_code, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)"
        " ON CONFLICT (guest_id, round_id) DO UPDATE SET women = excluded.women,"
        " men = excluded.men, children = excluded.children,"
        " children_ages = excluded.children_ages, languages = excluded.languages,"
        " step_free = excluded.step_free, medical = excluded.medical, status = 'waiting',"
        " updated_at = excluded.updated_at",
        (guest_id, round_, *values[:7], walkin_code, values[7], values[7]),
    )
    row = await one(
        tx, "SELECT id FROM requests WHERE guest_id = ? AND round_id = ?", (guest_id, round_)
    )
    assert row is not None
    return int(row["id"])


async def withdraw(tx: aiosqlite.Connection, request_id: int, now: datetime) -> None:
    await tx.execute(
        "UPDATE requests SET status = 'withdrawn', updated_at = ? WHERE id = ?",
        (to_text(now), request_id),
    )
