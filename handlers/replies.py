"""Sending or editing the reply to an update, the same way for messages and button presses."""

from __future__ import annotations

from contextvars import ContextVar

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

# Telegram accepts one answer per button press; a reply path may pass through several
# steps that each want to say something, so remember which presses were answered. That is
# state of the update being handled, not of the module: PTB handles each update in a task of
# its own, whose context keeps this set (the guard starts a fresh one for every update).
_ANSWERED: ContextVar[set[str] | None] = ContextVar("answered_presses", default=None)


def start_update() -> None:
    """A new update: no press of it is answered yet."""
    _ANSWERED.set(set())


async def answer(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Answer the pressed button once (a toast, or an alert); later calls do nothing."""
    query = update.callback_query
    answered = _ANSWERED.get()
    if answered is None:
        answered = set()
        _ANSWERED.set(answered)
    if query is None or query.id in answered:
        return
    answered.add(query.id)
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
