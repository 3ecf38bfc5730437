"""The one global error handler: log first, alert the dispatch chat, apologise to the user."""

from __future__ import annotations

import logging

from telegram import Chat, Update
from telegram.error import Forbidden, TelegramError

from bot.context import BotContext
from views import common_texts

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Never let a failure pass silently, and never log what users wrote."""
    error = context.error
    name = type(error).__name__ if error else "unknown"
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error while handling update %s: %s", update_id, name, exc_info=error)
    if context.config.dispatch_chat_id is not None:
        await _quietly(
            context.bot.send_message(
                context.config.dispatch_chat_id,
                common_texts.error_alert(
                    context.bot_data.translators[context.config.default_locale], name
                ),
            )
        )
    if (
        isinstance(update, Update)
        and update.effective_chat
        and update.effective_chat.type == Chat.PRIVATE
    ):
        await _quietly(
            context.bot.send_message(update.effective_chat.id, common_texts.apology(context.t))
        )


async def _quietly(sending: object) -> None:
    """Sending the alert must not raise again from inside the error handler."""
    try:
        await sending  # type: ignore[misc]
    except Forbidden:
        pass
    except TelegramError as error:
        log.warning("could not send an error notice: %s", type(error).__name__)
