"""Appeals to drivers: the site's vetted drivers who take appeals and are not driving tonight
yet, a driver's answer and opt-out. Same recipient rows, same paced sender as hosts."""

from __future__ import annotations

from datetime import date

from dispatch.appeals import Recipient
from storage.db import Database

_AUDIENCE = """
SELECT d.id, d.user_id
FROM drivers d
JOIN driver_sites ds ON ds.driver_id = d.id AND ds.site_id = :site
JOIN users u ON u.id = d.user_id
WHERE d.status = 'vetted' AND d.appeals = 1 AND u.unreachable = 0 AND u.blocked_at IS NULL
  AND d.id NOT IN (
    SELECT s.driver_id FROM shifts s JOIN rounds r ON r.id = s.round_id
    WHERE r.site_id = :site AND r.night = :night AND s.status = 'active')
ORDER BY d.id
"""


class AppealDrivers:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def audience(self, site_id: int, night: date) -> list[Recipient]:
        """Vetted drivers of the site who take appeals and have no shift there tonight."""
        rows = await self._db.every(_AUDIENCE, {"site": site_id, "night": night.isoformat()})
        return [Recipient(row["user_id"], None, row["id"]) for row in rows]

    async def any_vetted(self, site_ids: list[int]) -> bool:
        """Whether one of these sites has a vetted driver (else the appeal asks hosts only)."""
        if not site_ids:
            return False
        marks = ", ".join("?" for _ in site_ids)
        row = await self._db.one(
            "SELECT EXISTS (SELECT 1 FROM drivers d JOIN driver_sites ds ON ds.driver_id = d.id"
            f" WHERE d.status = 'vetted' AND ds.site_id IN ({marks}))",
            tuple(site_ids),
        )
        return bool(row and row[0])

    async def recipient(self, appeal_id: int, chat_id: int) -> int | None:
        """The driver this appeal was sent to in this chat; None for anyone else."""
        row = await self._db.one(
            "SELECT driver_id FROM appeal_recipients WHERE appeal_id = ? AND chat_id = ?",
            (appeal_id, chat_id),
        )
        return int(row[0]) if row and row[0] is not None else None

    async def set_appeals(self, driver_id: int, wanted: bool) -> None:
        await self._db.write(
            "UPDATE drivers SET appeals = ? WHERE id = ?", (int(wanted), driver_id)
        )

    async def settings_of(self, user_id: int) -> tuple[int, bool] | None:
        """A driver's id and whether they take appeals; None for someone who does not drive."""
        row = await self._db.one("SELECT id, appeals FROM drivers WHERE user_id = ?", (user_id,))
        return (int(row[0]), bool(row[1])) if row else None
