"""Chats in parallel, each chat in order; replies go out at once, bulk sends keep the pace.

Updates of different chats are handled concurrently, so one person's flood, or a chat whose
replies wait out a 429, holds up nobody else; one chat's updates are handled strictly one
after the other, in the order Telegram gave them (python-telegram-bot's own concurrent mode
gives no order at all), so a form's answers and a double tap are seen in order and the
exactly-once guard (handlers/guard.py) sees a redelivered update only after the first copy.

The overall budget of 30/s (bot/retrying.py) is Telegram's limit for bulk notifications:
a reply in the private chat of the update being handled skips it, anything sent from a
job or a background sender keeps it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseUpdateProcessor

from bot.throttle import OVER_PACE, Throttle

# The private chat whose update this task is handling; None in jobs and group chats.
REPLYING_TO: ContextVar[int | None] = ContextVar("replying_to", default=None)
# Few slots on purpose: every update goes through the one writer and the one reader of the
# database, so many updates at once only interleave their queries and all finish late (64
# slots: p99 120-970 ms in benchmarks/throughput.py; 8: 11 ms). Enough for a chat waiting out
# a 429 pause not to hold up the others; waiting for one's own chat takes no slot.
CONCURRENT_CHATS = 8
# A person who waits for each answer has at most one update of theirs still in hand when the
# next arrives; only someone who writes on regardless is ever slowed down (bot/throttle.py).
BACKLOG = 2
UNBOUNDED = 1 << 20


class _Lane:
    """One chat's turn: a FIFO lock and how many updates hold or await it."""

    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class ReplyTrackingProcessor(BaseUpdateProcessor):
    """Up to CONCURRENT_CHATS chats at once, one update at a time within a chat."""

    def __init__(self, concurrent_chats: int = CONCURRENT_CHATS) -> None:
        # PTB's own semaphore is left wide open: it is taken before do_process_update, and
        # an update waiting behind its own chat's earlier ones must not hold a slot that the
        # other chats need. The chat's turn comes first, then one of our slots.
        super().__init__(max_concurrent_updates=UNBOUNDED)
        self._lanes: dict[int, _Lane] = {}
        self._slots = asyncio.BoundedSemaphore(concurrent_chats)
        self.throttle = Throttle()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this chat's turn (in arrival order), then for a free slot, then run."""
        key = _chat_key(update)
        message = update.message if isinstance(update, Update) else None
        sender = message.from_user if message is not None else None
        if sender is not None and self.throttle.over(sender.id):  # counted on arrival
            waiting = self._lanes[key].users if key in self._lanes else 0
            if waiting >= BACKLOG:  # they write on without waiting for the answers
                OVER_PACE.set(self.throttle)  # handlers/guard.py decides what may go
        if key is None:
            async with self._slots:
                await _run(update, coroutine)
            return
        lane = self._lanes.get(key)
        if lane is None:
            lane = self._lanes[key] = _Lane()
        lane.users += 1
        try:
            async with lane.lock, self._slots:
                await _run(update, coroutine)
        finally:
            lane.users -= 1
            if lane.users == 0:
                del self._lanes[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


async def _run(update: object, coroutine: Awaitable[Any]) -> None:
    """Handle one update, remembering whose private chat a reply would go to."""
    chat = update.effective_chat if isinstance(update, Update) else None
    private = chat is not None and chat.type == ChatType.PRIVATE
    token = REPLYING_TO.set(chat.id if chat is not None and private else None)
    try:
        await coroutine
    finally:
        REPLYING_TO.reset(token)


def _chat_key(update: object) -> int | None:
    """Whose queue an update joins: its chat, else its sender (None: no order to keep)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


def is_reply(data: dict[str, Any]) -> bool:
    """Whether a call goes to the private chat of the update being handled."""
    chat_id = data.get("chat_id")
    replying_to = REPLYING_TO.get()
    return replying_to is not None and isinstance(chat_id, int) and chat_id == replying_to
