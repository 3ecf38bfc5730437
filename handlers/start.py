"""/start, with or without a deep-link payload from a poster."""

from __future__ import annotations

from telegram import Update

from bot import keyboards, render
from bot.context import BotContext
from bot.i18n import normalise_language_code
from dispatch.deeplinks import parse_start_payload
from dispatch.onboarding import plan_start
from handlers.menu import show_intent
from handlers.roles import redeem_invite


async def start(update: Update, context: BotContext) -> None:
    """Open the path the link asks for, in the right language, or ask the language first."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None or context.account is None:
        return
    payload = context.args[0] if context.args else None
    if await redeem_invite(update, context, payload):
        return
    link = parse_start_payload(payload)
    plan = plan_start(link, context.account.locale, normalise_language_code(user.language_code))
    if plan.save_locale:
        await context.store.users.set_locale(user.id, plan.save_locale, context.now())
        context.t = context.bot_data.translators[plan.save_locale]
    if plan.ask_language:
        await message.reply_text(
            render.language_prompt(context.bot_data.translators),
            reply_markup=keyboards.language_picker(plan.intent),
        )
        return
    await show_intent(update, context, plan.intent)
