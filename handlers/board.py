"""Tonight's board: one message per site with the evening's figures, kept up to date in place
by a job, with drill-down lists from which a dispatcher corrects the dispatch."""

from __future__ import annotations

import hashlib
import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.i18n import Translator
from bot.sites import tonight
from dispatch.board import summarize
from dispatch.models import Site
from dispatch.permissions import Permission, Scope, allowed
from handlers.permits import board_press, permitted
from handlers.replies import answer, show
from jobs.delivery import translator_for
from storage.board import BoardMessage
from usecases.board_rides import tonight_rides
from usecases.overrides import blocked_groups
from views import board_keys, board_rides_keys, board_rides_texts, board_texts

Item = tuple[str, str, int]

log = logging.getLogger(__name__)
REFRESH_SECONDS = 15


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


async def on_button(update: Update, context: BotContext) -> None:
    """The board's own buttons (its corrections go to handlers/overrides): each names a site,
    and the site is checked each time."""
    press = await board_press(update, context)
    if press is None:
        return
    action, ids = press
    site = await context.store.sites.get(ids[0])
    if site is None or not await permitted(update, context, Permission.DISPATCH, site.id):
        return
    if action == "show":
        await open_board(update, context, site)
    elif action in ("waiting", "matches", "hosts"):
        await _drill_down(update, context, site, action)


async def open_board(update: Update, context: BotContext, site: Site) -> None:
    """Show the board where the dispatcher is, and keep that message up to date."""
    chat = update.effective_chat
    text, markup, digest = await _render(context, context.t, site, chat.id if chat else 0)
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


async def refresh_boards(context: BotContext) -> int:
    """Edit each open board whose figures changed; forget those of past nights."""
    edited = 0
    for board in await context.store.board.shown():
        site = await context.store.sites.get(board.site_id)
        if site is None or tonight(site, context.now())[0] != board.night:
            await context.store.board.forget(board.chat_id, board.message_id)
            continue
        t = await translator_for(context, board.chat_id)
        text, markup, digest = await _render(context, t, site, board.chat_id)
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


async def _render(
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
            (_move_label(t, g.request_id, g.alias), "move", g.request_id) for g in waiting
        ]
    if kind == "matches":
        matches = await board.matches(site.id, night)
        text = board_texts.match_list(t, matches)
        movable = [v for v, _ in matches if v.status != "picked_up"]
        return text, [
            (_move_label(t, v.request_id, v.alias), "move", v.request_id) for v in movable
        ]
    offers = await board.offers(site.id, night)
    return board_texts.offer_list(t, offers), [
        (t.gettext("🚫 Take {name} out tonight", name=o.host_name), "out", o.offer_id)
        for o in offers
    ]


def _move_label(t: Translator, request_id: int, alias: str) -> str:
    """A button says what it does, not only whom it is about."""
    return t.gettext("↪️ Move #{id} {name}", id=str(request_id), name=alias)
