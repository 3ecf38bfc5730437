"""Erasing one person at their request (/forget): one transaction, in which the hosts who
still expected them as a guest tonight are told (the notice names only the night)."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from dispatch import notices
from storage import privacy
from storage.outbox import enqueue
from usecases.services import Services


async def forget_person(services: Services, user_id: int, now: datetime) -> int:
    """Erase everything about this person; returns how many hosts were told they withdrew."""

    async def work(tx: aiosqlite.Connection) -> int:
        gone = await privacy.forget(tx, user_id, now)
        for view in gone.expecting:
            # The notice carries only the night: the match it was about is deleted.
            key = f"forget:{gone.entry}:{view.id}"
            await enqueue(tx, view.host_user_id, notices.GuestGone(view.night), key, now)
        return len(gone.expecting)

    return await services.store.db.run(work)
