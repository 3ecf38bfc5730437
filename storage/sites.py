"""Sites (a city's meeting point and evening schedule) and their per-language texts."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time

import aiosqlite

from dispatch.models import Site
from storage.db import Database, every, one
from storage.timestamps import to_text

COLUMNS = (
    "id, name, timezone, cutoff_time, evening_end_time, meeting_point_name,"
    " meeting_point_address, latitude, longitude"
)


def site_from_row(row: sqlite3.Row, names: tuple[tuple[str, str], ...] = ()) -> Site:
    return Site(
        id=row["id"],
        name=row["name"],
        timezone=row["timezone"],
        cutoff=time.fromisoformat(row["cutoff_time"]),
        evening_end=time.fromisoformat(row["evening_end_time"]),
        meeting_point_name=row["meeting_point_name"],
        meeting_point_address=row["meeting_point_address"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        names=names,
    )


class SiteRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def ensure_default(self, site: Site, now: datetime) -> Site:
        """The configured site, created at first start; later starts leave edits alone."""
        async with self._db.transaction() as tx:
            row = await one(tx, "SELECT COUNT(*) FROM sites")
            if row is not None and row[0] == 0:
                await tx.execute(
                    "INSERT INTO sites (name, timezone, cutoff_time, evening_end_time,"
                    " meeting_point_name, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        site.name,
                        site.timezone,
                        site.cutoff.strftime("%H:%M"),
                        site.evening_end.strftime("%H:%M"),
                        site.meeting_point_name,
                        to_text(now),
                    ),
                )
        sites = await self.all()
        return sites[0]

    async def all(self) -> list[Site]:
        async with self._db.reading() as db:
            rows = await every(db, f"SELECT {COLUMNS} FROM sites ORDER BY id")
            names = await _names(db)
        return [site_from_row(row, names.get(row["id"], ())) for row in rows]

    async def get(self, site_id: int) -> Site | None:
        async with self._db.reading() as db:
            row = await one(db, f"SELECT {COLUMNS} FROM sites WHERE id = ?", (site_id,))
            names = await _names(db, site_id)
        return site_from_row(row, names.get(site_id, ())) if row else None

    async def text(self, site_id: int, locale: str, kind: str) -> str | None:
        """A site's own text (alternatives, minors' service) in one language, if written."""
        row = await self._db.one(
            "SELECT body FROM site_texts WHERE site_id = ? AND locale = ? AND kind = ?",
            (site_id, locale, kind),
        )
        return str(row["body"]) if row else None

    async def set_text(self, site_id: int, locale: str, kind: str, body: str) -> None:
        await self._db.write(
            "INSERT INTO site_texts (site_id, locale, kind, body) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (site_id, locale, kind) DO UPDATE SET body = excluded.body",
            (site_id, locale, kind, body),
        )

    async def add(self, site: Site, now: datetime) -> Site | None:
        """Store a new site (its id is assigned here); None when its name is already taken."""
        try:
            async with self._db.transaction() as tx:
                cursor = await tx.execute(
                    "INSERT INTO sites (name, timezone, cutoff_time, evening_end_time,"
                    " meeting_point_name, meeting_point_address, latitude, longitude, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*_settings(site), to_text(now)),
                )
                site_id = cursor.lastrowid
        except sqlite3.IntegrityError:
            return None
        return await self.get(int(site_id or 0))

    async def update(self, site: Site) -> bool:
        """Save every setting of a stored site; False when its new name is already taken."""
        try:
            await self._db.write(
                "UPDATE sites SET name = ?, timezone = ?, cutoff_time = ?,"
                " evening_end_time = ?, meeting_point_name = ?, meeting_point_address = ?,"
                " latitude = ?, longitude = ? WHERE id = ?",
                (*_settings(site), site.id),
            )
        except sqlite3.IntegrityError:
            return False
        return True

    async def written_texts(self, site_id: int) -> set[tuple[str, str]]:
        """Which (kind, locale) texts a site has, so admins see what is still missing."""
        return {
            (row["kind"], row["locale"])
            for row in await self._db.every(
                "SELECT kind, locale FROM site_texts WHERE site_id = ?", (site_id,)
            )
        }


async def _names(
    db: aiosqlite.Connection, site_id: int | None = None
) -> dict[int, tuple[tuple[str, str], ...]]:
    """Each site's names by language (one site's, or every site's)."""
    rows = await every(
        db,
        "SELECT site_id, locale, body FROM site_texts WHERE kind = 'name'"
        " AND (? IS NULL OR site_id = ?) ORDER BY site_id, locale",
        (site_id, site_id),
    )
    found: dict[int, tuple[tuple[str, str], ...]] = {}
    for row in rows:
        found[row["site_id"]] = (*found.get(row["site_id"], ()), (row["locale"], row["body"]))
    return found


def _settings(site: Site) -> tuple[object, ...]:
    return (
        site.name,
        site.timezone,
        site.cutoff.strftime("%H:%M"),
        site.evening_end.strftime("%H:%M"),
        site.meeting_point_name,
        site.meeting_point_address,
        site.latitude,
        site.longitude,
    )
