"""A host's stays as they stand now: what tonight's proposals and confirmations said."""

from __future__ import annotations

from datetime import date

from dispatch.readmodels import MatchView
from storage.db import Database
from storage.matches import MATCH_SELECT, match_view


async def open_for_host(db: Database, host_user_id: int, since: date) -> list[MatchView]:
    """The host's proposals still waiting for an answer, stays confirmed but not yet
    begun, and guests on their way in a driver's car, from the night `since` on, oldest
    first (what /status repeats)."""
    rows = await db.every(
        f"{MATCH_SELECT} WHERE h.user_id = ? AND r.night >= ?"
        " AND (m.status IN ('proposed', 'confirmed') OR (m.status = 'picked_up' AND EXISTS"
        "  (SELECT 1 FROM rides x WHERE x.match_id = m.id AND x.status = 'picked_up')))"
        " ORDER BY r.night, m.id",
        (host_user_id, since.isoformat()),
    )
    return [match_view(row) for row in rows]
