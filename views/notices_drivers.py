"""Renderers of the drivers' notices (merged into views/notices.RENDERERS)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.context import BotContext
from bot.i18n import Translator
from dispatch import notices as n
from dispatch.notices import NoticeKind
from views import driver_texts

Rendered = tuple[str, InlineKeyboardMarkup | None]


async def _vetting(context: BotContext, t: Translator, payload: n.DriverVetting) -> Rendered:
    if await context.store.drivers.get(payload.driver) is None:
        raise LookupError("driver")
    return driver_texts.to_driver(t, payload.status, payload.was), None


RENDERERS: dict[NoticeKind, Callable[[BotContext, Translator, Any], Awaitable[Rendered | None]]] = {
    NoticeKind.DRIVER_VETTING: _vetting,
}
