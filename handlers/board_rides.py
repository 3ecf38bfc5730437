"""Tonight's drivers and rides at a site, in place of the board: each shift with its trips,
the rides by state, and those a dispatcher must act on (without a driver, late, refused)."""

from __future__ import annotations

from telegram import Message, Update

from bot.context import BotContext
from bot.sites import tonight
from dispatch.permissions import Permission
from handlers.permits import permitted
from handlers.replies import answer, show
from usecases.board_rides import tonight_rides
from views import board_rides_keys, board_rides_texts, common_texts
from views.board_rides_keys import ShowRides as ShowRides  # registered in handlers/__init__


async def on_show(update: Update, context: BotContext, data: ShowRides) -> None:
    """The list of one site's drivers and rides; the site is checked on every press."""
    if not await permitted(update, context, Permission.DISPATCH, data.site_id):
        return
    site = await context.store.sites.get(data.site_id)
    if site is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        # The board stops refreshing while its message shows the list (like its other lists).
        await context.store.board.forget(query.message.chat.id, query.message.message_id)
    now = context.now()
    board = await tonight_rides(context.store, site.id, tonight(site, now)[0], now)
    text = board_rides_texts.drill_down(context.t, board, site.zone)
    await show(update, text, board_rides_keys.rides(context.t, site.id))
