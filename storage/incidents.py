"""Trust: incidents reported by hosts and guests, and users a dispatcher blocked.

Each change is one transaction with its audit entry (and its notice), so the log never lies and
a reported pair is blocked exactly when the report exists. The audit never holds what a
reporter wrote: that stays in `incidents.body`, which is purged with the night.
"""

from __future__ import annotations

from datetime import date, datetime

import aiosqlite

from dispatch.incident_forms import REPORT_LENGTH, REPORT_WINDOW, may_report, side_of
from dispatch.models import SETTLED_MATCH, IncidentStatus, Reporter
from dispatch.readmodels import Incident, MatchView, guest_user
from storage.audit import write as audit
from storage.db import Database, every, one
from storage.matches import MATCH_SELECT, find_view, match_view
from storage.timestamps import from_text, to_text
from storage.tombstones import lift

RECENT = tuple(s.value for s in SETTLED_MATCH)  # a stay that brought the two sides together

_SELECT = (
    "SELECT i.id, i.reporter_id, i.side, i.match_id, i.site_id, i.body, i.status, i.created_at,"
    " i.handled_by, i.handled_at, COALESCE(CASE i.side"
    " WHEN 'host' THEN (SELECT display_name FROM hosts WHERE user_id = i.reporter_id)"
    " WHEN 'guest' THEN (SELECT alias FROM guests WHERE user_id = i.reporter_id) END, '')"
    " AS reporter_name FROM incidents i"
)


# Counted by keyed hash in alert_marks, not by reporter_id: /forget blanks the reporter of
# an incident, and the limit must not start again with it.
SENT_SINCE = (
    "SELECT COUNT(*) AS sent FROM alert_marks WHERE digest = tomb(?) AND kind = 'report' AND at > ?"
)


class IncidentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def recent_stays(self, user_id: int, since: date) -> list[MatchView]:
        """The stays a report may be about: this user's, as host or guest, since `since`."""
        return [
            match_view(row)
            for row in await self._db.every(
                f"{MATCH_SELECT} WHERE (h.user_id = ? OR g.user_id = ?) AND r.night >= ?"
                f" AND m.status IN {RECENT} ORDER BY m.id DESC",
                (user_id, user_id, since.isoformat()),
            )
        ]

    async def open(
        self, reporter_id: int, body: str, match_id: int | None, now: datetime
    ) -> Incident | None:
        """Record a report, audit it and, when it is about a stay, never match that pair again.

        None, with nothing written, when the reporter has used up REPORTS_PER_WINDOW."""
        async with self._db.transaction() as tx:
            if not may_report(await _sent_since(tx, reporter_id, now - REPORT_WINDOW)):
                return None
            view = await find_view(tx, match_id) if match_id else None
            side = side_of(reporter_id, view.host_user_id, guest_user(view)) if view else None
            if view is None or side is None:
                view, side = None, await _side_without_stay(tx, reporter_id)
            site_id = view.site_id if view else await _site_of_person(tx, reporter_id)
            cursor = await tx.execute(
                "INSERT INTO incidents (reporter_id, side, match_id, site_id, body, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    reporter_id,
                    side,
                    view.id if view else None,
                    site_id,
                    body[:REPORT_LENGTH],
                    to_text(now),
                ),
            )
            incident_id = cursor.lastrowid
            assert incident_id is not None
            await tx.execute(
                "INSERT INTO alert_marks (digest, kind, at) VALUES (tomb(?), 'report', ?)",
                (reporter_id, to_text(now)),
            )
            if view is not None:
                await tx.execute(
                    "INSERT OR IGNORE INTO pair_blocks (host_id, guest_id, night, reason,"
                    " created_at) VALUES (?, ?, NULL, 'incident', ?)",
                    (view.host_id, view.guest_id, to_text(now)),
                )
            detail = {"side": side, "match": view.id if view else None}
            await audit(tx, now, reporter_id, "incident.open", f"incident:{incident_id}", detail)
            found = await _one(tx, incident_id)
        assert found is not None
        return found

    async def sent_since(self, reporter_id: int, since: datetime) -> int:
        """How many reports this person has sent after `since`."""
        row = await self._db.one(SENT_SINCE, (reporter_id, to_text(since)))
        return int(row["sent"]) if row else 0

    async def mark_alert(self, user_id: int, kind: str, now: datetime, since: datetime) -> bool:
        """Note that this person raised this alert; False (nothing written) when they already
        did after `since`, so pressing a button again does not alert the dispatchers again."""
        async with self._db.transaction() as tx:
            row = await one(
                tx,
                "SELECT 1 FROM alert_marks WHERE digest = tomb(?) AND kind = ? AND at > ?",
                (user_id, kind, to_text(since)),
            )
            if row is not None:
                return False
            await tx.execute(
                "INSERT INTO alert_marks (digest, kind, at) VALUES (tomb(?), ?, ?)",
                (user_id, kind, to_text(now)),
            )
        return True

    async def get(self, incident_id: int) -> Incident | None:
        async with self._db.reading() as db:
            return await _one(db, incident_id)

    async def open_ones(self, limit: int = 20) -> list[Incident]:
        """Open incidents, oldest first: the longest wait is handled first."""
        async with self._db.reading() as db:
            rows = await every(
                db,
                f"{_SELECT} WHERE i.status = 'open' ORDER BY i.created_at, i.id LIMIT ?",
                (limit,),
            )
            return [await _incident(db, row) for row in rows]

    async def handle(self, incident_id: int, actor_id: int, now: datetime) -> bool:
        """Mark an open incident handled; False if it is unknown or already handled."""
        async with self._db.transaction() as tx:
            cursor = await tx.execute(
                "UPDATE incidents SET status = 'handled', handled_by = ?, handled_at = ?"
                " WHERE id = ? AND status = 'open'",
                (actor_id, to_text(now), incident_id),
            )
            if cursor.rowcount != 1:
                return False
            await audit(tx, now, actor_id, "incident.handled", f"incident:{incident_id}")
        return True

    async def block_reason(self, user_id: int) -> str | None:
        """Why the user is blocked (for the dispatchers), None if they are not."""
        row = await self._db.one(
            "SELECT blocked_at, blocked_reason FROM users WHERE id = ?", (user_id,)
        )
        return str(row["blocked_reason"] or "") if row and row["blocked_at"] else None

    async def user_sites(self, user_id: int) -> frozenset[int]:
        """The sites a person belongs to: those they host or drive for, and those they asked a
        bed at."""
        rows = await self._db.every(
            "SELECT s.site_id FROM host_sites s JOIN hosts h ON h.id = s.host_id"
            " WHERE h.user_id = :user UNION SELECT r.site_id FROM requests q"
            " JOIN guests g ON g.id = q.guest_id JOIN rounds r ON r.id = q.round_id"
            " WHERE g.user_id = :user UNION SELECT s.site_id FROM driver_sites s"
            " JOIN drivers d ON d.id = s.driver_id WHERE d.user_id = :user",
            {"user": user_id},
        )
        return frozenset(int(row[0]) for row in rows)

    async def live_requests(self, user_id: int, from_night: date) -> list[int]:
        async with self._db.connection() as db:
            return await live_requests(db, user_id, from_night)


async def _sent_since(db: aiosqlite.Connection, reporter_id: int, since: datetime) -> int:
    row = await one(db, SENT_SINCE, (reporter_id, to_text(since)))
    return int(row["sent"]) if row else 0


async def _site_of_person(tx: aiosqlite.Connection, user_id: int) -> int | None:
    """The site of the person's latest request, else the first site they host for."""
    row = await one(
        tx,
        "SELECT COALESCE((SELECT r.site_id FROM requests q JOIN guests g ON g.id = q.guest_id"
        " JOIN rounds r ON r.id = q.round_id WHERE g.user_id = :user ORDER BY r.night DESC"
        " LIMIT 1), (SELECT MIN(s.site_id) FROM host_sites s JOIN hosts h ON h.id = s.host_id"
        " WHERE h.user_id = :user))",
        {"user": user_id},
    )
    return int(row[0]) if row is not None and row[0] is not None else None


async def _side_without_stay(tx: aiosqlite.Connection, user_id: int) -> Reporter:
    """A report about no stay: the reporter is a host, a guest, or neither."""
    for side, table in ((Reporter.HOST, "hosts"), (Reporter.GUEST, "guests")):
        if await one(tx, f"SELECT 1 FROM {table} WHERE user_id = ?", (user_id,)) is not None:
            return side
    return Reporter.OTHER


async def _one(db: aiosqlite.Connection, incident_id: int) -> Incident | None:
    row = await one(db, f"{_SELECT} WHERE i.id = ?", (incident_id,))
    return await _incident(db, row) if row else None


async def _incident(db: aiosqlite.Connection, row: aiosqlite.Row) -> Incident:
    match = None
    if row["match_id"] is not None:
        match = await find_view(db, row["match_id"])
    return Incident(
        id=row["id"],
        reporter_id=row["reporter_id"],
        side=Reporter(row["side"]),
        reporter_name=row["reporter_name"],
        body=row["body"],
        status=IncidentStatus(row["status"]),
        created_at=from_text(row["created_at"]),
        match=match,
        handled_by=row["handled_by"],
        handled_at=from_text(row["handled_at"]) if row["handled_at"] else None,
        site_id=row["site_id"],
    )


async def block(
    tx: aiosqlite.Connection,
    user_id: int,
    reason: str,
    actor_id: int,
    now: datetime,
    *,
    incident_id: int | None = None,
) -> int | None:
    """Suspend a user's access; their multi-night stays stop. The audit entry, None if they
    were blocked already."""
    cursor = await tx.execute(
        "UPDATE users SET blocked_at = ?, blocked_reason = ?, blocked_by = ?"
        " WHERE id = ? AND blocked_at IS NULL",
        (to_text(now), reason, actor_id, user_id),
    )
    if cursor.rowcount != 1:
        return None
    # A stay would otherwise carry on tomorrow without passing through the matching.
    await tx.execute(
        "UPDATE matches SET stay_stopped = 1, updated_at = ? WHERE stay_stopped = 0"
        " AND (offer_id IN (SELECT o.id FROM offers o JOIN hosts h ON h.id = o.host_id"
        " WHERE h.user_id = ?) OR request_id IN (SELECT q.id FROM requests q JOIN guests g"
        " ON g.id = q.guest_id WHERE g.user_id = ?))",
        (to_text(now), user_id, user_id),
    )
    detail = {"reason": reason, "incident": incident_id}
    return await audit(tx, now, actor_id, "user.block", f"user:{user_id}", detail)


async def unblock(
    tx: aiosqlite.Connection, user_id: int, actor_id: int, now: datetime
) -> int | None:
    """Restore a user's access: the audit entry, None if they were not blocked."""
    cursor = await tx.execute(
        "UPDATE users SET blocked_at = NULL, blocked_reason = NULL, blocked_by = NULL"
        " WHERE id = ? AND blocked_at IS NOT NULL",
        (user_id,),
    )
    if cursor.rowcount != 1:
        return None
    await lift(tx, user_id, "blocked")
    return await audit(tx, now, actor_id, "user.unblock", f"user:{user_id}")


async def live_requests(db: aiosqlite.Connection, user_id: int, from_night: date) -> list[int]:
    """A guest's requests from `from_night` on that still ask or are matched; a group
    already collected stays where it is."""
    rows = await every(
        db,
        "SELECT q.id FROM requests q JOIN guests g ON g.id = q.guest_id JOIN rounds r"
        " ON r.id = q.round_id WHERE g.user_id = ? AND r.night >= ?"
        " AND q.status IN ('waiting', 'matched') AND NOT EXISTS (SELECT 1 FROM matches m"
        " WHERE m.request_id = q.id AND m.status = 'picked_up') ORDER BY q.id",
        (user_id, from_night.isoformat()),
    )
    return [int(row["id"]) for row in rows]
