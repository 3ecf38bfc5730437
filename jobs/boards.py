"""Tonight's boards kept up to date in place: each open board whose figures changed is
edited, those of past nights are forgotten. `render` is also what /board first shows."""

from __future__ import annotations

import hashlib
import logging

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.i18n import Translator
from bot.sites import tonight
from dispatch.board import summarize
from dispatch.models import Site
from jobs.delivery import translator_for
from storage.board import BoardMessage
from usecases.board_rides import tonight_rides
from views import board_keys, board_rides_keys, board_rides_texts, board_texts

log = logging.getLogger(__name__)
REFRESH_SECONDS = 15


async def refresh_boards(context: BotContext) -> int:
    """Edit each open board whose figures changed; forget those of past nights."""
    edited = 0
    for board in await context.store.board.shown():
        site = await context.store.sites.get(board.site_id)
        if site is None or tonight(site, context.now())[0] != board.night:
            await context.store.board.forget(board.chat_id, board.message_id)
            continue
        t = await translator_for(context, board.chat_id)
        text, markup, digest = await render(context, t, site, board.chat_id)
        if digest == board.digest:
            continue
        try:
            await context.bot.edit_message_text(
                text, chat_id=board.chat_id, message_id=board.message_id, reply_markup=markup
            )
        except (BadRequest, Forbidden) as error:
            if "not modified" not in str(error):
                log.info(
                    "board %s/%s dropped: %s", board.chat_id, board.message_id, type(error).__name__
                )
                await context.store.board.forget(board.chat_id, board.message_id)
                continue
        await context.store.board.remember(
            BoardMessage(board.chat_id, board.message_id, site.id, board.night, digest),
            context.now(),
        )
        edited += 1
    return edited


async def render(
    context: BotContext, t: Translator, site: Site, chat_id: int
) -> tuple[str, InlineKeyboardMarkup, str]:
    """The board's text and buttons, and a digest of its figures (not of the clock line)."""
    now = context.now()
    night, _ = tonight(site, now)
    requests, offers = await context.store.board.snapshot(site.id, night)
    local_now = now.astimezone(site.zone).replace(tzinfo=None)
    figures = summarize(requests, offers, night, local_now)
    closed, _ = await context.store.evening.state(site.id, night)
    body = board_texts.board(t, site.name_in(t.locale), night, figures, closed)
    driving = await tonight_rides(context.store, site.id, night, now)
    if not driving.empty:
        body += "\n\n" + board_rides_texts.summary(t, driving)
    digest = hashlib.sha1(f"{closed}|{body}".encode()).hexdigest()
    text = f"{body}\n\n{board_texts.updated_at(t, now.astimezone(site.zone))}"
    page = context.config.webapp_url if chat_id > 0 else ""  # a private chat
    extra = None if driving.empty else board_rides_keys.open_rides(t, site.id)
    return text, board_keys.board(t, site.id, closed, page, extra), digest
