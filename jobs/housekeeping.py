"""The periodic tidy-up of the tables that would otherwise only grow."""

from __future__ import annotations

import logging

from bot.context import BotContext
from dispatch.housekeeping import tidy_window

log = logging.getLogger(__name__)
TIDY_INTERVAL_SECONDS = 6 * 3600


async def tidy_tables(context: BotContext) -> None:
    """Periodic job: old appeals, spent invites and a very old audit log go; logs counts."""
    bounds = tidy_window(context.now(), context.config.retention_days)
    deleted = await context.store.housekeeping.tidy(bounds)
    if any(deleted.values()):
        log.info("housekeeping: %s", deleted)
