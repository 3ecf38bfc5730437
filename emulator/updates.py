"""The server-side update queue behind getUpdates.

It reproduces the parts of Telegram's long polling a bot depends on: update ids that only
grow, confirmation by ``offset``, ``limit``, ``allowed_updates``, long polls that return as
soon as something arrives, and the 409 a poll gets when a newer one replaces it. Updates are
only forgotten once confirmed, so a poll whose client went away loses nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any

from emulator.errors import CONFLICT_POLLING, ApiError
from emulator.notify import Notifier

Update = dict[str, Any]


class UpdateQueue:
    """Pending updates plus the bookkeeping of the single active long poll."""

    def __init__(self) -> None:
        self._pending: list[Update] = []
        self._again: list[Update] = []  # redelivered, immune to confirmation until returned
        self._next_id = 1
        self._notifier = Notifier()
        self._generation = 0
        self._closed = False
        self.confirmed = -1
        self.allowed: list[str] = []
        self.history: list[Update] = []  # every update ever pushed, for redelivery tests

    def push(self, kind: str, payload: dict[str, Any]) -> Update:
        """Enqueue an update of the given kind (``message``, ``callback_query``...)."""
        update: Update = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self._pending.append(update)
        self.history.append(update)
        self._notifier.notify()
        return update

    def redeliver(self, update: Update) -> None:
        """Deliver an update again under the same id, as Telegram does after a lost offset."""
        self._again.append(dict(update))
        self._notifier.notify()

    def pending_count(self) -> int:
        """Updates not yet confirmed by an offset (or dropped)."""
        return len(self._pending) + len(self._again)

    def drop_all(self) -> None:
        """Forget everything pending, as deleteWebhook(drop_pending_updates=True) does."""
        self._pending.clear()
        self._again.clear()

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        if offset < 0:
            keep = self._pending[offset:]
            forgotten = self._pending[: len(self._pending) - len(keep)]
        else:
            keep = [u for u in self._pending if u["update_id"] >= offset]
            forgotten = [u for u in self._pending if u["update_id"] < offset]
        if forgotten:
            self.confirmed = max(self.confirmed, forgotten[-1]["update_id"])
        self._pending = keep

    def close(self) -> None:
        """Make every running and future poll return immediately (server shutdown)."""
        self._closed = True
        self._notifier.notify()

    def reopen(self) -> None:
        """Accept long polls again after a restart of the server."""
        self._closed = False

    def _select(self, limit: int) -> list[Update]:
        allowed = set(self.allowed)
        candidates = self._again + self._pending
        chosen = [u for u in candidates if not allowed or _kind(u) in allowed]
        return chosen[:limit]

    async def poll(
        self, offset: int | None, limit: int, timeout: float, allowed: list[str] | None
    ) -> list[Update]:
        """Answer one getUpdates call; raises the 409 if a newer call supersedes it."""
        self._generation += 1
        generation = self._generation
        self._notifier.notify()
        if offset is not None:
            self.confirm(offset)
        if allowed is not None:
            self.allowed = list(allowed)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            batch = self._select(limit)
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self._closed:
                self._again = [u for u in self._again if all(u is not b for b in batch)]
                return batch
            await self._notifier.wait(remaining)
            if generation != self._generation:
                raise ApiError(409, CONFLICT_POLLING)


def _kind(update: Update) -> str:
    return next(key for key in update if key != "update_id")
