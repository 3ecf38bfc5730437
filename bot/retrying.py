"""AIORateLimiter, plus a few quick retries after a 5xx or a timeout.

AIORateLimiter already waits out a 429 (``max_retries``) but raises at once on a 500 or a
timeout, and the user then gets an apology instead of the question they were waiting for,
although their answer was saved. Telegram did not perform a call it answered 500, and rarely
one it never answered, so sending again is the better bet: at worst a reply shows twice,
never a question goes missing. The retries are short and bounded, because updates are
handled one at a time and every second spent here is a second the next person waits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)
JSONDict = dict[str, Any]
NETWORK_RETRIES = 2
BACKOFF_SECONDS = 0.5


class RetryingRateLimiter(AIORateLimiter):
    """The bot's one limiter: overall and group pacing, 429 waits, and network retries."""

    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = NETWORK_RETRIES,
        backoff: float = BACKOFF_SECONDS,
    ) -> None:
        super().__init__(max_retries=max_retries)
        self._network_retries = network_retries
        self._backoff = backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Send through AIORateLimiter; after a 5xx or a timeout, wait a moment and resend."""
        attempt = 0
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise  # PTB makes BadRequest a NetworkError; resending cannot fix a refusal
            except NetworkError as error:
                if attempt >= self._network_retries:
                    raise
                attempt += 1
                log.info("%s failed (%s); retry %d", endpoint, type(error).__name__, attempt)
                await asyncio.sleep(self._backoff * attempt)
