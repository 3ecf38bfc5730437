"""/help and /cancel."""

from __future__ import annotations

from telegram import Update

from bot import keyboards_guest, keyboards_host, render, render_guest, render_host
from bot.context import BotContext
from handlers.homes import live_offer, tonight_request
from handlers.permits import command_roles
from handlers.replies import show


async def show_help(update: Update, context: BotContext) -> None:
    """List the commands in the user's language, with those of their roles."""
    if update.effective_message:
        text = render.help_text(context.t, **await command_roles(context))
        await update.effective_message.reply_text(text)


async def cancel(update: Update, context: BotContext) -> None:
    """Stop the form under way; with none, offer to withdraw tonight's request or offer."""
    user = update.effective_user
    if update.effective_message is None or user is None:
        return
    if await context.store.drafts.delete(user.id):
        await show(update, render.cancelled(context.t))
    elif await tonight_request(context) is not None:
        await show(
            update,
            render_guest.confirm_withdrawal(context.t),
            keyboards_guest.confirm_withdraw(context.t),
        )
    elif await live_offer(context) is not None:
        await show(
            update,
            render_host.confirm_withdrawal(context.t),
            keyboards_host.confirm_withdraw(context.t),
        )
    else:
        await show(update, render.nothing_to_cancel(context.t))
