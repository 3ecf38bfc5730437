"""A per-person throttle: a burst of a few updates, then about one a second, then a polite
"one moment".

Chats are handled in parallel (bot/reply_pacing.py), so one person's flood no longer delays
anyone else; this keeps the flood from costing the bot a reply per message, and that
person's own chat from queueing replies behind Telegram's one message a second per chat.
Each person has a small token bucket for the messages they send (button presses are never
dropped and cost nothing), counted when a message ARRIVES: the update processor draws it
before the update waits for its chat's turn, so a slow chat does not refill the bucket.
A message past the pace is only a candidate for dropping when the person also has earlier
updates still waiting to be answered (bot/reply_pacing.BACKLOG): someone who reads each
answer before writing again, however quick, is never slowed down.
The first message dropped gets one "one moment" (handlers/guard.py), later ones are
dropped silently until the person pauses. Only chatter is ever dropped: a form
answer, a button press or a command that changes something always goes through
(handlers/guard.py decides which is which, and exempts staff).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar

RATE_PER_SECOND = 1.0  # Telegram's own pace for one chat: more replies would only queue
BURST = 8
_PRUNE_AT = 4096


class _Bucket:
    __slots__ = ("tokens", "updated", "warned")

    def __init__(self, tokens: float, now: float) -> None:
        self.tokens, self.updated, self.warned = tokens, now, False


class Throttle:
    def __init__(
        self,
        rate: float = RATE_PER_SECOND,
        burst: int = BURST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rate, self._burst, self._clock = rate, burst, clock
        self._buckets: dict[int, _Bucket] = {}

    def over(self, user_id: int) -> bool:
        """Count one message from this person; True when they are past their pace."""
        now = self._clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            self._prune(now)
            bucket = self._buckets[user_id] = _Bucket(self._burst, now)
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        if bucket.tokens >= self._burst:
            bucket.warned = False  # they paused long enough: a new flood is told again
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return False
        return True

    def warn(self, user_id: int) -> bool:
        """Whether to say "one moment" now: once per flood, when something is dropped."""
        bucket = self._buckets.get(user_id)
        if bucket is None or bucket.warned:
            return False
        bucket.warned = True
        return True

    def _prune(self, now: float) -> None:
        """Forget people whose bucket is full again: 30,000 hosts cost no memory."""
        if len(self._buckets) < _PRUNE_AT:
            return
        full = self._burst / self._rate
        for user_id, bucket in list(self._buckets.items()):
            if now - bucket.updated >= full:
                del self._buckets[user_id]


# Set for a message that arrived past its sender's pace (bot/reply_pacing.py), so that
# handlers/guard.py may drop it if it is only chatter; None otherwise.
OVER_PACE: ContextVar[Throttle | None] = ContextVar("over_pace", default=None)
