"""The morning after: one side says how the night went. A problem blocks the pair for good and
is written to the audit log, in the same transaction."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import aiosqlite

from dispatch import notices
from dispatch.notices import Side
from storage import feedback
from storage.audit import write as audit
from storage.outbox import enqueue
from usecases.services import Services


class Verdict(StrEnum):
    GOOD = "good"
    PROBLEM = "problem"


async def record_feedback(
    services: Services, match_id: int, side: Side, verdict: Verdict, now: datetime
) -> bool:
    """Keep one side's verdict (False if that side already answered)."""

    async def work(tx: aiosqlite.Connection) -> bool:
        recorded = await feedback.record(tx, match_id, side, verdict.value, now)
        if verdict is Verdict.PROBLEM:
            await audit(tx, now, None, "match.problem", f"match:{match_id}", {"side": side})
        return recorded

    return await services.store.db.run(work)


async def ask_feedback(services: Services, night: date, now: datetime) -> int:
    """Both sides of each night that took place are asked once; how many nights (matches)."""

    async def work(tx: aiosqlite.Connection) -> int:
        views = await feedback.ask(tx, night, now)
        for view in views:
            for chat_id, side in ((view.host_user_id, Side.HOST), (view.guest_chat_id, Side.GUEST)):
                key = f"feedback:{view.id}:{side.value}"
                await enqueue(tx, chat_id, notices.Feedback(view.id, side), key, now)
        return len(views)

    return await services.store.db.run(work)
