"""Sending or editing the reply to an update, the same way for messages and button presses."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest


async def show(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    notice: str | None = None,
) -> None:
    """Edit the pressed message in place (with an optional notice), or reply with a new one."""
    query = update.callback_query
    if query is not None and query.message is not None:
        await query.answer(notice)
        try:
            await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as error:
            # A double tap asks for the same content again: harmless, nothing to change.
            if "not modified" not in error.message:
                raise
        return
    message = update.effective_message
    if message is not None:
        await message.reply_text(text, reply_markup=markup)
