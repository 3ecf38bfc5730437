"""Runs first and last on every update: skip duplicates, know the user, pick their language."""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.i18n import normalise_language_code


async def load_user(update: Update, context: BotContext) -> None:
    """Drop an update we already handled; otherwise set context.account and context.t."""
    if await context.store.updates.seen(update.update_id):
        raise ApplicationHandlerStop
    user, chat = update.effective_user, update.effective_chat
    if user is None or user.is_bot or (chat is not None and chat.type != Chat.PRIVATE):
        return
    reported = normalise_language_code(user.language_code)
    account = await context.store.users.touch(user.id, context.now(), reported)
    context.account = account
    context.t = context.bot_data.translator_for(account)


async def mark_processed(update: Update, context: BotContext) -> None:
    """Remember the update id once every handler has run, so a redelivery is skipped."""
    await context.store.updates.mark(update.update_id, context.now())
