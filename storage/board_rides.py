"""Tonight's drivers and rides for the board: shifts with their trips used, and every ride of
the night with its group, host, driver, meeting time and refusals. Both read in one snapshot,
and always for one site: a dispatcher of another site reads nothing of it."""

from __future__ import annotations

import sqlite3
from datetime import date, time

from dispatch.board_rides import RideLine, ShiftLine, Volunteer
from dispatch.drivers import RideStatus
from dispatch.party import Party
from storage.db import Database, every
from storage.timestamps import from_text

_USES_A_TRIP = "('planned', 'assigned', 'confirmed', 'picked_up', 'arrived')"

_SHIFTS = (
    "SELECT s.id, s.driver_id, d.display_name, d.phone, s.starts, s.ends, s.seats, s.trips,"
    " (SELECT COUNT(*) FROM rides x WHERE x.shift_id = s.id AND x.status IN "
    + _USES_A_TRIP
    + ") AS used FROM shifts s JOIN rounds r ON r.id = s.round_id"
    " JOIN drivers d ON d.id = s.driver_id"
    " WHERE r.site_id = :site AND r.night = :night AND s.status = 'active'"
    " ORDER BY s.starts, d.display_name, s.id"
)

_RIDES = (
    "SELECT x.id, x.match_id, x.status, m.request_id, g.alias, q.women, q.men, q.children,"
    " h.display_name AS host_name, d.display_name AS driver_name, mt.meet_at,"
    " (SELECT COUNT(*) FROM ride_refusals f WHERE f.ride_id = x.id AND f.silent = 0) AS declined,"
    " (SELECT COUNT(*) FROM ride_refusals f WHERE f.ride_id = x.id AND f.silent = 1) AS unanswered"
    " FROM rides x JOIN matches m ON m.id = x.match_id JOIN rounds r ON r.id = m.round_id"
    " JOIN requests q ON q.id = m.request_id JOIN guests g ON g.id = q.guest_id"
    " JOIN offers o ON o.id = m.offer_id JOIN hosts h ON h.id = o.host_id"
    " LEFT JOIN shifts s ON s.id = x.shift_id LEFT JOIN drivers d ON d.id = s.driver_id"
    " LEFT JOIN meetings mt ON mt.match_id = x.match_id"
    " WHERE r.site_id = :site AND r.night = :night ORDER BY x.id"
)

# Drivers who answered one of tonight's appeals at the site and have no shift there yet; only
# those who may still drive there (vetted, the site theirs): a suspended driver's phone is
# not offered to the dispatchers as someone to call.
_VOLUNTEERS = (
    "SELECT d.id, d.display_name, d.phone FROM appeal_recipients ar"
    " JOIN appeals a ON a.id = ar.appeal_id JOIN drivers d ON d.id = ar.driver_id"
    " WHERE a.site_id = :site AND a.night = :night AND ar.answered_at IS NOT NULL"
    " AND d.status = 'vetted' AND EXISTS (SELECT 1 FROM driver_sites ds"
    " WHERE ds.driver_id = d.id AND ds.site_id = :site)"
    " AND d.id NOT IN (SELECT s.driver_id FROM shifts s JOIN rounds r ON r.id = s.round_id"
    " WHERE r.site_id = :site AND r.night = :night AND s.status = 'active')"
    " GROUP BY d.id ORDER BY MIN(ar.answered_at), d.id"
)

# Any change to tonight's shifts or rides alters this (the live page's change detector).
RIDES_MARK = (
    "(SELECT COUNT(*) || '/' || IFNULL(MAX(s.updated_at), '') FROM shifts s"
    " WHERE s.round_id = r.id),"
    " (SELECT COUNT(*) || '/' || IFNULL(MAX(x.updated_at), '') || '/'"
    " || TOTAL(x.id * UNICODE(x.status) * LENGTH(x.status) + IFNULL(x.shift_id, 0))"
    " || '/' || (SELECT COUNT(*) FROM ride_refusals f JOIN rides y ON y.id = f.ride_id"
    " JOIN matches n ON n.id = y.match_id WHERE n.round_id = r.id)"
    " FROM rides x JOIN matches m ON m.id = x.match_id WHERE m.round_id = r.id),"
    " (SELECT COUNT(ar.answered_at) FROM appeal_recipients ar JOIN appeals a"
    " ON a.id = ar.appeal_id WHERE a.site_id = r.site_id AND a.night = r.night"
    " AND ar.driver_id IS NOT NULL)"
)


def _shift(row: sqlite3.Row) -> ShiftLine:
    return ShiftLine(
        shift_id=row["id"],
        driver_id=row["driver_id"],
        driver_name=row["display_name"],
        phone=row["phone"],
        starts=time.fromisoformat(row["starts"]),
        ends=time.fromisoformat(row["ends"]),
        seats=row["seats"],
        trips=row["trips"],
        trips_used=row["used"],
    )


def _ride(row: sqlite3.Row) -> RideLine:
    return RideLine(
        ride_id=row["id"],
        match_id=row["match_id"],
        request_id=row["request_id"],
        alias=row["alias"],
        party=Party(row["women"], row["men"], row["children"]),
        host_name=row["host_name"],
        status=RideStatus(row["status"]),
        driver_name=row["driver_name"],
        meet_at=from_text(row["meet_at"]) if row["meet_at"] else None,
        declined=row["declined"],
        unanswered=row["unanswered"],
    )


class BoardRides:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def tonight(self, site_id: int, night: date) -> tuple[list[ShiftLine], list[RideLine]]:
        """Tonight's active shifts and every ride of the night at one site, in one read."""
        params = {"site": site_id, "night": night.isoformat()}
        async with self._db.reading() as db:
            shifts = [_shift(row) for row in await every(db, _SHIFTS, params)]
            rides = [_ride(row) for row in await every(db, _RIDES, params)]
        return shifts, rides

    async def volunteers(self, site_id: int, night: date) -> list[Volunteer]:
        """Drivers who answered tonight's appeal at the site and have no shift there yet."""
        rows = await self._db.every(_VOLUNTEERS, {"site": site_id, "night": night.isoformat()})
        return [Volunteer(r["id"], r["display_name"], r["phone"]) for r in rows]
