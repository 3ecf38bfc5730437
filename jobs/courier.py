"""Single-flight background work: at most one run at a time, and a kick during a run asks
for one more, so a burst of kicks costs two runs and no caller ever waits for one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.reply_pacing import REPLYING_TO

if TYPE_CHECKING:  # bot.state names the couriers it holds
    from bot.context import App

log = logging.getLogger(__name__)


class Courier:
    def __init__(self, name: str) -> None:
        self.name = name
        self.task: asyncio.Task[None] | None = None
        self.again = False

    def kick(self, application: App, run: Callable[[], Awaitable[object]]) -> None:
        """Start a run as an application task (awaited by Application.stop), or ask for
        another once the current one ends."""
        if self.task is not None and not self.task.done():
            self.again = True
            return
        self.task = application.create_task(self._loop(run), name=self.name)

    async def idle(self) -> None:
        """Wait until no run is under way or asked for (scripts that read what was sent)."""
        while self.task is not None and not self.task.done():
            await asyncio.shield(self.task)

    async def _loop(self, run: Callable[[], Awaitable[object]]) -> None:
        # A task copies the context of whoever kicked it, often a handler replying in its own
        # chat: background sends are no replies and keep the overall pace (bot/reply_pacing).
        REPLYING_TO.set(None)
        self.again = True
        while self.again:
            self.again = False
            try:
                await run()
            except Exception:
                log.exception("%s", self.name)


def courier_for(application: App, name: str) -> Courier:
    """The application's courier for this work (per application: tests run several)."""
    couriers = application.bot_data.couriers
    return couriers.setdefault(name, Courier(name))
