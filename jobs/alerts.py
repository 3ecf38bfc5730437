"""Telling the dispatchers: the dispatch group if there is one, otherwise each admin."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from bot.i18n import Translator

log = logging.getLogger(__name__)


async def to_dispatchers(context: BotContext, text: Callable[[Translator], str]) -> None:
    """Best effort: an alert that cannot be delivered is logged, never raised to the user."""
    config, translators = context.config, context.bot_data.translators
    targets: list[tuple[int, Translator]] = []
    if config.dispatch_chat_id is not None:
        targets.append((config.dispatch_chat_id, translators[config.default_locale]))
    else:
        for admin_id in sorted(config.admin_ids):
            targets.append((admin_id, await context.bot_data.translator_of(admin_id)))
    for chat_id, t in targets:
        try:
            await context.bot.send_message(chat_id, text(t))
        except (Forbidden, BadRequest) as error:
            log.warning("could not alert chat %s: %s", chat_id, type(error).__name__)


def alert_chats(context: BotContext) -> list[int]:
    """Where alerts queued in the outbox go: the dispatch group, otherwise each admin."""
    config = context.config
    if config.dispatch_chat_id is not None:
        return [config.dispatch_chat_id]
    return sorted(config.admin_ids)
