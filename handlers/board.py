"""Tonight's board: one message per site with the evening's figures, kept up to date in place
by a job (jobs/boards.py), with drill-down lists from which a dispatcher corrects the dispatch."""

from __future__ import annotations

from telegram import Message, Update
from telegram.error import BadRequest

from bot.callbacks import CallbackData
from bot.context import BotContext
from bot.i18n import Translator
from bot.sites import tonight
from dispatch.models import MatchStatus, Site
from dispatch.permissions import Permission, Scope, allowed
from handlers.permits import dispatch_site, permitted
from handlers.replies import answer, show
from jobs.boards import render
from storage.board import BoardMessage
from usecases.overrides import blocked_groups
from views import board_keys, board_texts
from views.board_keys import (
    BoardHosts,
    BoardMatches,
    BoardMove,
    BoardShow,
    BoardTakeOut,
    BoardWaiting,
)

Item = tuple[str, CallbackData]


async def board_command(update: Update, context: BotContext) -> None:
    """/board: tonight's board of the dispatcher's site, or a choice of their sites."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    sites = [
        s
        for s in await context.store.sites.all()
        if allowed(context.account, Permission.DISPATCH, context.config.admin_ids, s.id)
    ]
    if len(sites) == 1:
        await open_board(update, context, sites[0])
        return
    choices = [(s.id, s.name_in(context.t.locale)) for s in sites]
    await show(update, board_texts.choose_site(context.t), board_keys.sites(choices))


async def show_pressed(update: Update, context: BotContext, pressed: BoardShow) -> None:
    """The board's own buttons (its corrections go to handlers/overrides): each names a site,
    and the site is checked each time."""
    site = await dispatch_site(update, context, pressed.site_id)
    if site is not None:
        await open_board(update, context, site)


async def waiting_pressed(update: Update, context: BotContext, pressed: BoardWaiting) -> None:
    site = await dispatch_site(update, context, pressed.site_id)
    if site is not None:
        await _drill_down(update, context, site, "waiting")


async def matches_pressed(update: Update, context: BotContext, pressed: BoardMatches) -> None:
    site = await dispatch_site(update, context, pressed.site_id)
    if site is not None:
        await _drill_down(update, context, site, "matches")


async def hosts_pressed(update: Update, context: BotContext, pressed: BoardHosts) -> None:
    site = await dispatch_site(update, context, pressed.site_id)
    if site is not None:
        await _drill_down(update, context, site, "hosts")


async def open_board(update: Update, context: BotContext, site: Site) -> None:
    """Show the board where the dispatcher is, and keep that message up to date."""
    chat = update.effective_chat
    text, markup, digest = await render(context, context.t, site, chat.id if chat else 0)
    query = update.callback_query
    message: Message | bool | None
    if query is not None and isinstance(query.message, Message):
        await answer(update)
        try:
            message = await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as error:
            if "not modified" not in error.message:
                raise
            message = query.message
    elif update.effective_message is not None:
        message = await update.effective_message.reply_text(text, reply_markup=markup)
    else:
        return
    if isinstance(message, Message):
        account = context.account
        if account is not None and account.locale is None:
            # The refresh job has no update to read a language from: it uses the saved one.
            await context.store.users.set_locale(account.user_id, context.t.locale, context.now())
        night, _ = tonight(site, context.now())
        board = BoardMessage(message.chat.id, message.message_id, site.id, night, digest)
        await context.store.board.remember(board, context.now())
        await context.store.board.forget_older(message.chat.id, message.message_id)


async def _drill_down(update: Update, context: BotContext, site: Site, kind: str) -> None:
    """A list in place of the board (which stops refreshing until it is opened again)."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        await context.store.board.forget(query.message.chat.id, query.message.message_id)
    text, items = await listing(context, site, kind)
    await show(update, text, board_keys.with_items(context.t, site.id, items))


async def listing(context: BotContext, site: Site, kind: str) -> tuple[str, list[Item]]:
    """The drill-down text of one list and its per-line buttons."""
    t, night = context.t, tonight(site, context.now())[0]
    board = context.store.board
    if kind == "waiting":
        waiting = await board.waiting(site.id, night)
        blocked = await blocked_groups(context.services, site.id, night)
        text = board_texts.waiting_list(t, waiting, blocked, site.zone)
        return text, [
            (_move_label(t, g.request_id, g.alias), BoardMove(g.request_id)) for g in waiting
        ]
    if kind == "matches":
        matches = await board.matches(site.id, night)
        text = board_texts.match_list(t, matches)
        movable = [v for v, _ in matches if v.status is not MatchStatus.PICKED_UP]
        return text, [
            (_move_label(t, v.request_id, v.alias), BoardMove(v.request_id)) for v in movable
        ]
    offers = await board.offers(site.id, night)
    return board_texts.offer_list(t, offers), [
        (t.gettext("🚫 Take {name} out tonight", name=o.host_name), BoardTakeOut(o.offer_id))
        for o in offers
    ]


def _move_label(t: Translator, request_id: int, alias: str) -> str:
    """A button says what it does, not only whom it is about."""
    return t.gettext("↪️ Move #{id} {name}", id=str(request_id), name=alias)
