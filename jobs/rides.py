"""The rides' tick: a driver silent for 15 minutes hands the ride to the next one.

The database decides who is silent (asked_at), so a tick that runs late, twice or after a
restart hands each ride on once.
"""

from __future__ import annotations

from bot.context import BotContext
from jobs.alerts import alert_chats
from jobs.delivery import deliver_outbox
from usecases import rides

TICK_SECONDS = 30


async def rides_tick(context: BotContext) -> None:
    """Cancel the rides of stays that ended, then hand on the rides of silent drivers."""
    now = context.now()
    ended = await rides.cancel_stale(context.store, now)
    if ended + await rides.silence(context.store, now, alert_chats(context)):
        await deliver_outbox(context)
