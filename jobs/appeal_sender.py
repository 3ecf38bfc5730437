"""The paced, persistent sender of urgent appeals.

One loop reads the recipients that are due, waits for the pacer (APPEAL_RATE overall, one
message a second per chat, a pause after a 429) and hands each row to a short task that
claims it, sends it at once and marks the outcome. A row is claimed immediately before its
request leaves, so after a crash a row still 'sending' becomes 'uncertain' and is never sent
again: nobody gets an appeal twice. Its own Bot (no AIORateLimiter: that one would retry a
429 by itself and cap every send at 30/s) keeps the appeal's pace apart from conversations.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp
from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.context import App
from bot.i18n import resolve_locale
from bot.pacing import Pacer
from bot.state import AppState
from bot.transport import AiohttpRequest
from dispatch.appeals import DueRecipient, RecipientStatus
from dispatch.locales import SUPPORTED_LOCALES
from jobs.appeal_progress import ProgressReporter, retry_seconds
from storage.appeal_queue import Outcome
from views import appeal_driver_keys, appeal_driver_texts, appeal_message_texts

log = logging.getLogger(__name__)
IDLE_SECONDS = 1.0  # without a wake, a new appeal is found within this
REPORT_SECONDS = 1.0
# Failures before the request was written (bot/transport.py keeps aiohttp's error as the
# cause): the connection was refused or never made, or no pooled connection came free.
# aiohttp counts waiting for the pool inside its connect timeout, ConnectionTimeoutError.
_NEVER_LEFT = (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError)


class AppealSender:
    def __init__(self, data: AppState, bot: Bot) -> None:
        self._data, self._bot = data, bot
        config = data.config
        self._paid = config.paid_broadcast or None
        self._pacer = Pacer(config.appeal_rate)
        self._slots = asyncio.Semaphore(concurrency(config.appeal_rate))
        self._batch = max(30, 2 * config.appeal_rate)
        self._wakeup = asyncio.Event()
        self._inflight: dict[tuple[int, int], asyncio.Task[None]] = {}
        # Per appeal, language and reader (a host, or a driver: True).
        self._rendered: dict[tuple[int, str, bool], tuple[str, InlineKeyboardMarkup]] = {}
        self._sites: dict[int, str] = {}
        self.reporter = ProgressReporter(bot, self._pacer, data)
        self._tasks: list[asyncio.Task[None]] = []
        self._settled: list[Outcome] = []  # written with the next claim, or when idle

    def wake(self) -> None:
        """A new appeal was created: look for it now rather than at the next idle check."""
        self._wakeup.set()

    async def start(self) -> None:
        """Rows caught mid-send by a crash become 'uncertain'; the rest resumes."""
        queue = self._data.store.appeals.queue
        interrupted = await queue.recover_interrupted()
        if interrupted:
            log.warning("%d appeal sends were interrupted; they are not repeated", interrupted)
        for appeal_id in await self._data.store.appeals.active():
            await self._prepare(appeal_id, announce=False)
        self._tasks = [
            asyncio.create_task(self._send_loop(), name="appeal-sender"),
            asyncio.create_task(self._report_loop(), name="appeal-progress"),
        ]

    async def stop(self) -> None:
        """Stop taking rows, let the sends in flight finish and be marked, close the bot."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._inflight:
            await asyncio.wait(list(self._inflight.values()), timeout=10)
        await self._flush()
        await self._bot.shutdown()

    async def _send_loop(self) -> None:
        while True:
            try:
                launched = await self._send_batch()
                if not launched:
                    await self._flush()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("appeal sender")
                launched = 0
            if not launched:
                await self._idle()

    async def _report_loop(self) -> None:
        while True:
            try:
                await self.reporter.tick()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("appeal progress")
            await asyncio.sleep(REPORT_SECONDS)

    async def _idle(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakeup.wait(), IDLE_SECONDS)
        self._wakeup.clear()

    async def _send_batch(self) -> int:
        """Launch the due rows this pass may send; 0 when there is nothing to do now."""
        queue = self._data.store.appeals.queue
        launched = 0
        for row in await queue.due(self._data.clock(), self._batch):
            key = (row.appeal_id, row.chat_id)
            if key in self._inflight:
                continue
            if row.appeal_id not in self._sites:
                await self._prepare(row.appeal_id, announce=True)
            if not await self._pacer.take_chat(row.chat_id):
                continue
            rendered = self._render(row)
            await self._pacer.slot()
            await self._slots.acquire()
            self._inflight[key] = asyncio.create_task(self._deliver(row, *rendered))
            launched += 1
        return launched

    async def _prepare(self, appeal_id: int, *, announce: bool) -> None:
        """Cache the site's name, watch the progress, and tell the group about a new appeal."""
        store = self._data.store
        appeal = await store.appeals.get(appeal_id)
        if appeal is None:
            return
        site = await store.sites.get(appeal.site_id)
        self._sites[appeal_id] = site_name = site.name if site else ""
        for locale in SUPPORTED_LOCALES:
            t = self._data.translators[locale]
            self._rendered[(appeal_id, locale, False)] = (
                appeal_message_texts.appeal_text(t, appeal, site_name),
                appeal_message_texts.appeal_keyboard(t, appeal_id),
            )
            self._rendered[(appeal_id, locale, True)] = (
                appeal_driver_texts.appeal_text(t, appeal, site_name),
                appeal_driver_keys.appeal_keyboard(t, appeal_id),
            )
        self.reporter.watch(appeal_id)
        if announce and await store.appeals.queue.untouched(appeal_id):
            progress = await store.appeals.progress(appeal_id)
            hosts = progress.total - progress.drivers
            await self.reporter.announce_start(site_name, hosts, progress.drivers)

    def _render(self, row: DueRecipient) -> tuple[str, InlineKeyboardMarkup]:
        """The appeal in the recipient's saved language, rendered once per language (a
        driver reads the drivers' appeal)."""
        locale = resolve_locale(row.locale, None, self._data.config.default_locale)
        return self._rendered[(row.appeal_id, locale, row.driver_id is not None)]

    async def _deliver(self, row: DueRecipient, text: str, markup: InlineKeyboardMarkup) -> None:
        queue = self._data.store.appeals.queue
        settled, self._settled = self._settled, []
        try:
            claimed = await queue.claim(row.appeal_id, row.chat_id, settled)
        except BaseException:
            self._settled.extend(settled)
            raise
        try:
            if claimed:
                await self._send(row, text, markup)
        except Exception:
            log.exception("appeal %s to one recipient", row.appeal_id)
        finally:
            del self._inflight[(row.appeal_id, row.chat_id)]
            self._slots.release()

    async def _send(self, row: DueRecipient, text: str, markup: InlineKeyboardMarkup) -> None:
        store, queue = self._data.store, self._data.store.appeals.queue
        try:
            message = await self._bot.send_message(
                row.chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                allow_paid_broadcast=self._paid,
            )
        except RetryAfter as error:  # refused, not delivered: back in the queue after a pause
            self._pacer.pause(retry_seconds(error))
            await queue.release(row.appeal_id, row.chat_id, self._data.clock())
            return
        except Forbidden:
            await store.users.mark_unreachable(row.chat_id)
            self._settle(row, RecipientStatus.UNREACHABLE)
            return
        except BadRequest as error:
            log.warning("appeal %s refused for one host: %s", row.appeal_id, error.message)
            self._settle(row, RecipientStatus.FAILED)
            return
        except NetworkError as error:
            await self._network_error(row, error)
            return
        except TelegramError:
            self._settle(row, RecipientStatus.FAILED)
            return
        self._settle(row, RecipientStatus.SENT, message.message_id)

    async def _network_error(self, row: DueRecipient, error: NetworkError) -> None:
        """A request that never left is sent later; one that may have arrived is not."""
        if isinstance(error.__cause__, _NEVER_LEFT):
            self._pacer.pause(1.0)
            await self._data.store.appeals.queue.release(
                row.appeal_id, row.chat_id, self._data.clock()
            )
        else:
            self._settle(row, RecipientStatus.UNCERTAIN)

    def _settle(
        self, row: DueRecipient, status: RecipientStatus, message_id: int | None = None
    ) -> None:
        outcome = Outcome(row.appeal_id, row.chat_id, status, message_id, self._data.clock())
        self._settled.append(outcome)

    async def _flush(self) -> None:
        settled, self._settled = self._settled, []
        try:
            await self._data.store.appeals.queue.record(settled)
        except BaseException:
            self._settled.extend(settled)
            raise


def concurrency(rate: int) -> int:
    """Sends in flight: enough to keep the pace with ~120 ms answers, never hundreds; fewer
    in flight also means fewer rows left 'uncertain' by a crash."""
    return min(128, max(4, rate // 8))


def wake(bot_data: AppState) -> None:
    """Call after store.appeals.create(): the sender starts on the new appeal at once."""
    if bot_data.appeal_sender is not None:
        bot_data.appeal_sender.wake()


async def start_appeal_sender(application: App) -> AppealSender:
    """post_init: a Bot of its own with a connection pool sized for the pace, then the loops."""
    data: AppState = application.bot_data
    config = data.config
    request = AiohttpRequest(
        connection_pool_size=concurrency(config.appeal_rate) + 4,
        pool_timeout=10.0,
        connect_timeout=5.0,
    )
    bot = Bot(config.token, base_url=config.api_base_url, request=request)
    await bot.initialize()
    sender = AppealSender(data, bot)
    await sender.start()
    data.appeal_sender = sender
    return sender


async def stop_appeal_sender(application: App) -> None:
    """post_shutdown, before the store closes."""
    data: AppState = application.bot_data
    sender, data.appeal_sender = data.appeal_sender, None
    if isinstance(sender, AppealSender):
        await sender.stop()
