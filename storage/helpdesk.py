"""Each site's short directory of help nearby, with a name per language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from dispatch.meeting import HelpCategory, HelpPlace
from storage.db import Database
from storage.timestamps import to_text

ORDER = "CASE p.category WHEN 'medical' THEN 0 WHEN 'legal' THEN 1 WHEN 'food' THEN 2"
ORDER += " WHEN 'showers' THEN 3 ELSE 4 END, p.id"


class HelpdeskRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def places(self, site_id: int, locale: str, fallback: str) -> list[HelpPlace]:
        """The site's places, named in `locale` (else in `fallback`, else in any language)."""
        rows = await self._db.every(
            "SELECT p.id, p.site_id, p.category, p.hours, p.latitude, p.longitude,"
            " COALESCE((SELECT name FROM help_place_names WHERE place_id = p.id AND locale = ?),"
            " (SELECT name FROM help_place_names WHERE place_id = p.id AND locale = ?),"
            " (SELECT name FROM help_place_names WHERE place_id = p.id ORDER BY locale LIMIT 1),"
            f" '') FROM help_places p WHERE p.site_id = ? ORDER BY {ORDER}",
            (locale, fallback, site_id),
        )
        return [
            HelpPlace(r[0], r[1], HelpCategory(r[2]), r[6], r[3], float(r[4]), float(r[5]))
            for r in rows
        ]

    async def add(
        self,
        site_id: int,
        category: HelpCategory,
        names: Mapping[str, str],
        hours: str,
        position: tuple[float, float],
        actor: int,
        now: datetime,
    ) -> int:
        async with self._db.transaction() as tx:
            cursor = await tx.execute(
                "INSERT INTO help_places (site_id, category, hours, latitude, longitude,"
                " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (site_id, category.value, hours, *position, actor, to_text(now)),
            )
            place_id = cursor.lastrowid
            assert place_id is not None
            await tx.executemany(
                "INSERT INTO help_place_names (place_id, locale, name) VALUES (?, ?, ?)",
                [(place_id, locale, name) for locale, name in names.items()],
            )
            return place_id

    async def site_of(self, place_id: int) -> int | None:
        row = await self._db.one("SELECT site_id FROM help_places WHERE id = ?", (place_id,))
        return int(row[0]) if row else None

    async def remove(self, place_id: int) -> bool:
        return await self._db.write("DELETE FROM help_places WHERE id = ?", (place_id,)) == 1
