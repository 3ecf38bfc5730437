"""Replies go out at once; bulk sends keep Telegram's overall pace of about 30 per second.

AIORateLimiter paces every call that names a chat through one overall budget of 30/s. That
is Telegram's limit for bulk notifications, and the outbox and the appeal sender need it;
but it also queued the answer to someone who just pressed a button behind everyone else's,
so an evening's 50 updates/s waited seconds for their replies (benchmarks/throughput.py).
A reply in the private chat of the update being handled now skips that budget; it still
honours a 429 pause and the per-group limits, and anything sent from a job is paced as before.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseUpdateProcessor

from bot.retrying import JSONDict, RetryingRateLimiter

# The private chat whose update this task is handling; None in jobs and group chats.
REPLYING_TO: ContextVar[int | None] = ContextVar("replying_to", default=None)


class ReplyTrackingProcessor(BaseUpdateProcessor):
    """One update at a time, as PTB's default, remembering whose chat it came from."""

    def __init__(self) -> None:
        super().__init__(max_concurrent_updates=1)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        private = chat is not None and chat.type == ChatType.PRIVATE
        token = REPLYING_TO.set(chat.id if chat is not None and private else None)
        try:
            await coroutine
        finally:
            REPLYING_TO.reset(token)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def is_reply(data: JSONDict) -> bool:
    """Whether a call goes to the private chat of the update being handled."""
    chat_id = data.get("chat_id")
    replying_to = REPLYING_TO.get()
    return replying_to is not None and isinstance(chat_id, int) and chat_id == replying_to


class ReplyFirstRateLimiter(RetryingRateLimiter):
    """RetryingRateLimiter whose overall budget is left to bulk sends."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if is_reply(data):
            # AIORateLimiter applies its overall budget to calls that carry a chat_id; the
            # request itself is built from args/kwargs, so the id still reaches Telegram.
            data = {key: value for key, value in data.items() if key != "chat_id"}
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
