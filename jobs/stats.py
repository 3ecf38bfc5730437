"""Keep tonight's and last night's `daily_stats` rows current after late matches,
confirmations and pickups, for every site (/stats refreshes its own sites first too)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.context import BotContext
from bot.sites import tonight
from dispatch.models import Site

STATS_REFRESH_SECONDS = 300  # figures of housed and waiting people lag by 5 minutes at most


async def refresh_recent_stats(context: BotContext) -> None:
    """Periodic job: every site's two recent nights."""
    await refresh_recent(context, await context.store.sites.all())


async def refresh_recent(context: BotContext, sites: Sequence[Site]) -> None:
    now = context.now()
    for site in sites:
        night, _ = tonight(site, now)
        for recent in (night - timedelta(days=1), night):
            await context.store.stats.refresh(site.id, recent, now)
