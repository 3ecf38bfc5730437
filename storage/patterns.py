"""Weekly hosting patterns ("every Tuesday and Thursday") and their reminders."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, time

from dispatch.models import WeeklyPattern
from storage.db import Database
from storage.timestamps import to_text

COLUMNS = (
    "host_id, site_id, weekdays, reminder_time, beds, latest_pickup, nights, last_prompted_night"
)


def _pattern(row: sqlite3.Row) -> WeeklyPattern:
    last = row["last_prompted_night"]
    return WeeklyPattern(
        host_id=row["host_id"],
        site_id=row["site_id"],
        weekdays=frozenset(json.loads(row["weekdays"])),
        reminder=time.fromisoformat(row["reminder_time"]),
        beds=row["beds"],
        latest_pickup=time.fromisoformat(row["latest_pickup"]),
        nights=row["nights"],
        last_prompted_night=date.fromisoformat(last) if last else None,
    )


class PatternRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save(self, pattern: WeeklyPattern, now: datetime) -> None:
        await self._db.write(
            "INSERT INTO weekly_patterns (host_id, site_id, weekdays, reminder_time, beds,"
            " latest_pickup, nights, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (host_id) DO UPDATE SET site_id = excluded.site_id,"
            " weekdays = excluded.weekdays, reminder_time = excluded.reminder_time,"
            " beds = excluded.beds, latest_pickup = excluded.latest_pickup,"
            " nights = excluded.nights",
            (
                pattern.host_id,
                pattern.site_id,
                json.dumps(sorted(pattern.weekdays)),
                pattern.reminder.strftime("%H:%M"),
                pattern.beds,
                pattern.latest_pickup.strftime("%H:%M"),
                pattern.nights,
                to_text(now),
            ),
        )

    async def get(self, host_id: int) -> WeeklyPattern | None:
        row = await self._db.one(
            f"SELECT {COLUMNS} FROM weekly_patterns WHERE host_id = ?", (host_id,)
        )
        return _pattern(row) if row else None

    async def delete(self, host_id: int) -> bool:
        return await self._db.write("DELETE FROM weekly_patterns WHERE host_id = ?", (host_id,)) > 0

    async def all(self) -> list[WeeklyPattern]:
        return [
            _pattern(row) for row in await self._db.every(f"SELECT {COLUMNS} FROM weekly_patterns")
        ]

    async def claim_reminder(self, host_id: int, night: date) -> bool:
        """True once per host and night, so a reminder is never sent twice."""
        return (
            await self._db.write(
                "UPDATE weekly_patterns SET last_prompted_night = ? WHERE host_id = ?"
                " AND (last_prompted_night IS NULL OR last_prompted_night < ?)",
                (night.isoformat(), host_id, night.isoformat()),
            )
            == 1
        )
