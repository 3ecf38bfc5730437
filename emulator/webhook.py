"""Webhook delivery: while a webhook is set, POST each update to it as Telegram does.

Telegram sends one update per request, as JSON, with the secret given to setWebhook in the
X-Telegram-Bot-Api-Secret-Token header, and keeps an update until the bot answers 2xx.
Delivery here is one request at a time, so updates arrive in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp

from emulator.errors import ApiError
from emulator.state import EmulatorState

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
RETRY_SECONDS = 0.2
IDLE_SECONDS = 0.05
_LOG = logging.getLogger(__name__)


class WebhookPusher:
    """A background task that drains the update queue into the registered webhook."""

    def __init__(self, state: EmulatorState) -> None:
        self._state = state
        self._task: asyncio.Task[None] | None = None
        self.deliveries: list[tuple[int, int]] = []  # (update_id, HTTP status or 0)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="emulator-webhook")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(IDLE_SECONDS)
            if self._state.webhook_url:
                await self._push_while_set()

    async def _push_while_set(self) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while self._state.webhook_url:
                try:
                    batch = await self._state.updates.poll(None, 100, 0.5, None)
                except ApiError:  # the bot went back to getUpdates mid-poll
                    batch = []
                if not batch:  # a closed queue answers at once: never spin
                    await asyncio.sleep(IDLE_SECONDS)
                for update in batch:
                    await self._deliver(session, update)

    async def _deliver(self, session: aiohttp.ClientSession, update: dict[str, object]) -> None:
        """Retry until the webhook takes it, or is removed (polling then picks it up)."""
        while self._state.webhook_url:
            status = await self._post(session, self._state.webhook_url, update)
            self.deliveries.append((int(str(update["update_id"])), status))
            if 200 <= status < 300:
                self._state.updates.confirm(int(str(update["update_id"])) + 1)
                return
            await asyncio.sleep(RETRY_SECONDS)

    async def _post(
        self, session: aiohttp.ClientSession, url: str, update: dict[str, object]
    ) -> int:
        headers = {SECRET_HEADER: self._state.webhook_secret} if self._state.webhook_secret else {}
        try:
            async with session.post(url, json=update, headers=headers) as response:
                return response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            _LOG.debug("webhook delivery failed: %s", type(error).__name__)
            return 0
