"""A dispatcher registers a group in person at the meeting point (people with no phone or no
Telegram): their request, the pickup code on their paper, the audit entry and, after the
matching, a pass for them, as one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from dispatch.codes import pickup_code
from dispatch.evening import PassOutcome
from dispatch.models import GuestRequest
from dispatch.readmodels import NewRequest
from storage import requests, tonight
from storage.audit import write as audit
from usecases.rounds import redispatch_in
from usecases.services import Services


@dataclass(frozen=True)
class WalkIn:
    request: GuestRequest
    code: str  # written on their paper, compared in person at pickup
    outcome: PassOutcome | None  # the pass that ran for them, once the round was matched


async def register_walk_in(
    services: Services, dispatcher_id: int, new: NewRequest, now: datetime
) -> WalkIn:
    """Register the group with a code no match or walk-in of the round already has."""

    async def work(tx: aiosqlite.Connection) -> WalkIn:
        code = pickup_code(await tonight.taken_codes(tx, new.site_id, new.night))
        request_id = await requests.save_walk_in(tx, dispatcher_id, new, code, now)
        await audit(tx, now, dispatcher_id, "walkin.register", f"request:{request_id}")
        outcome = await redispatch_in(services, tx, new.site_id, new.night, now)
        saved = await requests.by_id(tx, request_id)
        assert saved is not None
        return WalkIn(saved, code, outcome)

    async with services.locks.passes:
        return await services.store.db.run(work)
