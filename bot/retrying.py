"""The bot's one rate limiter: Telegram's overall and group budgets, a 429 pause per chat,
quick retries after a 5xx or a timeout, and the moment a request really leaves.

Why not PTB's AIORateLimiter as it is: after any 429 it holds *every* request (one person's
flood stalled everybody's replies, 197 s at worst), and in 22.8 any request ending releases
that pause early (PTB issue #5338). Here a 429 pauses the chat it was about, for as long as
Telegram asked, and nobody else; the overall budget (30/s) paces bulk sends, never a reply
to the update being handled (bot/reply_pacing.py); groups keep their 20 a minute.

A 5xx or a timeout means Telegram did not perform the call (rarely, one it never answered
was performed): sending again is the better bet; at worst a reply shows twice, never a
question goes missing. The retries are short and bounded.

`LEAVING`: a sender may set a check that runs once, right when its request is let through
(after every pause and budget), and may veto it: the outbox claims its notice there, so a
crash leaves 'sending' only the requests truly in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.reply_pacing import is_reply

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]
Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]
NETWORK_RETRIES = 2
BACKOFF_SECONDS = 0.5
OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
PAID_PER_SECOND = 1000
_PRUNE_AT = 1024

# A check run once when the request is let through; False: do not send it after all.
LEAVING: ContextVar[Callable[[], Awaitable[bool]] | None] = ContextVar("leaving", default=None)


class NotClaimed(Exception):
    """The LEAVING check vetoed the request (someone else is sending it)."""


class RetryingRateLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = NETWORK_RETRIES,
        backoff: float = BACKOFF_SECONDS,
        overall_per_second: float = OVERALL_PER_SECOND,
    ) -> None:
        self._max_retries = max_retries
        self._network_retries = network_retries
        self._backoff = backoff
        self._overall = AsyncLimiter(overall_per_second, 1)
        self._paid = AsyncLimiter(PAID_PER_SECOND, 1)
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._paused_until: dict[int | str | None, float] = {}

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def paused_for(self, chat: int | str | None) -> float:
        """Seconds this chat must still wait after a 429 (None: calls naming no chat)."""
        until = self._paused_until.get(chat)
        if until is None:
            return 0.0
        left = until - time.monotonic()
        if left <= 0:
            del self._paused_until[chat]
            return 0.0
        return left

    def pause(self, chat: int | str | None, seconds: float) -> None:
        """Telegram said 'retry after' about this chat: nothing more to it before then."""
        until = time.monotonic() + seconds
        self._paused_until[chat] = max(self._paused_until.get(chat, 0.0), until)

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Wait for the chat's pause and the budgets, send, and retry what may be retried."""
        chat = _chat_of(data)
        max_retries = rate_limit_args or self._max_retries
        leaving = LEAVING.get()
        refused = failed = 0
        while True:
            try:
                async with self._budget(chat, data):
                    if leaving is not None:
                        if not await leaving():
                            raise NotClaimed
                        leaving = None  # once: a retry of the same request is no new claim
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                if refused >= max_retries:
                    raise
                refused += 1
                self.pause(chat, retry_seconds(error) + 0.1)
            except BadRequest:
                raise  # PTB makes BadRequest a NetworkError; resending cannot fix a refusal
            except NetworkError as error:
                if failed >= self._network_retries:
                    raise
                failed += 1
                log.info("%s failed (%s); retry %d", endpoint, type(error).__name__, failed)
                await asyncio.sleep(self._backoff * failed)

    @contextlib.asynccontextmanager
    async def _budget(self, chat: int | str | None, data: JSONDict) -> AsyncIterator[None]:
        """This chat's 429 pause, then the group's and the overall budget as they apply."""
        while (wait := self.paused_for(chat)) > 0:
            await asyncio.sleep(wait)
        async with contextlib.AsyncExitStack() as stack:
            if isinstance(chat, str) or (isinstance(chat, int) and chat < 0):
                await stack.enter_async_context(self._group(chat))
            if data.get("allow_paid_broadcast"):
                await stack.enter_async_context(self._paid)
            elif chat is not None and not is_reply(data):
                await stack.enter_async_context(self._overall)
            yield

    def _group(self, chat: int | str) -> AsyncLimiter:
        if chat not in self._groups:
            if len(self._groups) >= _PRUNE_AT:
                for key, limiter in list(self._groups.items()):
                    if limiter.has_capacity(limiter.max_rate):
                        del self._groups[key]
            self._groups[chat] = AsyncLimiter(GROUP_PER_MINUTE, 60)
        return self._groups[chat]


def _chat_of(data: JSONDict) -> int | str | None:
    chat = data.get("chat_id")
    if isinstance(chat, str):
        with contextlib.suppress(ValueError):
            return int(chat)
    return chat if isinstance(chat, (int, str)) else None


def retry_seconds(error: RetryAfter) -> float:
    """Telegram's retry_after in seconds. Read as AIORateLimiter does: the public attribute
    warns in PTB 22 unless PTB_TIMEDELTA is set, and warnings are errors in our tests."""
    wait: timedelta | float = getattr(error, "_retry_after", None) or error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
