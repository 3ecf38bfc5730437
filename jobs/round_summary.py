"""Closing a round from Telegram (the tick, /close, the board): the use case closes and
matches; here the dispatch group hears the summary and the notices go out."""

from __future__ import annotations

import logging

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.context import BotContext
from bot.sites import tonight
from dispatch.models import Site
from jobs.delivery import deliver_outbox
from usecases.rounds import RoundClosing, RoundSummary, close_round
from views import stats_texts

log = logging.getLogger(__name__)


async def announce(context: BotContext, summary: RoundSummary) -> None:
    """Tell the dispatch group (if any) where a round stands once it is matched.

    The group hears it in the default locale; AIORateLimiter keeps sends into one group within
    Telegram's 20 a minute.
    """
    chat_id = context.config.dispatch_chat_id
    site = await context.store.sites.get(summary.site_id)
    if chat_id is None or site is None:
        return
    t = context.bot_data.translators[context.config.default_locale]
    text = stats_texts.round_summary(
        t, site.name_in(t.locale), summary.night, summary.figures, summary.people_matched
    )
    try:
        await context.bot.send_message(chat_id, text)
    except (Forbidden, BadRequest, RetryAfter, NetworkError) as error:
        # A summary is informational: the bot removed from the group, or Telegram busy, must
        # never stop the evening tick that closes the other rounds.
        log.warning("could not send the round summary to %s: %s", chat_id, type(error).__name__)


async def close_early(context: BotContext, site: Site) -> RoundClosing:
    """Close tonight's round now, match at once, and tell the dispatch group."""
    now = context.now()
    night, _ = tonight(site, now)
    actor = context.account.user_id if context.account else None  # who pressed, if anyone
    closing = await close_round(context.services, site.id, night, now, now, actor_id=actor)
    if closing.summary is not None:
        await announce(context, closing.summary)
    await deliver_outbox(context)
    return closing
