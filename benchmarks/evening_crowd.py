"""The people of benchmarks/evening.py, and the clock read from the emulator's own log.

`Crowd` watches every chat (every 20 ms) and answers at once, in each person's language: a
host presses "✅ I confirm" under a proposal and types tonight's address when asked, a driver
presses "✅ I take this ride". Instant answers measure the bot and Telegram's limits, not the
people. `timeline` pairs the emulator's log of posted messages (`BotApiEmulator.posts`: clock
time, chat) with each chat's messages, in order, to time the last proposal, ride offer and
guest notice; edits (a ride offer turned into the ride's card) are timed as the crowd saw them.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass, field

from evening_seed import Cast

from emulator import BotApiEmulator, BotMessage
from emulator.methods import lookup
from tools.actors import TRANSLATORS

ADDRESS = "Rue Haute 12, bell 3"
CONFIRM, TAKE = "✅ I confirm", "✅ I take this ride"
WHERE = (
    "Where should the driver bring your guests tonight? Type your address: street, number, "
    "doorbell. Only the driver who takes the ride will see it, and it is deleted after tonight."
)
PER_CHAT_BURST = 3  # emulator.limits.RateLimits' default: 3 at once, then 1 a second


def labels(event: BotMessage) -> set[str]:
    return {label for row in event.buttons for label in row}


@dataclass
class Crowd:
    emulator: BotApiEmulator
    cast: Cast
    seen: dict[int, int] = field(default_factory=dict)
    edits: list[tuple[float, int]] = field(default_factory=list)  # (seen at, chat) of edits
    confirmed: int = 0
    taken: int = 0
    addresses: int = 0
    last_event: float = field(default_factory=time.time)

    def mark(self) -> None:
        """Start counting from now (the cut-off)."""
        self.seen = {cid: len(chat.events) for cid, chat in self.emulator.state.chats.items()}
        self.edits.clear()

    def _(self, user_id: int, msgid: str) -> str:
        return TRANSLATORS[self.cast.locale.get(user_id, "en")].gettext(msgid)

    async def run(self) -> None:
        while True:
            await self.step()
            await asyncio.sleep(0.02)

    async def step(self) -> None:
        for chat_id, chat in list(self.emulator.state.chats.items()):
            start = self.seen.get(chat_id, 0)
            if len(chat.events) == start:
                continue
            now = self.last_event = time.time()
            new = chat.events[start:]
            self.seen[chat_id] = len(chat.events)
            for event in new:
                if event.edited:
                    self.edits.append((now, chat_id))
                else:
                    await self.answer(chat_id, event)

    async def answer(self, chat_id: int, event: BotMessage) -> None:
        user = self.emulator.user(chat_id)
        if chat_id in self.cast.hosts:
            if self._(chat_id, CONFIRM) in labels(event):
                await user.press(self._(chat_id, CONFIRM), message=event)
                self.confirmed += 1
            elif event.plain_text == self._(chat_id, WHERE):
                await user.send(ADDRESS)
                self.addresses += 1
        elif chat_id in self.cast.drivers and self._(chat_id, TAKE) in labels(event):
            await user.press(self._(chat_id, TAKE), message=event)
            self.taken += 1


@dataclass(frozen=True)
class Timeline:
    """Seconds after the cut-off (`None`: nothing of that kind was sent)."""

    proposals: int
    last_proposal: float | None
    ride_offers: int
    last_ride_offer: float | None
    last_to_driver: float | None  # offers, cards and every edit of them
    last_guest_notice: float | None
    last_message: float | None
    sent: int  # messages and edits since the cut-off
    busiest_chat: int  # the most messages and edits one chat received
    busiest_role: str  # whose chat that was
    rate_limited: int  # 429 answers
    refused: dict[str, int]  # refused sends by whose chat


def refused(crowd: Crowd, since: int, sent: dict[int, int]) -> dict[str, int]:
    """Sends refused (429s, and any other error) by whose chat, from the emulator's log of
    calls since call number `since`, less what arrived."""
    tried: dict[int, int] = defaultdict(int)
    for method, params in crowd.emulator.calls[since:]:
        spec = lookup(method)
        if spec is not None and spec.rate_limited and isinstance(params.get("chat_id"), int):
            tried[params["chat_id"]] += 1
    by_role: dict[str, int] = defaultdict(int)
    for chat_id, count in tried.items():
        role = next((r for r, ids in crowd.cast.roles() if chat_id in ids), "dispatcher")
        by_role[role] += count - sent.get(chat_id, 0)
    return dict(by_role)


def timeline(
    crowd: Crowd, cut_off: float, before: dict[int, int], limited: int, calls: int
) -> Timeline:
    """Everything sent since `cut_off`; `before`: each chat's message count at the cut-off,
    `calls`: the emulator's call count then."""
    emulator, cast = crowd.emulator, crowd.cast
    times: dict[int, list[float]] = defaultdict(list)
    for at, chat_id in emulator.posts:
        times[chat_id].append(at - cut_off)
    proposals: list[float] = []
    offers: list[float] = []
    driver: list[float] = [at - cut_off for at, cid in crowd.edits if cid in cast.drivers]
    guests: list[float] = []
    every: list[float] = []
    per_chat: dict[int, int] = defaultdict(int)
    for chat_id, chat in emulator.state.chats.items():
        posted = [e for e in chat.events if not e.edited]
        assert len(posted) == len(times[chat_id]), f"chat {chat_id}: log and messages differ"
        for event, at in list(zip(posted, times[chat_id], strict=True))[before.get(chat_id, 0) :]:
            every.append(at)
            per_chat[chat_id] += 1
            buttons = labels(event)
            if chat_id in cast.hosts and crowd._(chat_id, CONFIRM) in buttons:
                proposals.append(at)
            elif chat_id in cast.drivers:
                driver.append(at)
                offers += [at] if crowd._(chat_id, TAKE) in buttons else []
            elif chat_id in cast.guests:
                guests.append(at)
    for at, chat_id in crowd.edits:
        per_chat[chat_id] += 1
        every.append(at - cut_off)
    busiest = max(per_chat, key=per_chat.__getitem__, default=0)
    role = next((r for r, ids in cast.roles() if busiest in ids), "dispatcher")
    return Timeline(
        len(proposals), max(proposals, default=None), len(offers), max(offers, default=None),
        max(driver, default=None), max(guests, default=None), max(every, default=None),
        sum(per_chat.values()), per_chat.get(busiest, 0), role,
        emulator.rate_limited - limited, refused(crowd, calls, per_chat),
    )  # fmt: skip
