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
from dispatch.matching.model import Assignment, Car, Evening, Group, Place, Reason, Result
from dispatch.rides import first_fit

# How long a proposal waits for its host by default (CONFIRMATION_MINUTES changes it).
CONFIRMATION_MINUTES = 30


@dataclass(frozen=True)
class Decision:
    request_id: int
    offer_id: int
    code: str
    reason: str  # the engine's reasons as JSON, for the dispatchers
    needs_ride: bool = False  # the host cannot come: a ride is planned with the match
    shift_id: int | None = None  # the car planned for it (None: nobody can take it yet)


class EveningStore(Protocol):
    async def groups(self, site_id: int, night: date) -> list[Group]: ...
    async def places(self, site_id: int, night: date) -> list[Place]: ...
    async def cars(self, site_id: int, night: date) -> list[Car]: ...
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
    cars = tuple(await store.cars(site_id, night))
    evening = Evening(tuple(groups), tuple(places), await store.blocked_pairs(night), cars)
    # The solver is CPU-bound: keep the event loop answering other people meanwhile.
    result = await asyncio.to_thread(solve, evening)
    taken = await store.codes(site_id, night)
    decisions = []
    cars_for = _CarPlanner(evening)
    for assignment in result.assignments:
        code = pickup_code(taken, await store.walk_in_code(assignment.group_id))
        needs_ride, shift_id = cars_for.plan(assignment)
        reasons = reasons_json(assignment.reasons)
        decisions.append(
            Decision(assignment.group_id, assignment.place_id, code, reasons, needs_ride, shift_id)
        )
    unplaced = [u.group_id for u in result.unplaced]
    matches = await store.record(site_id, night, decisions, unplaced, now)
    return PassOutcome(matches, unplaced, result)


class _CarPlanner:
    """The car of each match whose host needs a ride: the engine's choice when it made one,
    else the first car that may carry the group and still has a trip this pass."""

    def __init__(self, evening: Evening) -> None:
        self._places = {place.id: place for place in evening.places}
        self._groups = {group.id: group for group in evening.groups}
        self._cars = evening.cars
        self._used: dict[int, int] = {}

    def plan(self, assignment: Assignment) -> tuple[bool, int | None]:
        place = self._places.get(assignment.place_id)
        group = self._groups.get(assignment.group_id)
        if place is None or group is None or not place.needs_ride:
            return False, None
        car_id = assignment.car_id
        if car_id is None:
            car = first_fit(self._cars, group, used=self._used)
            car_id = car.id if car is not None else None
        if car_id is not None:
            self._used[car_id] = self._used.get(car_id, 0) + 1
        return True, car_id
