"""Seeded faults on sending methods, and delivery counts to catch a message sent twice.

Telegram sometimes answers 429 (with ``retry_after``), 500, or nothing at all. Each is
modelled as a call that was *not performed*: a 429 or 500 comes back at once, a timeout
holds the request until the client gives up (aiohttp cancels the handler when it does), so
the bot is right to send again and wrong to give up. The draw is seeded, so a test is
repeatable for a given order of calls.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import Iterable

from emulator.errors import ApiError
from emulator.state import ChatRecord

KINDS = ("429", "500", "timeout")


class Faults:
    """What share of sending calls fail, and how; ``injected`` counts what was drawn."""

    def __init__(
        self,
        *,
        share_429: float = 0.0,
        share_500: float = 0.0,
        share_timeout: float = 0.0,
        seed: int = 0,
        retry_after: int = 1,
        hold_seconds: float = 60.0,
    ) -> None:
        if min(share_429, share_500, share_timeout) < 0 or (
            share_429 + share_500 + share_timeout > 1
        ):
            raise ValueError("fault shares must be non-negative and add up to at most 1")
        self.shares = (share_429, share_500, share_timeout)
        self.retry_after = retry_after
        self.hold_seconds = hold_seconds
        self.injected: Counter[str] = Counter()
        self._rng = random.Random(seed)

    @classmethod
    def parse(cls, spec: str, seed: int = 0) -> Faults:
        """``429=0.1,500=0.05,timeout=0.05`` (the CLI's --faults) into Faults."""
        shares = dict.fromkeys(KINDS, 0.0)
        for part in filter(None, (p.strip() for p in spec.split(","))):
            kind, _, value = part.partition("=")
            if kind not in shares:
                raise ValueError(f"unknown fault {kind!r}; expected one of {', '.join(KINDS)}")
            shares[kind] = float(value)
        return cls(
            share_429=shares["429"],
            share_500=shares["500"],
            share_timeout=shares["timeout"],
            seed=seed,
        )

    def draw(self) -> str | None:
        """The fault for the next sending call, or None to perform it."""
        roll, bound = self._rng.random(), 0.0
        for kind, share in zip(KINDS, self.shares, strict=True):
            bound += share
            if roll < bound:
                self.injected[kind] += 1
                return kind
        return None

    async def apply(self) -> None:
        """Raise the drawn fault before the call is performed; return to perform it."""
        kind = self.draw()
        if kind == "429":
            raise ApiError.too_many_requests(self.retry_after)
        if kind == "500":
            raise ApiError(500, "Internal Server Error")
        if kind == "timeout":
            await asyncio.sleep(self.hold_seconds)  # cancelled when the client gives up
            raise ApiError(504, "Gateway Timeout")


def deliveries(chats: Iterable[ChatRecord]) -> Counter[tuple[int, str]]:
    """How many times each (chat, message content) was posted by the bot; edits excluded."""
    counts: Counter[tuple[int, str]] = Counter()
    for chat in chats:
        for event in chat.events:
            if not event.edited:
                counts[(chat.id, content_of(event.text, event.kind, event.reply_markup))] += 1
    return counts


def content_of(text: str | None, kind: str, markup: object) -> str:
    """A message's identity for duplicate detection: what the reader sees and can press."""
    return f"{kind}|{text or ''}|{markup!r}"


def duplicates(chats: Iterable[ChatRecord]) -> dict[tuple[int, str], int]:
    """(chat, content) posted more than once, with the count."""
    return {key: n for key, n in deliveries(chats).items() if n > 1}
