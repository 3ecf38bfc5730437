"""Pacing for bulk sends: an overall rate, at most one message a second per chat, and a pause
for the whole sender after Telegram answers 429.

The overall limiter is aiolimiter's leaky bucket with a burst of a few messages only, so the
sender never runs ahead of Telegram's own bucket and a late event loop can still catch up.
"""

from __future__ import annotations

import asyncio
import time

from aiolimiter import AsyncLimiter

OVERALL_BURST = 3
_PRUNE_AT = 4096


class Pacer:
    def __init__(self, rate: float, per_chat: float = 1.0) -> None:
        self.rate = rate
        self._overall = AsyncLimiter(OVERALL_BURST, OVERALL_BURST / rate)
        self._per_chat = per_chat
        self._chats: dict[int, AsyncLimiter] = {}
        self._prune_at = _PRUNE_AT
        self._resume_at = 0.0

    def pause(self, seconds: float) -> None:
        """Telegram said 'retry after': nothing leaves before then."""
        self._resume_at = max(self._resume_at, time.monotonic() + seconds)

    @property
    def paused_for(self) -> float:
        return max(0.0, self._resume_at - time.monotonic())

    async def slot(self) -> None:
        """Wait for a pause to end and for the overall rate to allow one more message."""
        while True:
            wait = self.paused_for
            if wait > 0:
                await asyncio.sleep(wait)
            await self._overall.acquire()
            if self.paused_for == 0:
                return

    async def take_chat(self, chat_id: int) -> bool:
        """Reserve this chat's next message now, or say it must wait (never blocks)."""
        limiter = self._chats.get(chat_id)
        if limiter is None:
            self._prune()
            limiter = AsyncLimiter(1, 1 / self._per_chat)
            self._chats[chat_id] = limiter
        if not limiter.has_capacity():
            return False
        await limiter.acquire()  # returns at once: there is capacity
        return True

    def _prune(self) -> None:
        """Forget chats whose bucket has fully drained, so 30,000 recipients cost no memory."""
        if len(self._chats) < self._prune_at:
            return
        for chat_id, limiter in list(self._chats.items()):
            if limiter.has_capacity(limiter.max_rate):
                del self._chats[chat_id]
        self._prune_at = max(_PRUNE_AT, 2 * len(self._chats))
