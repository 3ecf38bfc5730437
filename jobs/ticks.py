"""The evening's two ticks: close due rounds (and hand unanswered proposals on), then the
meeting's own (carried-on stays, late pickups, the end of the evening).

The database decides what is due, so a tick that fires twice, late, or after a restart does
the right thing.
"""

from __future__ import annotations

from bot.context import BotContext
from jobs.alerts import alert_chats
from jobs.delivery import deliver_outbox
from jobs.round_summary import announce
from usecases import meeting_tick as meetings
from usecases import tick

TICK_SECONDS = 30


async def evening_tick(context: BotContext) -> None:
    """Close due rounds, give unanswered proposals to others, ask last night's feedback."""
    sites = await context.store.sites.all()
    window = context.config.confirmation_window
    done = await tick.evening_tick(context.services, sites, context.now(), window)
    for closing in done.closings:
        assert closing.summary is not None
        await announce(context, closing.summary)
    await deliver_outbox(context)


async def meeting_tick(context: BotContext) -> None:
    """Book carried-on stays, ring late pickups, end the evenings that are over."""
    await meetings.tick(context.store, context.now(), alert_chats(context))
    await deliver_outbox(context)
