"""Everything stored about one Telegram user, read in one snapshot, as plain values.

It lists what /forget erases, so the two are kept side by side: a new table that holds a
person's data belongs in both.
"""

from __future__ import annotations

import json
from typing import Any

import aiosqlite

from storage.db import every

JSON_COLUMNS = frozenset({"accepts", "languages", "children_ages", "weekdays", "answers", "drives"})

USER = (
    "SELECT id, locale, created_at, last_seen_at, unreachable, blocked_at IS NOT NULL AS blocked"
    " FROM users WHERE id = :user"
)
ROLES = "SELECT role, site_id, granted_at FROM user_roles WHERE user_id = :user ORDER BY id"
DRAFT = "SELECT form, answers, updated_at FROM drafts WHERE user_id = :user"
GUEST = "SELECT alias, consent_version, consent_at, created_at FROM guests WHERE user_id = :user"
REQUESTS = (
    "SELECT r.night, r.site_id, q.women, q.men, q.children, q.children_ages, q.languages,"
    " q.step_free, q.medical, q.status, q.created_at FROM requests q JOIN guests g ON g.id ="
    " q.guest_id JOIN rounds r ON r.id = q.round_id WHERE g.user_id = :user ORDER BY r.night"
)
GUEST_MATCHES = (
    "SELECT r.night, m.status, m.pickup_code, h.display_name AS host_name, m.created_at"
    " FROM matches m JOIN requests q ON q.id = m.request_id JOIN guests g ON g.id = q.guest_id"
    " JOIN rounds r ON r.id = m.round_id JOIN offers o ON o.id = m.offer_id JOIN hosts h"
    " ON h.id = o.host_id WHERE g.user_id = :user ORDER BY r.night, m.id"
)
HOST = (
    "SELECT display_name, phone, household, accepts, languages, step_free, pets, can_fetch,"
    " charter_version, status, paused_until, appeals, quiet_start, quiet_end, created_at"
    " FROM hosts WHERE user_id = :user"
)
HOST_SITES = (
    "SELECT s.site_id FROM host_sites s JOIN hosts h ON h.id = s.host_id WHERE h.user_id = :user"
    " ORDER BY s.site_id"
)
OFFERS = (
    "SELECT r.night, r.site_id, o.beds, o.latest_pickup, o.nights, o.note, o.status,"
    " o.created_at FROM offers o JOIN hosts h ON h.id = o.host_id JOIN rounds r"
    " ON r.id = o.round_id WHERE h.user_id = :user ORDER BY r.night"
)
HOST_MATCHES = (
    "SELECT r.night, m.status, m.pickup_code, g.alias AS guest_alias, q.women + q.men"
    " + q.children AS people, m.created_at FROM matches m JOIN offers o ON o.id = m.offer_id"
    " JOIN hosts h ON h.id = o.host_id JOIN requests q ON q.id = m.request_id JOIN guests g"
    " ON g.id = q.guest_id JOIN rounds r ON r.id = m.round_id WHERE h.user_id = :user"
    " ORDER BY r.night, m.id"
)
PATTERN = (
    "SELECT p.site_id, p.weekdays, p.reminder_time, p.beds, p.latest_pickup, p.nights"
    " FROM weekly_patterns p JOIN hosts h ON h.id = p.host_id WHERE h.user_id = :user"
)
DRIVER = (
    "SELECT id, display_name, phone, crew, drives, seats, child_seats, charter_version, status,"
    " created_at FROM drivers WHERE user_id = :user"
)
DRIVER_SITES = (
    "SELECT s.site_id FROM driver_sites s JOIN drivers d ON d.id = s.driver_id"
    " WHERE d.user_id = :user ORDER BY s.site_id"
)
SHIFTS = (
    "SELECT r.night, r.site_id, s.starts, s.ends, s.seats, s.trips, s.status FROM shifts s"
    " JOIN drivers d ON d.id = s.driver_id JOIN rounds r ON r.id = s.round_id"
    " WHERE d.user_id = :user ORDER BY r.night"
)
DRIVER_PATTERN = (
    "SELECT p.site_id, p.weekdays, p.reminder_time, p.starts, p.ends, p.seats, p.trips"
    " FROM driver_patterns p JOIN drivers d ON d.id = p.driver_id WHERE d.user_id = :user"
)
HOST_RIDES = (
    "SELECT r.night, d.status, d.address FROM rides d JOIN matches m ON m.id = d.match_id"
    " JOIN offers o ON o.id = m.offer_id JOIN hosts h ON h.id = o.host_id JOIN rounds r"
    " ON r.id = m.round_id WHERE h.user_id = :user ORDER BY r.night, d.id"
)
DRIVER_RIDES = (
    "SELECT r.night, d.status FROM rides d JOIN shifts s ON s.id = d.shift_id JOIN drivers v"
    " ON v.id = s.driver_id JOIN matches m ON m.id = d.match_id JOIN rounds r"
    " ON r.id = m.round_id WHERE v.user_id = :user ORDER BY r.night, d.id"
)
FEEDBACK = (
    "SELECT r.night, f.side, f.verdict, f.at FROM feedback f JOIN matches m ON m.id ="
    " f.match_id JOIN rounds r ON r.id = m.round_id JOIN requests q ON q.id = m.request_id"
    " JOIN guests g ON g.id = q.guest_id JOIN offers o ON o.id = m.offer_id JOIN hosts h"
    " ON h.id = o.host_id WHERE (f.side = 'guest' AND g.user_id = :user)"
    " OR (f.side = 'host' AND h.user_id = :user) ORDER BY f.at"
)
INCIDENTS = (
    "SELECT side, body, status, created_at FROM incidents WHERE reporter_id = :user"
    " ORDER BY created_at"
)
WALK_INS = (
    "SELECT COUNT(*) AS registered FROM guests WHERE registered_by = :user AND user_id IS NULL"
)


def _plain(row: aiosqlite.Row) -> dict[str, Any]:
    return {
        key: json.loads(value) if key in JSON_COLUMNS and value else value
        for key, value in zip(row.keys(), tuple(row), strict=True)
    }


async def _rows(db: aiosqlite.Connection, sql: str, user_id: int) -> list[dict[str, Any]]:
    return [_plain(row) for row in await every(db, sql, {"user": user_id})]


async def _row(db: aiosqlite.Connection, sql: str, user_id: int) -> dict[str, Any] | None:
    found = await _rows(db, sql, user_id)
    return found[0] if found else None


async def export_user(db: aiosqlite.Connection, user_id: int) -> dict[str, Any]:
    """Every section is present, empty when nothing is stored, so a reader sees the whole list."""
    host = await _row(db, HOST, user_id)
    if host is not None:
        host["site_ids"] = [row["site_id"] for row in await _rows(db, HOST_SITES, user_id)]
    walk_ins = await _row(db, WALK_INS, user_id)
    driver = await _row(db, DRIVER, user_id)
    if driver is not None:
        driver["site_ids"] = [row["site_id"] for row in await _rows(db, DRIVER_SITES, user_id)]
    return {
        "user": await _row(db, USER, user_id),
        "roles": await _rows(db, ROLES, user_id),
        "draft": await _row(db, DRAFT, user_id),
        "guest": await _row(db, GUEST, user_id),
        "requests": await _rows(db, REQUESTS, user_id),
        "guest_matches": await _rows(db, GUEST_MATCHES, user_id),
        "host": host,
        "offers": await _rows(db, OFFERS, user_id),
        "host_matches": await _rows(db, HOST_MATCHES, user_id),
        "pattern": await _row(db, PATTERN, user_id),
        "host_rides": await _rows(db, HOST_RIDES, user_id),  # with tonight's address
        "driver": driver,
        "shifts": await _rows(db, SHIFTS, user_id),
        "driver_pattern": await _row(db, DRIVER_PATTERN, user_id),
        "driver_rides": await _rows(db, DRIVER_RIDES, user_id),
        "feedback": await _rows(db, FEEDBACK, user_id),
        "incidents": await _rows(db, INCIDENTS, user_id),
        "walk_ins": int(walk_ins["registered"]) if walk_ins else 0,
    }
