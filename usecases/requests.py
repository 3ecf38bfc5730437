"""A guest withdraws tonight's request: a live match ends (its host is told not to come) and
the request is withdrawn, as one transaction."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from dispatch import notices
from storage import matches, requests
from storage.outbox import enqueue
from usecases.services import Services


async def withdraw_request(services: Services, request_id: int, now: datetime) -> None:
    """Withdraw the request; a crash can no longer leave a host expecting a guest who left."""

    async def work(tx: aiosqlite.Connection) -> None:
        await withdraw_in(tx, request_id, now)

    await services.store.db.run(work)


async def withdraw_in(tx: aiosqlite.Connection, request_id: int, now: datetime) -> None:
    """In the caller's transaction: the live match ends, its host is told not to come, and
    the request is withdrawn."""
    for view in await matches.cancel_for_request(tx, request_id, now):
        key = f"match:{view.id}:cancelled"
        await enqueue(tx, view.host_user_id, notices.Cancelled(view.id), key, now)
    await requests.withdraw(tx, request_id, now)
