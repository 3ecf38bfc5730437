"""The rides' tick: a driver silent for 15 minutes hands the ride to the next one.

The database decides who is silent (asked_at), so a tick that runs late, twice or after a
restart hands each ride on once.
"""

from __future__ import annotations

from bot.context import BotContext
from jobs.alerts import alert_chats
from jobs.delivery import deliver_outbox
from usecases import ride_ticks

TICK_SECONDS = 30


async def rides_tick(context: BotContext) -> None:
    """Cancel the rides of stays that ended, then hand on the rides of drivers who left or
    stayed silent."""
    now, chats = context.now(), alert_chats(context)
    changed = await ride_ticks.cancel_stale(context.store, now)
    changed += await ride_ticks.rehome(context.store, now, chats)
    if changed + await ride_ticks.silence(context.store, now, chats):
        await deliver_outbox(context)
