"""The retention purge: delete the nightly records past retention; logs figures only."""

from __future__ import annotations

import logging

from bot.context import BotContext
from dispatch.retention import window

log = logging.getLogger(__name__)
PURGE_INTERVAL_SECONDS = 3600  # the database decides what is due: a missed day is caught up


async def purge_expired(context: BotContext) -> None:
    """Periodic job: delete what is past `retention_days`, whatever was missed meanwhile."""
    now = context.now()
    counts = await context.store.privacy.purge(window(now, context.config.retention_days), now)
    if counts.personal:
        log.info("retention purge: %s", counts)
