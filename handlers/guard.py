"""Runs first and last on every update: skip duplicates, know the user, pick their language,
and slow down one person who writes faster than anyone reads (bot/throttle.py)."""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.i18n import normalise_language_code
from bot.throttle import OVER_PACE
from handlers.replies import start_update
from views import delivery_texts

# Commands that only show something: asked again, the later answer says the same.
SHOWING_ONLY = frozenset(
    {"start", "help", "status", "language", "mydata", "board", "stats", "hosts", "vetting"}
)


async def load_user(update: Update, context: BotContext) -> None:
    """Drop an update we already handled; otherwise set context.account and context.t."""
    start_update()
    if await context.store.updates.seen(update.update_id):
        raise ApplicationHandlerStop
    user, chat = update.effective_user, update.effective_chat
    if user is None or user.is_bot or (chat is not None and chat.type != Chat.PRIVATE):
        return
    reported = normalise_language_code(user.language_code)
    account = await context.store.users.touch(user.id, context.now(), reported)
    context.account = account
    context.t = context.bot_data.translator_for(account)
    if not account.roles:
        await _throttle(update, context, user.id)


async def _throttle(update: Update, context: BotContext, user_id: int) -> None:
    """Past a few updates a second: one "one moment", then chatter is dropped (not lost:
    the person was told to send it again). Form answers, presses and commands that change
    something always go through."""
    throttle = OVER_PACE.get()
    if throttle is None or not await _only_chatter(update, context, user_id):
        return
    message = update.effective_message
    if throttle.warn(user_id) and message is not None:
        await message.reply_text(delivery_texts.one_moment(context.t))
    await context.store.updates.mark(update.update_id, context.now())
    raise ApplicationHandlerStop


async def _only_chatter(update: Update, context: BotContext, user_id: int) -> bool:
    """Whether dropping this update loses nothing: not a press, not a form's answer, not a
    command that changes something."""
    message = update.message
    if update.callback_query is not None or message is None:
        return False
    text = message.text or ""
    if text.startswith("/"):
        command = text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(text) > 1 else ""
        return command in SHOWING_ONLY and len(text.split()) == 1  # /start inv_… acts
    return await context.store.drafts.get(user_id) is None


async def mark_processed(update: Update, context: BotContext) -> None:
    """Remember the update id once every handler has run, so a redelivery is skipped."""
    await context.store.updates.mark(update.update_id, context.now())
