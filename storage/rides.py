"""Rides and tonight's cars: rows in, rows out, no decisions.

Every function takes the caller's connection, so a use case reads and writes a ride, its
refusals, the meeting's "who comes" and the notices that follow in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, time

import aiosqlite

from dispatch.drivers import Ride, RideStatus
from dispatch.groups import GroupType, Household
from dispatch.matching.model import Car
from dispatch.meeting import Comer
from dispatch.rides import HOLDS_A_TRIP, RideView
from storage.db import Database, every, one
from storage.matches import find_view
from storage.timestamps import from_text, to_text

_HOLDING = ", ".join(f"'{s.value}'" for s in sorted(HOLDS_A_TRIP))
_LIVE_MATCH = "('proposed', 'confirmed', 'picked_up')"
# A trip is taken by a ride done, or by a ride still ahead whose stay still stands (a declined
# or cancelled stay gives its trip back even before the tick cancels its ride).
CARS = (
    "SELECT s.id, s.driver_id, rd.site_id, s.seats, s.child_seats, s.trips, d.crew, d.drives,"
    " st.car_non_mixite, (SELECT COUNT(*) FROM rides x JOIN matches xm ON xm.id = x.match_id"
    f"  WHERE x.shift_id = s.id AND x.id != ? AND x.status IN ({_HOLDING})"
    f"  AND (x.status = 'arrived' OR xm.status IN {_LIVE_MATCH})) AS used"
    " FROM shifts s JOIN rounds rd ON rd.id = s.round_id JOIN drivers d ON d.id = s.driver_id"
    " JOIN sites st ON st.id = rd.site_id JOIN users u ON u.id = d.user_id"
    " WHERE rd.site_id = ? AND rd.night = ? AND s.status = 'active' AND d.status = 'vetted'"
    " AND u.blocked_at IS NULL AND EXISTS (SELECT 1 FROM driver_sites ds"
    "  WHERE ds.driver_id = d.id AND ds.site_id = rd.site_id) ORDER BY s.id"
)
_RIDE = (
    "SELECT r.id, r.match_id, r.shift_id, r.status, r.address, r.asked_at, d.user_id,"
    " d.display_name, t.meet_at FROM rides r LEFT JOIN shifts s ON s.id = r.shift_id"
    " LEFT JOIN drivers d ON d.id = s.driver_id LEFT JOIN meetings t ON t.match_id = r.match_id"
)


async def cars(db: aiosqlite.Connection, site_id: int, night: date, *, spare: int = 0) -> list[Car]:
    """Tonight's vetted, active shifts at the site, with the trips they have left (not
    counting the trip of ride `spare`, when one is named)."""
    found = []
    for row in await every(db, CARS, (spare, site_id, night.isoformat())):
        left = int(row["trips"]) - int(row["used"])
        if left < 1:
            continue
        found.append(
            Car(
                id=row["id"],
                driver_id=row["driver_id"],
                site_id=row["site_id"],
                seats=row["seats"],
                child_seats=row["child_seats"],
                trips=left,
                crew=Household(row["crew"]),
                accepts=frozenset(GroupType(g) for g in json.loads(row["drives"])),
                non_mixite=bool(row["car_non_mixite"]),
            )
        )
    return found


async def windows(
    db: aiosqlite.Connection, site_id: int, night: date
) -> dict[int, tuple[time, time]]:
    """Each shift's from–until tonight (local time at the site), by shift id."""
    rows = await every(
        db,
        "SELECT s.id, s.starts, s.ends, st.timezone FROM shifts s JOIN rounds rd"
        " ON rd.id = s.round_id JOIN sites st ON st.id = rd.site_id"
        " WHERE rd.site_id = ? AND rd.night = ?",
        (site_id, night.isoformat()),
    )
    return {int(r[0]): (time.fromisoformat(r[1]), time.fromisoformat(r[2])) for r in rows}


async def site_zone(db: aiosqlite.Connection, site_id: int) -> str | None:
    row = await one(db, "SELECT timezone FROM sites WHERE id = ?", (site_id,))
    return str(row[0]) if row else None


async def plan(tx: aiosqlite.Connection, match_id: int, shift_id: int | None, now: datetime) -> int:
    """A ride for a new match: PLANNED with its car, or UNASSIGNED when no car could take it."""
    status = RideStatus.PLANNED if shift_id is not None else RideStatus.UNASSIGNED
    cursor = await tx.execute(
        "INSERT INTO rides (match_id, shift_id, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (match_id) DO NOTHING",
        (match_id, shift_id, status.value, to_text(now), to_text(now)),
    )
    return int(cursor.lastrowid or 0)


async def _view(db: aiosqlite.Connection, row: aiosqlite.Row | None) -> RideView | None:
    if row is None:
        return None
    match = await find_view(db, row["match_id"])
    if match is None:
        return None
    ride = Ride(
        id=row["id"],
        match_id=row["match_id"],
        shift_id=row["shift_id"],
        status=RideStatus(row["status"]),
        meet_at=from_text(row["meet_at"]) if row["meet_at"] else None,
        address=row["address"],
        asked_at=from_text(row["asked_at"]) if row["asked_at"] else None,
    )
    return RideView(ride, match, row["user_id"], row["display_name"])


async def find(db: aiosqlite.Connection, ride_id: int) -> RideView | None:
    return await _view(db, await one(db, f"{_RIDE} WHERE r.id = ?", (ride_id,)))


async def by_match(db: aiosqlite.Connection, match_id: int) -> RideView | None:
    return await _view(db, await one(db, f"{_RIDE} WHERE r.match_id = ?", (match_id,)))


async def refused(db: aiosqlite.Connection, ride_id: int) -> frozenset[int]:
    rows = await every(db, "SELECT shift_id FROM ride_refusals WHERE ride_id = ?", (ride_id,))
    return frozenset(int(r[0]) for r in rows)


async def refuse(
    tx: aiosqlite.Connection, ride_id: int, shift_id: int, *, silent: bool, now: datetime
) -> None:
    await tx.execute(
        "INSERT INTO ride_refusals (ride_id, shift_id, silent, at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (ride_id, shift_id) DO NOTHING",
        (ride_id, shift_id, int(silent), to_text(now)),
    )


async def assign(tx: aiosqlite.Connection, ride_id: int, shift_id: int, now: datetime) -> None:
    """The driver of this shift is asked now (silence is measured from here)."""
    await tx.execute(
        "UPDATE rides SET shift_id = ?, status = 'assigned', asked_at = ?, updated_at = ?"
        " WHERE id = ?",
        (shift_id, to_text(now), to_text(now), ride_id),
    )


async def unassign(tx: aiosqlite.Connection, ride_id: int, now: datetime) -> None:
    await tx.execute(
        "UPDATE rides SET shift_id = NULL, status = 'unassigned', asked_at = NULL,"
        " updated_at = ? WHERE id = ?",
        (to_text(now), ride_id),
    )


async def move_status(
    tx: aiosqlite.Connection,
    ride_id: int,
    before: Iterable[RideStatus],
    after: RideStatus,
    now: datetime,
) -> bool:
    """One step of the ride, only from the statuses named (a second press changes nothing).
    A ride that ends forgets the host's address."""
    allowed = [s.value for s in before]
    marks = ", ".join("?" for _ in allowed)
    forget = ", address = NULL" if after in (RideStatus.ARRIVED, RideStatus.CANCELLED) else ""
    cursor = await tx.execute(
        f"UPDATE rides SET status = ?, updated_at = ?{forget} WHERE id = ? AND status IN ({marks})",
        (after.value, to_text(now), ride_id, *allowed),
    )
    return cursor.rowcount == 1


async def set_address(tx: aiosqlite.Connection, ride_id: int, address: str, now: datetime) -> None:
    await tx.execute(
        "UPDATE rides SET address = ?, updated_at = ? WHERE id = ?",
        (address, to_text(now), ride_id),
    )


async def set_comer(
    tx: aiosqlite.Connection, match_id: int, comer: Comer, user_id: int | None
) -> None:
    """Who comes to the meeting point: the driver who accepted, the host after all, or
    nobody yet (the dispatchers)."""
    await tx.execute(
        "UPDATE meetings SET comer = ?, comer_user_id = ?, comer_here_at = NULL,"
        " sign = CASE WHEN comer_user_id IS ? THEN sign ELSE '' END WHERE match_id = ?",
        (comer.value, user_id, user_id, match_id),
    )


async def silent(db: aiosqlite.Connection, asked_before: datetime) -> list[int]:
    rows = await every(
        db,
        "SELECT r.id FROM rides r JOIN matches m ON m.id = r.match_id WHERE r.status ="
        f" 'assigned' AND r.asked_at <= ? AND m.status IN {_LIVE_MATCH} ORDER BY r.asked_at",
        (to_text(asked_before),),
    )
    return [int(r[0]) for r in rows]


# A ride held (asked or accepted) by nobody who may still drive it: the shift or the account
# deleted, the shift withdrawn (a suspension, a block, a profile to vet again), the driver
# no longer vetted.
_ORPHANED = (
    "SELECT r.id FROM rides r JOIN matches m ON m.id = r.match_id"
    " LEFT JOIN shifts s ON s.id = r.shift_id LEFT JOIN drivers d ON d.id = s.driver_id"
    f" WHERE r.status IN ('assigned', 'confirmed') AND m.status IN {_LIVE_MATCH}"
    " AND (s.id IS NULL OR s.status <> 'active' OR d.status <> 'vetted')"
)


async def orphaned(db: aiosqlite.Connection) -> list[int]:
    """Rides whose driver is gone or may no longer drive them, before the pickup."""
    rows = await every(db, f"{_ORPHANED} ORDER BY r.id")
    return [int(r[0]) for r in rows]


async def is_orphaned(db: aiosqlite.Connection, ride_id: int) -> bool:
    """This ride, as the caller's transaction sees it, is one `orphaned` lists."""
    return await one(db, f"{_ORPHANED} AND r.id = ?", (ride_id,)) is not None


async def stale(db: aiosqlite.Connection) -> list[int]:
    """Rides still ahead whose stay ended (declined, expired, cancelled): to be cancelled."""
    rows = await every(
        db,
        "SELECT r.id FROM rides r JOIN matches m ON m.id = r.match_id WHERE r.status IN"
        " ('planned', 'unassigned', 'assigned', 'confirmed')"
        f" AND m.status NOT IN {_LIVE_MATCH} ORDER BY r.id",
    )
    return [int(r[0]) for r in rows]


async def for_driver(db: aiosqlite.Connection, user_id: int, nights: Iterable[date]) -> list[int]:
    """The driver's rides of these nights that they still have something to do with."""
    found: list[int] = []
    for night in nights:
        rows = await every(
            db,
            "SELECT r.id FROM rides r JOIN shifts s ON s.id = r.shift_id JOIN drivers d"
            " ON d.id = s.driver_id JOIN rounds rd ON rd.id = s.round_id WHERE d.user_id = ?"
            " AND rd.night = ? AND (r.status = 'picked_up' OR (s.status = 'active'"
            " AND d.status = 'vetted' AND r.status IN ('assigned', 'confirmed')))"
            " AND EXISTS (SELECT 1 FROM matches m WHERE m.id = r.match_id"
            f" AND m.status IN {_LIVE_MATCH}) ORDER BY r.id",
            (user_id, night.isoformat()),
        )
        found += [int(r[0]) for r in rows]
    return found


async def shift_of(db: aiosqlite.Connection, shift_id: int) -> tuple[int, str] | None:
    """(driver's user id, first name) of a shift."""
    row = await one(
        db,
        "SELECT d.user_id, d.display_name FROM shifts s JOIN drivers d ON d.id = s.driver_id"
        " WHERE s.id = ?",
        (shift_id,),
    )
    return (int(row[0]), str(row[1])) if row else None


class RideRepository:
    """Reads outside a use case's transaction (views, /status, notices at send time)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def find(self, ride_id: int) -> RideView | None:
        async with self._db.reading() as db:
            return await find(db, ride_id)

    async def by_match(self, match_id: int) -> RideView | None:
        async with self._db.reading() as db:
            return await by_match(db, match_id)

    async def for_driver(self, user_id: int, nights: Iterable[date]) -> list[int]:
        async with self._db.reading() as db:
            return await for_driver(db, user_id, nights)

    async def silent(self, asked_before: datetime) -> list[int]:
        async with self._db.reading() as db:
            return await silent(db, asked_before)

    async def cars(self, site_id: int, night: date) -> list[Car]:
        async with self._db.reading() as db:
            return await cars(db, site_id, night)

    async def stale(self) -> list[int]:
        async with self._db.reading() as db:
            return await stale(db)

    async def orphaned(self) -> list[int]:
        async with self._db.reading() as db:
            return await orphaned(db)

    async def shift_of(self, shift_id: int) -> tuple[int, str] | None:
        async with self._db.reading() as db:
            return await shift_of(db, shift_id)
