"""Anonymous daily aggregates (`daily_stats`): recomputed from the nightly records while they
exist, kept as plain counts after the retention purge has deleted them.

What is counted, for one site and night:
- beds offered / hosts offering: the round's offers still active (a withdrawn offer, including
  a silent host's, offered nothing the dispatch could use);
- people / groups / children asking: the round's requests, except those withdrawn before any
  host was proposed to them (a change of plans, or a request made by mistake); someone who
  withdrew after being matched did ask, and stays counted;
- people housed: people in requests whose match reached 'confirmed' or 'picked_up';
- people waiting: people in requests still 'waiting' (no bed yet, or none at all that night).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import aiosqlite

from dispatch.stats import DailyFigures
from storage.db import Database, one
from storage.timestamps import to_text

COUNTS = (
    "beds_offered, hosts_offering, people_asking, groups_asking, children_asking,"
    " people_housed, people_waiting"
)
PEOPLE = "q.women + q.men + q.children"
ASKING = "(q.status <> 'withdrawn' OR EXISTS (SELECT 1 FROM matches am WHERE am.request_id = q.id))"
HOUSED = (
    "EXISTS (SELECT 1 FROM matches hm WHERE hm.request_id = q.id"
    " AND hm.status IN ('confirmed', 'picked_up'))"
)
# One pass over the round's requests and one over its offers; the round is looked up by id.
LIVE_FIGURES = (
    "SELECT (SELECT IFNULL(SUM(o.beds), 0) FROM offers o WHERE o.round_id = :r"
    "  AND o.status = 'active'),"
    " (SELECT COUNT(DISTINCT o.host_id) FROM offers o WHERE o.round_id = :r"
    "  AND o.status = 'active'),"
    f" IFNULL(SUM(CASE WHEN {ASKING} THEN {PEOPLE} END), 0),"
    f" IFNULL(SUM(CASE WHEN {ASKING} THEN 1 END), 0),"
    f" IFNULL(SUM(CASE WHEN {ASKING} THEN q.children END), 0),"
    f" IFNULL(SUM(CASE WHEN {HOUSED} THEN {PEOPLE} END), 0),"
    f" IFNULL(SUM(CASE WHEN q.status = 'waiting' THEN {PEOPLE} END), 0)"
    " FROM requests q WHERE q.round_id = :r"
)


class StatsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def refresh(self, site_id: int, night: date, now: datetime) -> DailyFigures:
        """Recompute one (site, night) row from the nightly records, in one transaction."""
        return await self._db.run(lambda tx: refresh(tx, site_id, night, now))

    async def series(self, site_ids: Sequence[int], first: date, last: date) -> list[DailyFigures]:
        """The stored rows of these sites from `first` to `last`, by site then night."""
        if not site_ids:
            return []
        marks = ", ".join("?" for _ in site_ids)
        return [
            _figures(row)
            for row in await self._db.every(
                f"SELECT site_id, night, {COUNTS} FROM daily_stats WHERE site_id IN ({marks})"
                " AND night BETWEEN ? AND ? ORDER BY site_id, night",
                (*site_ids, first.isoformat(), last.isoformat()),
            )
        ]

    async def people_matched(self, site_id: int, night: date) -> int:
        async with self._db.connection() as db:
            return await people_matched(db, site_id, night)


async def refresh(
    tx: aiosqlite.Connection, site_id: int, night: date, now: datetime
) -> DailyFigures:
    """Recompute one (site, night) row from the nightly records, in the caller's transaction.

    A night with no nightly records left (never used, or purged) keeps the row it has:
    recomputing it would replace the kept counts with the emptiness the purge leaves.
    """
    round_ = await _round_with_records(tx, site_id, night)
    if round_ is None:
        return await _stored(tx, site_id, night) or DailyFigures(site_id, night)
    row = await one(tx, LIVE_FIGURES, {"r": round_})
    assert row is not None
    figures = DailyFigures(site_id, night, *(int(value) for value in row))
    await tx.execute(
        f"INSERT INTO daily_stats (site_id, night, {COUNTS}, computed_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, night) DO UPDATE"
        " SET beds_offered = excluded.beds_offered,"
        " hosts_offering = excluded.hosts_offering,"
        " people_asking = excluded.people_asking,"
        " groups_asking = excluded.groups_asking,"
        " children_asking = excluded.children_asking,"
        " people_housed = excluded.people_housed,"
        " people_waiting = excluded.people_waiting, computed_at = excluded.computed_at",
        (site_id, night.isoformat(), *figures.counts(), to_text(now)),
    )
    return figures


async def people_matched(db: aiosqlite.Connection, site_id: int, night: date) -> int:
    """People with a live match tonight (proposed, confirmed or picked up): the round
    summary's 'matched so far', read live and not kept, since proposals change all evening."""
    row = await one(
        db,
        f"SELECT IFNULL(SUM({PEOPLE}), 0) AS people FROM requests q JOIN rounds r"
        " ON r.id = q.round_id WHERE r.site_id = ? AND r.night = ? AND EXISTS"
        " (SELECT 1 FROM matches m WHERE m.request_id = q.id"
        "  AND m.status IN ('proposed', 'confirmed', 'picked_up'))",
        (site_id, night.isoformat()),
    )
    return int(row["people"]) if row else 0


async def _round_with_records(tx: aiosqlite.Connection, site_id: int, night: date) -> int | None:
    """The round's id if it still has an offer or a request to count."""
    row = await one(
        tx,
        "SELECT r.id FROM rounds r WHERE r.site_id = ? AND r.night = ? AND (EXISTS"
        " (SELECT 1 FROM offers o WHERE o.round_id = r.id) OR EXISTS"
        " (SELECT 1 FROM requests q WHERE q.round_id = r.id))",
        (site_id, night.isoformat()),
    )
    return int(row["id"]) if row else None


async def _stored(tx: aiosqlite.Connection, site_id: int, night: date) -> DailyFigures | None:
    row = await one(
        tx,
        f"SELECT site_id, night, {COUNTS} FROM daily_stats WHERE site_id = ? AND night = ?",
        (site_id, night.isoformat()),
    )
    return _figures(row) if row else None


def _figures(row: aiosqlite.Row) -> DailyFigures:
    counts = (int(row[name]) for name in COUNTS.split(", "))
    return DailyFigures(row["site_id"], date.fromisoformat(row["night"]), *counts)
