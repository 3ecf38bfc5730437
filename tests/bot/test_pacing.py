"""The pacer: one message a second per chat, and a pause after a 429 that holds everyone."""

from __future__ import annotations

import time

from bot.pacing import Pacer


async def test_a_chat_gets_one_message_a_second() -> None:
    pacer = Pacer(rate=100)
    assert await pacer.take_chat(1)
    assert not await pacer.take_chat(1)
    assert await pacer.take_chat(2)


async def test_a_pause_holds_the_next_slot() -> None:
    pacer = Pacer(rate=1000)
    pacer.pause(0.2)
    started = time.monotonic()
    await pacer.slot()
    assert time.monotonic() - started >= 0.19


async def test_the_overall_rate_is_kept_after_a_short_burst() -> None:
    pacer = Pacer(rate=200)
    started = time.monotonic()
    for _ in range(43):
        await pacer.slot()
    assert time.monotonic() - started >= 40 / 200 * 0.95
