"""Meetings at the meeting point and the end of the evening: rows in, rows out, no decisions.

A booking reads the slots already taken and writes its own in one transaction, with the slot
chosen by a pure rule the caller hands in (dispatch.meeting.choose), so two hosts confirming at
once never overfill a slot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from dispatch.meeting import Comer, Meeting, SlotSettings
from dispatch.models import MatchStatus
from storage.db import Database, every, one
from storage.timestamps import from_text, to_text

Chooser = Callable[[dict[datetime, int]], datetime]
_TAKEN = (
    "SELECT t.meet_at, COUNT(*) FROM meetings t JOIN matches m ON m.id = t.match_id"
    " JOIN rounds r ON r.id = m.round_id WHERE r.site_id = ? AND r.night = ?"
    " AND m.status IN ('proposed', 'confirmed', 'picked_up') AND t.match_id != ?"
    " GROUP BY t.meet_at"
)
_MEETING = (
    "SELECT match_id, meet_at, comer, comer_user_id, sign, guest_here_at, comer_here_at,"
    " late_at FROM meetings"
)


@dataclass(frozen=True)
class Stay:
    """What booking a meeting needs to know about one stay."""

    match_id: int
    site_id: int
    night: date
    status: MatchStatus
    latest_pickup: str
    collects: bool
    host_user_id: int
    guest_chat_id: int


def _stamp(value: str | None) -> datetime | None:
    return from_text(value) if value else None


def _meeting(row: aiosqlite.Row) -> Meeting:
    return Meeting(
        match_id=row[0],
        meet_at=from_text(row[1]),
        comer=Comer(row[2]),
        comer_user_id=row[3],
        sign=row[4],
        guest_here_at=_stamp(row[5]),
        comer_here_at=_stamp(row[6]),
        late_at=_stamp(row[7]),
    )


_STAY = (
    "SELECT m.id, r.site_id, r.night, m.status, o.latest_pickup, h.can_fetch, h.user_id,"
    " COALESCE(g.user_id, g.registered_by) FROM matches m JOIN rounds r ON r.id = m.round_id"
    " JOIN offers o ON o.id = m.offer_id JOIN hosts h ON h.id = o.host_id"
    " JOIN requests q ON q.id = m.request_id JOIN guests g ON g.id = q.guest_id"
)


def _stay(row: aiosqlite.Row) -> Stay:
    return Stay(
        row[0],
        row[1],
        date.fromisoformat(row[2]),
        MatchStatus(row[3]),
        row[4],
        bool(row[5]),
        row[6],
        row[7],
    )


class MeetingRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def settings(self, site_id: int) -> SlotSettings:
        row = await self._db.one(
            "SELECT slot_minutes, per_slot FROM meeting_settings WHERE site_id = ?", (site_id,)
        )
        return SlotSettings(row[0], row[1]) if row else SlotSettings()

    async def set_settings(self, site_id: int, settings: SlotSettings) -> None:
        await self._db.write(
            "INSERT INTO meeting_settings (site_id, slot_minutes, per_slot) VALUES (?, ?, ?)"
            " ON CONFLICT (site_id) DO UPDATE SET slot_minutes = excluded.slot_minutes,"
            " per_slot = excluded.per_slot",
            (site_id, settings.minutes, settings.per_slot),
        )

    async def stay(self, match_id: int) -> Stay | None:
        row = await self._db.one(f"{_STAY} WHERE m.id = ?", (match_id,))
        return _stay(row) if row else None

    async def taken(self, site_id: int, night: date, match_id: int = 0) -> dict[datetime, int]:
        rows = await self._db.every(_TAKEN, (site_id, night.isoformat(), match_id))
        return {from_text(r[0]): int(r[1]) for r in rows}

    async def get(self, match_id: int) -> Meeting | None:
        row = await self._db.one(f"{_MEETING} WHERE match_id = ?", (match_id,))
        return _meeting(row) if row else None

    async def book(
        self, stay: Stay, comer: Comer, chooser: Chooser, now: datetime, *, again: bool = False
    ) -> Meeting:
        """Give the stay its slot (or keep the one it has, unless `again`), atomically."""
        async with self._db.transaction() as tx:
            row = await one(tx, f"{_MEETING} WHERE match_id = ?", (stay.match_id,))
            if row is not None and not again:
                return _meeting(row)
            rows = await every(tx, _TAKEN, (stay.site_id, stay.night.isoformat(), stay.match_id))
            meet_at = chooser({from_text(r[0]): int(r[1]) for r in rows})
            comer_user = stay.host_user_id if comer is Comer.HOST else None
            await tx.execute(
                "INSERT INTO meetings (match_id, meet_at, comer, comer_user_id, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (match_id) DO UPDATE SET"
                " meet_at = excluded.meet_at, late_at = NULL",
                (stay.match_id, to_text(meet_at), comer.value, comer_user, to_text(now)),
            )
            found = await one(tx, f"{_MEETING} WHERE match_id = ?", (stay.match_id,))
            assert found is not None
            return _meeting(found)

    async def late_candidates(self, before: datetime) -> list[int]:
        """Confirmed stays whose meeting time is past `before` and whose alarm has not gone."""
        rows = await self._db.every(
            "SELECT t.match_id FROM meetings t JOIN matches m ON m.id = t.match_id"
            " WHERE t.late_at IS NULL AND t.meet_at <= ? AND m.status = 'confirmed'"
            " ORDER BY t.meet_at",
            (to_text(before),),
        )
        return [int(r[0]) for r in rows]

    async def unbooked(self, since: date) -> list[Stay]:
        """Confirmed stays of recent nights without a meeting (stays that carry on)."""
        rows = await self._db.every(
            f"{_STAY} WHERE r.night >= ? AND m.status = 'confirmed'"
            " AND NOT EXISTS (SELECT 1 FROM meetings t WHERE t.match_id = m.id)",
            (since.isoformat(),),
        )
        return [_stay(r) for r in rows]

    async def live_for_host(self, host_user_id: int, night: date) -> list[int]:
        rows = await self._db.every(
            "SELECT m.id FROM matches m JOIN rounds r ON r.id = m.round_id JOIN offers o"
            " ON o.id = m.offer_id JOIN hosts h ON h.id = o.host_id WHERE h.user_id = ?"
            " AND r.night = ? AND m.status IN ('proposed', 'confirmed', 'picked_up')"
            " ORDER BY m.id",
            (host_user_id, night.isoformat()),
        )
        return [int(r[0]) for r in rows]

    async def unended_rounds(self) -> list[tuple[int, int, date]]:
        """Matched rounds whose evening has not been ended: (round, site, night)."""
        rows = await self._db.every(
            "SELECT id, site_id, night FROM rounds WHERE ended_at IS NULL"
            " AND matched_at IS NOT NULL ORDER BY night"
        )
        return [(int(r[0]), int(r[1]), date.fromisoformat(r[2])) for r in rows]

    async def unplaced(self, guest_user_id: int, since: date) -> tuple[int, int] | None:
        """The guest's request of an evening that ended without a bed: (request, site)."""
        row = await self._db.one(
            "SELECT q.id, r.site_id FROM requests q JOIN rounds r ON r.id = q.round_id"
            " JOIN guests g ON g.id = q.guest_id WHERE g.user_id = ? AND r.night >= ?"
            " AND r.ended_at IS NOT NULL AND q.status = 'waiting' ORDER BY r.night DESC LIMIT 1",
            (guest_user_id, since.isoformat()),
        )
        return (int(row[0]), int(row[1])) if row else None


async def arrive_in(tx: aiosqlite.Connection, match_id: int, column: str, now: datetime) -> bool:
    """Record "I am here" once (column: guest_here_at or comer_here_at); False if it was."""
    assert column in ("guest_here_at", "comer_here_at")
    cursor = await tx.execute(
        f"UPDATE meetings SET {column} = ? WHERE match_id = ? AND {column} IS NULL",
        (to_text(now), match_id),
    )
    return cursor.rowcount == 1


async def set_sign_in(tx: aiosqlite.Connection, match_id: int, sign: str) -> None:
    await tx.execute("UPDATE meetings SET sign = ? WHERE match_id = ?", (sign, match_id))


async def mark_late_in(tx: aiosqlite.Connection, match_id: int, now: datetime) -> bool:
    """The late alarm goes off once: False if it went off already."""
    cursor = await tx.execute(
        "UPDATE meetings SET late_at = ? WHERE match_id = ? AND late_at IS NULL",
        (to_text(now), match_id),
    )
    return cursor.rowcount == 1


async def end_round_in(
    tx: aiosqlite.Connection, round_id: int, now: datetime
) -> list[tuple[int, int | None]]:
    """End the evening once: the requests still waiting, with their chat (None: nobody to
    tell); nothing if the evening was ended already."""
    cursor = await tx.execute(
        "UPDATE rounds SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
        (to_text(now), round_id),
    )
    if cursor.rowcount != 1:
        return []
    rows = await every(
        tx,
        "SELECT q.id, COALESCE(g.user_id, g.registered_by) FROM requests q JOIN guests g"
        " ON g.id = q.guest_id WHERE q.round_id = ? AND q.status = 'waiting'"
        " ORDER BY q.id",
        (round_id,),
    )
    return [(int(r[0]), None if r[1] is None else int(r[1])) for r in rows]
