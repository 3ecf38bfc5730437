"""Sending or editing the reply to an update, the same way for messages and button presses."""

from __future__ import annotations

from collections import OrderedDict

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

# Telegram accepts one answer per button press; a reply path may pass through several
# steps that each want to say something, so remember which presses were answered.
_ANSWERED: OrderedDict[str, None] = OrderedDict()
_REMEMBERED = 2048


async def answer(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Answer the pressed button once (a toast, or an alert); later calls do nothing."""
    query = update.callback_query
    if query is None or query.id in _ANSWERED:
        return
    _ANSWERED[query.id] = None
    while len(_ANSWERED) > _REMEMBERED:
        _ANSWERED.popitem(last=False)
    await query.answer(text, show_alert=alert)


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
        await answer(update, notice)
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
