"""One dispatch pass: read who waits and who has room, match them, write the decisions.

The same pass serves the cut-off, a re-dispatch after a decline or a silence, and a late offer:
it only ever considers requests still waiting and beds still free, so running it twice changes
nothing.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from dispatch.codes import pickup_code
from dispatch.matching.model import Evening, Group, Place, Reason, Result

# How long a proposal waits for its host by default (CONFIRMATION_MINUTES changes it).
CONFIRMATION_MINUTES = 30


@dataclass(frozen=True)
class Decision:
    request_id: int
    offer_id: int
    code: str
    reason: str  # the engine's reasons as JSON, for the dispatchers


class EveningStore(Protocol):
    async def groups(self, site_id: int, night: date) -> list[Group]: ...
    async def places(self, site_id: int, night: date) -> list[Place]: ...
    async def blocked_pairs(self, night: date) -> frozenset[tuple[int, int]]: ...
    async def codes(self, site_id: int, night: date) -> set[str]: ...
    async def walk_in_code(self, request_id: int) -> str | None: ...
    async def record(
        self,
        site_id: int,
        night: date,
        decisions: list[Decision],
        unplaced: list[int],
        now: datetime,
    ) -> list[int]: ...


Solver = Callable[[Evening], Result]


@dataclass(frozen=True)
class PassOutcome:
    matches: list[int]
    unplaced: list[int]
    result: Result


def reasons_json(reasons: tuple[Reason, ...]) -> str:
    return json.dumps([{"code": r.code, **dict(r.params)} for r in reasons], sort_keys=True)


async def dispatch_pass(
    store: EveningStore, site_id: int, night: date, now: datetime, solve: Solver
) -> PassOutcome:
    """Match tonight's waiting groups with tonight's free beds and record the outcome."""
    groups = await store.groups(site_id, night)
    places = await store.places(site_id, night)
    evening = Evening(tuple(groups), tuple(places), await store.blocked_pairs(night))
    # The solver is CPU-bound: keep the event loop answering other people meanwhile.
    result = await asyncio.to_thread(solve, evening)
    taken = await store.codes(site_id, night)
    decisions = []
    for assignment in result.assignments:
        code = pickup_code(taken, await store.walk_in_code(assignment.group_id))
        decisions.append(
            Decision(
                assignment.group_id, assignment.place_id, code, reasons_json(assignment.reasons)
            )
        )
    unplaced = [u.group_id for u in result.unplaced]
    matches = await store.record(site_id, night, decisions, unplaced, now)
    return PassOutcome(matches, unplaced, result)
