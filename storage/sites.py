"""Sites (a city's meeting point and evening schedule) and their per-language texts."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, time

from dispatch.models import Site
from storage.db import Database, one
from storage.timestamps import to_text

# A site's names by language, read with the site in the same query (one trip).
NAMES = (
    "(SELECT json_group_array(json_array(t.locale, t.body)) FROM (SELECT locale, body"
    " FROM site_texts WHERE site_id = sites.id AND kind = 'name' ORDER BY locale) t) AS names"
)
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
        return [
            site_from_row(row, _names(row))
            for row in await self._db.every(f"SELECT {COLUMNS}, {NAMES} FROM sites ORDER BY id")
        ]

    async def get(self, site_id: int) -> Site | None:
        row = await self._db.one(f"SELECT {COLUMNS}, {NAMES} FROM sites WHERE id = ?", (site_id,))
        return site_from_row(row, _names(row)) if row else None

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


def _names(row: sqlite3.Row) -> tuple[tuple[str, str], ...]:
    return tuple((str(locale), str(name)) for locale, name in json.loads(row["names"]))


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
