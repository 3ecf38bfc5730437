"""Live updates shared by every open page: one watcher per site polls a cheap fingerprint of
the night twice a second, rebuilds the board only when it moved, and hands the same JSON to
all the pages of that site. The watcher stops when the last page of its site closes. On a
busy evening it rebuilds at most once a second, so the pages cost the bot the same however
fast the evening changes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5  # a change reaches the pages well within two seconds
END: dict[str, Any] = {}  # what a page's stream reads when the server stops
REBUILD_SECONDS = 1.0  # at most one rebuild a second, however busy the evening
Mark = Callable[[], Awaitable[tuple[object, ...]]]
Build = Callable[[], Awaitable[dict[str, Any]]]


@dataclass
class Feed:
    """One site's watcher: the latest board and the pages waiting for the next one."""

    mark: Mark
    build: Build
    latest: dict[str, Any] | None = None
    pages: set[asyncio.Queue[dict[str, Any]]] = field(default_factory=set)
    task: asyncio.Task[None] | None = None
    builds: int = 0  # how often the board was rebuilt (the benchmark reads it)

    async def run(self, interval: float, gap: float) -> None:
        seen: tuple[object, ...] | None = None
        loop = asyncio.get_running_loop()
        built = loop.time() - gap
        while self.pages:
            try:
                mark = await self.mark()
                if (mark != seen and loop.time() - built >= gap) or self.latest is None:
                    seen, built = mark, loop.time()
                    await self._rebuild()
            except Exception:  # a failed read must not end every page's stream
                log.exception("live board: reading the night failed")
            await asyncio.sleep(interval)

    async def _rebuild(self) -> None:
        board = await self.build()
        self.builds += 1
        if self.latest is not None and board["version"] == self.latest["version"]:
            return
        self.latest = board
        for queue in self.pages:
            if queue.full():
                queue.get_nowait()  # a slow page skips to the newest board
            queue.put_nowait(board)


class LiveBoards:
    """The feeds by site; `follow` gives a page a queue of boards, first the current one."""

    def __init__(self, interval: float = POLL_SECONDS, gap: float = REBUILD_SECONDS) -> None:
        self.interval = interval
        self.gap = gap
        self.feeds: dict[int, Feed] = {}

    @contextlib.asynccontextmanager
    async def follow(self, site_id: int, mark: Mark, build: Build) -> Any:
        feed = self.feeds.setdefault(site_id, Feed(mark, build))
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1)
        if feed.latest is not None:
            queue.put_nowait(feed.latest)
        feed.pages.add(queue)
        if feed.task is None or feed.task.done():
            feed.task = asyncio.create_task(
                feed.run(self.interval, self.gap), name=f"live-board-{site_id}"
            )
        try:
            yield queue
        finally:
            feed.pages.discard(queue)
            if not feed.pages:
                await self._stop(site_id, feed)

    async def _stop(self, site_id: int, feed: Feed) -> None:
        if feed.task is not None:
            feed.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await feed.task
        if self.feeds.get(site_id) is feed and not feed.pages:
            del self.feeds[site_id]

    async def close(self) -> None:
        """The server stops: every open stream ends now, not at its next heartbeat."""
        for site_id, feed in list(self.feeds.items()):
            for queue in feed.pages:
                if queue.full():
                    queue.get_nowait()
                queue.put_nowait(END)
            feed.pages.clear()
            await self._stop(site_id, feed)
