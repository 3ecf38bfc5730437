"""/language and the language picker."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.context import BotContext
from dispatch.deeplinks import Intent
from dispatch.locales import SUPPORTED_LOCALES
from handlers.homes import show_intent
from handlers.replies import answer, show
from views import common_keys, common_texts


async def ask_language(update: Update, context: BotContext) -> None:
    """Show the picker, each language named in its own script."""
    await show(
        update,
        common_texts.language_prompt(context.bot_data.translators),
        common_keys.language_picker(),
    )


async def choose_language(update: Update, context: BotContext) -> None:
    """Save the pressed language and continue, in it, where the person was heading."""
    query, user = update.callback_query, update.effective_user
    choice = callbacks.parse(query.data if query else None)
    if query is None or user is None or choice is None:
        return
    if choice.action == "menu":
        await ask_language(update, context)
        return
    if choice.action not in SUPPORTED_LOCALES:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await context.store.users.set_locale(user.id, choice.action, context.now())
    context.t = context.bot_data.translators[choice.action]
    intent = choice.args[0] if choice.args else ""
    known = Intent(intent) if intent in set(Intent) else None
    await show_intent(update, context, known, notice=common_texts.language_saved(context.t))
