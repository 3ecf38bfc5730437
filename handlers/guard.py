"""Runs first and last on every update: skip duplicates, know the user, pick their language."""

from __future__ import annotations

from telegram import Chat, Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.i18n import resolve_locale
from handlers.replies import start_update


async def load_user(update: Update, context: BotContext) -> None:
    """Drop an update we already handled; otherwise set context.account and context.t."""
    start_update()
    if await context.store.updates.seen(update.update_id):
        raise ApplicationHandlerStop
    user, chat = update.effective_user, update.effective_chat
    if user is None or user.is_bot or (chat is not None and chat.type != Chat.PRIVATE):
        return
    account = await context.store.users.touch(user.id, context.now())
    context.account = account
    locale = resolve_locale(account.locale, user.language_code, context.config.default_locale)
    context.t = context.bot_data.translators[locale]


async def mark_processed(update: Update, context: BotContext) -> None:
    """Remember the update id once every handler has run, so a redelivery is skipped."""
    await context.store.updates.mark(update.update_id, context.now())
