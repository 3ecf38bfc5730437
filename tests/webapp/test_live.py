"""One watcher per site, shared by all its pages: it rebuilds the board only when the night's
fingerprint moved, hands every page the same board, and stops with the last page."""

from __future__ import annotations

import asyncio
from typing import Any

from webapp.live import LiveBoards


class Night:
    def __init__(self) -> None:
        self.mark = 0
        self.reads = 0
        self.builds = 0

    async def read_mark(self) -> tuple[object, ...]:
        self.reads += 1
        return (self.mark,)

    async def build(self) -> dict[str, Any]:
        self.builds += 1
        return {"version": str(self.mark)}


async def test_pages_of_one_site_share_one_watcher_that_rebuilds_only_on_change() -> None:
    live, night = LiveBoards(interval=0.01, gap=0.01), Night()
    async with (
        live.follow(1, night.read_mark, night.build) as first,
        live.follow(1, night.read_mark, night.build) as second,
        live.follow(1, night.read_mark, night.build) as third,
    ):
        assert len(live.feeds) == 1
        boards = [await asyncio.wait_for(q.get(), 1) for q in (first, second, third)]
        assert boards == [{"version": "0"}] * 3
        await asyncio.sleep(0.1)  # several polls, no change
        assert night.builds == 1 and night.reads > 3
        night.mark = 1
        assert (await asyncio.wait_for(second.get(), 1))["version"] == "1"
        assert night.builds == 2
    assert live.feeds == {}  # the last page left: nobody polls any more
    reads = night.reads
    await asyncio.sleep(0.05)
    assert night.reads == reads


async def test_a_slow_page_skips_to_the_newest_board() -> None:
    live, night = LiveBoards(interval=0.01, gap=0.01), Night()
    async with live.follow(1, night.read_mark, night.build) as page:
        await asyncio.wait_for(page.get(), 1)
        for mark in (1, 2, 3):
            night.mark = mark
            await asyncio.sleep(0.05)
        assert (await asyncio.wait_for(page.get(), 1))["version"] == "3"
        assert page.empty()


async def test_a_busy_night_is_rebuilt_at_most_once_per_gap() -> None:
    live, night = LiveBoards(interval=0.01, gap=0.2), Night()
    async with live.follow(1, night.read_mark, night.build) as page:
        await asyncio.wait_for(page.get(), 1)
        for mark in range(1, 11):  # ten changes within 0.1 s
            night.mark = mark
            await asyncio.sleep(0.01)
        assert night.builds == 1
        assert (await asyncio.wait_for(page.get(), 1))["version"] == "10"
        assert night.builds == 2
