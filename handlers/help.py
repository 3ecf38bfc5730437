"""/help and /cancel."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from handlers.homes import live_offer, offer_locked, tonight_request
from handlers.permits import command_roles
from handlers.replies import show
from views import common_texts, guest_keys, guest_texts, host_keys, host_texts


async def show_help(update: Update, context: BotContext) -> None:
    """List the commands in the user's language, with those of their roles."""
    if update.effective_message:
        text = common_texts.help_text(context.t, **await command_roles(context))
        await update.effective_message.reply_text(text)


async def cancel(update: Update, context: BotContext) -> None:
    """Stop the form under way; with none, offer to withdraw tonight's request or offer."""
    user = update.effective_user
    if update.effective_message is None or user is None:
        return
    if await context.store.drafts.delete(user.id):
        await show(update, common_texts.cancelled(context.t))
    elif await tonight_request(context) is not None:
        await show(
            update,
            guest_texts.confirm_withdrawal(context.t),
            guest_keys.confirm_withdraw(context.t),
        )
    elif await live_offer(context) is not None:
        if await offer_locked(context):
            await show(update, host_texts.offer_locked(context.t), host_keys.locked(context.t))
            return
        await show(
            update,
            host_texts.confirm_withdrawal(context.t),
            host_keys.confirm_withdraw(context.t),
        )
    else:
        await show(update, common_texts.nothing_to_cancel(context.t))
