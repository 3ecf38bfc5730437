"""Bounds on the tables that only grow (dispatch/housekeeping.py says how far back)."""

from __future__ import annotations

from dispatch.housekeeping import TidyWindow
from storage.db import Database
from storage.timestamps import to_text

# Each statement removes what its table no longer needs; appeal_recipients goes with its
# appeal (ON DELETE CASCADE).
_TIDY = {
    "appeals": "DELETE FROM appeals WHERE night < :nights",
    "invites": "DELETE FROM invites WHERE expires_at < :records OR used_at < :records",
    "audit_log": "DELETE FROM audit_log WHERE at < :audit",
}


class HousekeepingRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def tidy(self, bounds: TidyWindow) -> dict[str, int]:
        """Delete what is past its bound, in one transaction; rows deleted per table."""
        names = {
            "nights": bounds.nights_before.isoformat(),
            "records": to_text(bounds.records_before),
            "audit": to_text(bounds.audit_before),
        }
        async with self._db.transaction() as tx:
            return {table: (await tx.execute(sql, names)).rowcount for table, sql in _TIDY.items()}
