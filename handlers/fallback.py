"""Answers for everything no feature handled: nobody is met with silence."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from handlers.permits import command_roles
from handlers.replies import answer
from views import common_texts


async def unknown_command(update: Update, context: BotContext) -> None:
    """Name the command we do not know and list the ones we do."""
    message = update.effective_message
    if message is None or not message.text:
        return
    command = message.text.split()[0].split("@")[0][:64]
    await message.reply_text(
        common_texts.unknown_command(context.t, command, **await command_roles(context))
    )


async def free_text(update: Update, context: BotContext) -> None:
    """Point typed text towards the buttons and commands."""
    if update.effective_message:
        await update.effective_message.reply_text(common_texts.free_text(context.t))


async def not_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice notes…: say what we can read."""
    if update.effective_message:
        await update.effective_message.reply_text(common_texts.not_text(context.t))


async def expired_button(update: Update, context: BotContext) -> None:
    """A button from an old message or an older version of the bot, or one nobody answered."""
    if update.callback_query:
        await answer(update, common_texts.expired_button(context.t), alert=True)
