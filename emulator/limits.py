"""Optional flood control, so tests can check the bot survives Telegram's 429s.

Telegram's documented limits (about one message per second per chat with short bursts,
about 30 per second overall, 20 per minute in a group) are modelled as token buckets
driven by the emulator's clock, which lets tests advance time instead of sleeping.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from emulator.errors import ApiError


@dataclass(frozen=True)
class RateLimits:
    """Bucket sizes and refill rates; pass as ``BotApiEmulator(rate_limits=...)``."""

    per_chat_per_second: float = 1.0
    per_chat_burst: int = 3
    overall_per_second: float = 30.0
    group_per_minute: int = 20
    paid_per_second: float = 1000.0  # sends with allow_paid_broadcast use this bucket instead

    def scaled(self, factor: float) -> RateLimits:
        """The same limits `factor` times faster, for benchmarks that must end in a minute."""
        return RateLimits(
            per_chat_per_second=self.per_chat_per_second * factor,
            per_chat_burst=self.per_chat_burst,
            overall_per_second=self.overall_per_second * factor,
            group_per_minute=round(self.group_per_minute * factor),
            paid_per_second=self.paid_per_second * factor,
        )


class TokenBucket:
    """Holds up to ``capacity`` tokens, refilled continuously at ``rate`` per second."""

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def _refill(self, now: float) -> None:
        elapsed = max(now - self.updated, 0.0)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = now

    def wait_time(self, now: float) -> float:
        """Seconds until one token is available (0 when available now)."""
        self._refill(now)
        if self.tokens >= 1:
            return 0.0
        return (1 - self.tokens) / self.rate if self.rate > 0 else math.inf

    def take(self) -> None:
        """Consume one token; call only after ``wait_time`` returned 0."""
        self.tokens -= 1


class RateLimiter:
    """Checks a send against the overall, per-chat and group buckets, all or nothing."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float]) -> None:
        self.limits = limits
        self.clock = clock
        self._overall = TokenBucket(limits.overall_per_second, limits.overall_per_second, clock())
        self._paid = TokenBucket(limits.paid_per_second, limits.paid_per_second, clock())
        self._chats: dict[int, TokenBucket] = {}
        self._groups: dict[int, TokenBucket] = {}

    def _buckets(self, chat_id: int, now: float, paid: bool) -> list[TokenBucket]:
        limits = self.limits
        buckets = [self._paid if paid else self._overall]
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = TokenBucket(limits.per_chat_burst, limits.per_chat_per_second, now)
            self._chats[chat_id] = chat
        buckets.append(chat)
        if chat_id < 0:
            group = self._groups.get(chat_id)
            if group is None:
                per_minute = limits.group_per_minute
                group = TokenBucket(per_minute, per_minute / 60.0, now)
                self._groups[chat_id] = group
            buckets.append(group)
        return buckets

    def check(self, chat_id: int, *, paid: bool = False) -> None:
        """Consume a token from every bucket, or raise a 429 and consume nothing.

        ``paid``: the send carries allow_paid_broadcast, which raises the overall limit.
        """
        now = self.clock()
        buckets = self._buckets(chat_id, now, paid)
        wait = max(bucket.wait_time(now) for bucket in buckets)
        if wait > 0:
            retry_after = max(1, math.ceil(wait)) if math.isfinite(wait) else 3600
            raise ApiError.too_many_requests(retry_after)
        for bucket in buckets:
            bucket.take()
