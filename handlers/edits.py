"""An edited message: the bot reads each message once, so it says the change was not seen."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from views import trust_texts


async def on_edited(update: Update, context: BotContext) -> None:
    """Ask for the corrected answer as a new message (a changed alias must not be lost)."""
    message = update.edited_message
    if message is not None:
        await message.reply_text(trust_texts.edited_message(context.t))
