"""/start, with or without a deep-link payload from a poster."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.i18n import normalise_language_code
from dispatch.deeplinks import invite_token, parse_start_payload
from dispatch.locales import SUPPORTED_LOCALES
from dispatch.onboarding import plan_start
from handlers.homes import show_intent
from handlers.replies import show
from jobs.delivery import deliver_outbox
from usecases import roles as role_cases
from views import common_keys, common_texts, roles_texts


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
            common_texts.language_prompt(context.bot_data.translators),
            reply_markup=common_keys.language_picker(plan.intent),
        )
        return
    await show_intent(update, context, plan.intent)


async def redeem_invite(update: Update, context: BotContext, payload: str | None) -> bool:
    """/start inv_…: the first person to open an invite link becomes a dispatcher."""
    token = invite_token(payload)
    user = update.effective_user
    if token is None or user is None:
        return False
    account = context.account
    spoken = normalise_language_code(user.language_code)
    if account is not None and account.locale is None and spoken in SUPPORTED_LOCALES:
        # The welcome goes out through the outbox, which reads the saved language.
        await context.store.users.set_locale(user.id, spoken, context.now())
    redeemed = await role_cases.redeem_invite(context.services, token, user.id, context.now())
    if redeemed is None:
        await show(update, roles_texts.invite_invalid(context.t))
    await deliver_outbox(context)
    return True
