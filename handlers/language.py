"""/language and the language picker."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from dispatch.locales import SUPPORTED_LOCALES
from handlers.homes import show_intent
from handlers.replies import answer, show
from views import common_keys, common_texts
from views.common_keys import ChooseLanguage, LanguageMenu


async def ask_language(update: Update, context: BotContext) -> None:
    """Show the picker, each language named in its own script."""
    await show(
        update,
        common_texts.language_prompt(context.bot_data.translators),
        common_keys.language_picker(),
    )


async def language_menu(update: Update, context: BotContext, _: LanguageMenu) -> None:
    await ask_language(update, context)


async def choose_language(update: Update, context: BotContext, choice: ChooseLanguage) -> None:
    """Save the pressed language and continue, in it, where the person was heading."""
    user = update.effective_user
    if user is None:
        return
    if choice.locale not in SUPPORTED_LOCALES:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await context.store.users.set_locale(user.id, choice.locale, context.now())
    context.t = context.bot_data.translators[choice.locale]
    await show_intent(update, context, choice.intent, notice=common_texts.language_saved(context.t))
