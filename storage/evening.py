"""The evening round's storage behind one face: each method is one statement or one
transaction over the modules that own the SQL (rounds, tonight's matching reads and writes,
matches, stays, feedback). Use cases that combine several writes call those modules inside
their own single transaction (usecases/)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from dispatch import notices
from dispatch.matching.model import Car, Group, Place
from dispatch.models import MatchStatus
from dispatch.party import Party
from dispatch.readmodels import MatchView
from storage import feedback, matches, rides, rounds, stays, tonight
from storage.db import Database


@dataclass(frozen=True)
class Placement:
    """A request and, if it has one, the live match and the home it goes to (for reports)."""

    party: Party
    household: str | None
    accepts: frozenset[str]
    beds: int | None
    offer_id: int | None
    match_status: MatchStatus | None


class EveningRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def due(self, now: datetime) -> list[tuple[int, date]]:
        async with self._db.connection() as db:
            return await rounds.due(db, now)

    async def close(self, site_id: int, night: date, closes_at: datetime, now: datetime) -> bool:
        return await self._db.run(lambda tx: rounds.close(tx, site_id, night, closes_at, now))

    async def state(self, site_id: int, night: date) -> tuple[bool, bool]:
        """(closed, matched) for a round; a round nobody used is neither."""
        async with self._db.connection() as db:
            found = await rounds.state(db, site_id, night)
        return found.closed, found.matched

    async def groups(
        self, site_id: int, night: date, *, include_matched: bool = False
    ) -> list[Group]:
        async with self._db.connection() as db:
            return await tonight.groups(db, site_id, night, include_matched=include_matched)

    async def places(self, site_id: int, night: date) -> list[Place]:
        async with self._db.connection() as db:
            return await tonight.places(db, site_id, night)

    async def cars(self, site_id: int, night: date) -> list[Car]:
        async with self._db.connection() as db:
            return await rides.cars(db, site_id, night)

    async def blocked_pairs(self, night: date) -> frozenset[tuple[int, int]]:
        async with self._db.connection() as db:
            return await tonight.blocked_pairs(db, night)

    async def codes(self, site_id: int, night: date) -> set[str]:
        async with self._db.connection() as db:
            return await tonight.taken_codes(db, site_id, night)

    async def walk_in_code(self, request_id: int) -> str | None:
        async with self._db.connection() as db:
            return await tonight.walk_in_code(db, request_id)

    async def placements(self) -> list[Placement]:
        rows = await self._db.every(
            "SELECT q.women, q.men, q.children, h.household, h.accepts, o.beds, o.id AS offer_id,"
            " m.status FROM requests q LEFT JOIN matches m ON m.request_id = q.id AND"
            " m.status IN ('proposed', 'confirmed', 'picked_up') LEFT JOIN offers o"
            " ON o.id = m.offer_id LEFT JOIN hosts h ON h.id = o.host_id ORDER BY q.id"
        )
        return [
            Placement(
                party=Party(r["women"], r["men"], r["children"]),
                household=r["household"],
                accepts=frozenset(json.loads(r["accepts"] or "[]")),
                beds=r["beds"],
                offer_id=r["offer_id"],
                match_status=MatchStatus(r["status"]) if r["status"] else None,
            )
            for r in rows
        ]

    async def stop_stay(self, match_id: int, now: datetime) -> bool:
        return await self._db.run_single(lambda tx: stays.stop(tx, match_id, now))

    async def view(self, match_id: int) -> MatchView | None:
        async with self._db.connection() as db:
            return await matches.find_view(db, match_id)

    async def release(self, match_id: int, status: MatchStatus, now: datetime) -> MatchView | None:
        """End a proposal; what else follows (a silent host's offer) is the use case's call."""
        return await self._db.run(lambda tx: matches.release(tx, match_id, status, now))

    async def cancel_for_request(self, request_id: int, now: datetime) -> list[MatchView]:
        return await self._db.run(lambda tx: matches.cancel_for_request(tx, request_id, now))

    async def picked_up(self, match_id: int, now: datetime) -> bool:
        return await self._db.run_single(lambda tx: matches.picked_up(tx, match_id, now))

    async def stale_proposals(self, before: datetime) -> list[int]:
        async with self._db.connection() as db:
            return await matches.stale_proposals(db, before)

    async def live_for_guest(self, guest_user_id: int, night: date) -> MatchView | None:
        async with self._db.connection() as db:
            return await matches.live_for_guest(db, guest_user_id, night)

    async def feedback(
        self, match_id: int, side: notices.Side, verdict: str, now: datetime
    ) -> bool:
        return await self._db.run(lambda tx: feedback.record(tx, match_id, side, verdict, now))
