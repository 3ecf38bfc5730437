"""What the dispatch group hears when a round closes, and the night's figures kept for /stats."""

from __future__ import annotations

import logging
from datetime import date

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import render_stats
from bot.context import BotContext

log = logging.getLogger(__name__)


async def after_round_closed(context: BotContext, site_id: int, night: date) -> None:
    """Refresh the night's figures, then tell the dispatch group (if any) where it stands.

    Call it once per round, after the matching pass, so 'matched so far' counts the first
    proposals. The group hears it in the default locale; AIORateLimiter keeps sends into one
    group within Telegram's 20 a minute.
    """
    figures = await context.store.stats.refresh(site_id, night, context.now())
    chat_id = context.config.dispatch_chat_id
    site = await context.store.sites.get(site_id)
    if chat_id is None or site is None:
        return
    matched = await context.store.stats.people_matched(site_id, night)
    t = context.bot_data.translators[context.config.default_locale]
    text = render_stats.round_summary(t, site.name_in(t.locale), night, figures, matched)
    try:
        await context.bot.send_message(chat_id, text)
    except (Forbidden, BadRequest, RetryAfter, NetworkError) as error:
        # A summary is informational: the bot removed from the group, or Telegram busy, must
        # never stop the evening tick that closes the other rounds.
        log.warning("could not send the round summary to %s: %s", chat_id, type(error).__name__)
