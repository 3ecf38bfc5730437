"""/help and /cancel."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.context import BotContext

# Conversations (added by later features) keep their step under this key in user_data.
PENDING_STEP = "pending_step"


async def show_help(update: Update, context: BotContext) -> None:
    """List the commands in the user's language."""
    if update.effective_message:
        await update.effective_message.reply_text(render.help_text(context.t))


async def cancel(update: Update, context: BotContext) -> None:
    """Drop whatever step the user was in; say so even when there was none."""
    if update.effective_message is None:
        return
    had_step = context.user_data is not None and context.user_data.pop(PENDING_STEP, None)
    text = render.cancelled(context.t) if had_step else render.nothing_to_cancel(context.t)
    await update.effective_message.reply_text(text)
