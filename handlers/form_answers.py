"""The answers to a form under way: its buttons and typed text (the engine: handlers/forms)."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.context import BotContext
from handlers import forms
from handlers.replies import answer


async def on_button(update: Update, context: BotContext) -> None:
    """A form's button; one from a form no longer under way is answered as expired."""
    if not await forms.press(update, context):
        await answer(update, render.expired_button(context.t), alert=True)


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text answers the current question; with no form under way it gets the fallback."""
    if await forms.type_in(update, context):
        return
    if update.effective_message:
        await update.effective_message.reply_text(render.free_text(context.t))
