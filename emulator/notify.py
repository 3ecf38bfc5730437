"""A broadcast wake-up for coroutines waiting on "something changed"."""

from __future__ import annotations

import asyncio
import contextlib


class Notifier:
    """Wakes every current waiter on ``notify``; waiters re-check their own condition."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Release all current waiters; later waiters wait for the next notify."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        """Return on the next notify or after ``timeout`` seconds, whichever is first."""
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), max(timeout, 0.0))
