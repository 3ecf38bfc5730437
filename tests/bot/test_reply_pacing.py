"""Chats in parallel, each chat in order: one chat's slow update holds up no other chat,
and never its own later updates' order; a flood is counted as it arrives."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.reply_pacing import ReplyTrackingProcessor
from bot.throttle import OVER_PACE


def message(update_id: int, chat_id: int) -> Update:
    user = {"id": chat_id, "is_bot": False, "first_name": "P"}
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "private"},
                "from": user,
                "text": "hi",
            },
        },
        None,
    )


async def test_a_slow_chat_holds_up_nobody_else_and_keeps_its_own_order() -> None:
    processor = ReplyTrackingProcessor(concurrent_chats=4)
    release, done = asyncio.Event(), []

    async def handle(name: str, wait: bool) -> None:
        if wait:
            await release.wait()
        done.append(name)

    tasks = [
        asyncio.create_task(processor.process_update(message(1, 10), handle("a1", True))),
        asyncio.create_task(processor.process_update(message(2, 10), handle("a2", False))),
        asyncio.create_task(processor.process_update(message(3, 20), handle("b1", False))),
    ]
    await asyncio.sleep(0.05)
    assert done == ["b1"]  # chat 20 went ahead; chat 10's second update waits its turn
    release.set()
    await asyncio.gather(*tasks)
    assert done == ["b1", "a1", "a2"]


async def test_waiting_in_one_chat_takes_no_slot_from_the_others() -> None:
    processor = ReplyTrackingProcessor(concurrent_chats=2)
    release, done = asyncio.Event(), []

    async def handle(name: str) -> None:
        if name.startswith("flood"):
            await release.wait()
        done.append(name)

    flood = [
        asyncio.create_task(processor.process_update(message(n, 10), handle(f"flood{n}")))
        for n in range(1, 30)
    ]
    other = asyncio.create_task(processor.process_update(message(99, 20), handle("other")))
    await asyncio.wait_for(other, timeout=1)
    assert done == ["other"]
    release.set()
    await asyncio.gather(*flood)


async def test_only_a_flood_written_without_waiting_is_marked_past_the_pace() -> None:
    processor = ReplyTrackingProcessor()
    seen: list[bool] = []

    async def handle(release: asyncio.Event | None = None) -> None:
        if release is not None:
            await release.wait()
        seen.append(OVER_PACE.get() is not None)

    for n in range(12):  # one at a time, each answered before the next: never marked
        await processor.process_update(message(n, 10), handle())
    assert not any(seen)
    seen.clear()
    release = asyncio.Event()
    flood = [asyncio.create_task(processor.process_update(message(100, 20), handle(release)))]
    flood += [
        asyncio.create_task(processor.process_update(message(n, 20), handle()))
        for n in range(101, 112)
    ]
    await asyncio.sleep(0.01)
    release.set()
    await asyncio.gather(*flood)
    assert seen[:8] == [False] * 8 and all(seen[9:])  # past the burst, with a backlog
