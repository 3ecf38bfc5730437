"""The one way a test waits for the bot: poll a condition until it holds, or fail at a deadline.

The clock is injected, so nothing here waits for a schedule; it waits for the bot, which answers
in real time over HTTP (a busy machine makes it slower, never different). A wait that runs out
fails with what was awaited, never with a bare assertion or an index error further down.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable

Condition = Callable[[], bool | Awaitable[bool]]
DEFAULT_TIMEOUT = 10.0


async def until(
    condition: Condition,
    *,
    what: str | Callable[[], str],
    timeout: float = DEFAULT_TIMEOUT,
    every: float = 0.02,
) -> None:
    """Return once `condition()` (plain or awaitable) is true; fail after `timeout` seconds with
    `what` (or what it returns: a log tail, the counts) in the message."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if loop.time() >= deadline:
            detail = what() if callable(what) else what
            raise AssertionError(f"waited {timeout:g} s for {detail}")
        await asyncio.sleep(every)
