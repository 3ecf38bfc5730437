"""One registered handler per button action, fed its typed data.

`button(RideAnswer, on_answer)` builds the CallbackQueryHandler for one `CallbackData` class;
the handler receives the unpacked value, and a press whose data does not unpack (an old
message, a forged press) is answered as expired, here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import CallbackData
from bot.context import BotContext
from handlers.replies import answer
from views import common_texts

Data = TypeVar("Data", bound=CallbackData)
Pressed = Callable[[Update, BotContext, Data], Awaitable[None]]


class ButtonHandler(CallbackQueryHandler[Any, Any]):
    """The CallbackQueryHandler of one action, which knows its kind (for the tests)."""

    __slots__ = ("kind",)

    def __init__(
        self,
        kind: type[CallbackData],
        callback: Callable[[Update, BotContext], Coroutine[Any, Any, None]],
    ) -> None:
        super().__init__(callback, pattern=kind.pattern())
        self.kind = kind


def button(kind: type[Data], handle: Pressed[Data]) -> ButtonHandler:
    async def pressed(update: Update, context: BotContext) -> None:
        query = update.callback_query
        if query is None or update.effective_user is None:
            return
        data = kind.unpack(query.data)
        if data is None:
            await answer(update, common_texts.expired_button(context.t), alert=True)
            return
        await handle(update, context, data)

    return ButtonHandler(kind, pressed)
