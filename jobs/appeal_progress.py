"""What the dispatchers see of an appeal going out: the progress message edited in place (at
most every few seconds, and once more at the end) and one line in the dispatch group when an
appeal starts and when it ends."""

from __future__ import annotations

import logging
import math
import time

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.i18n import Translator
from bot.pacing import Pacer
from bot.state import AppState
from dispatch.appeals import Appeal, AppealProgress, AppealStatus
from views import appeal_message_texts

log = logging.getLogger(__name__)
PROGRESS_SECONDS = 3.0


def retry_seconds(error: RetryAfter) -> float:
    wait = error.retry_after
    return wait if isinstance(wait, int | float) else wait.total_seconds()


class ProgressReporter:
    def __init__(self, bot: Bot, pacer: Pacer, data: AppState) -> None:
        self._bot, self._pacer, self._data = bot, pacer, data
        self._watched: set[int] = set()
        self._last_edit: dict[int, float] = {}
        self._last_text: dict[int, str] = {}

    def watch(self, appeal_id: int) -> None:
        self._watched.add(appeal_id)

    async def tick(self) -> None:
        """Report every watched appeal whose message is due; close appeals left with nothing."""
        for appeal_id in sorted(self._watched):
            try:
                await self._report(appeal_id)
            except LookupError:
                self._watched.discard(appeal_id)

    async def announce_start(self, site_name: str, hosts: int, drivers: int) -> None:
        chat = self._data.config.dispatch_chat_id
        if chat is not None:
            text = appeal_message_texts.group_started(self._group_t(), site_name, hosts, drivers)
            await self._post(chat, text)

    async def _report(self, appeal_id: int) -> None:
        store, now = self._data.store, self._data.clock()
        progress = await store.appeals.progress(appeal_id)
        finished = progress.status is AppealStatus.SENDING and progress.pending == 0
        if finished and await store.appeals.finish(appeal_id, now):
            progress = await store.appeals.progress(appeal_id)
        if time.monotonic() - self._last_edit.get(appeal_id, -math.inf) < PROGRESS_SECONDS:
            return
        appeal = await store.appeals.get(appeal_id)
        if appeal is None:
            raise LookupError(appeal_id)
        final = progress.status is not AppealStatus.SENDING
        if await self._show(appeal, progress, final) and final:
            self._watched.discard(appeal_id)
            await self._announce_end(appeal, progress)

    async def _show(self, appeal: Appeal, progress: AppealProgress, final: bool) -> bool:
        """Edit the dispatcher's message; True once the current figures are on screen."""
        if appeal.progress_chat is None:
            return True
        t = await self._translator(appeal.progress_chat)
        text = appeal_message_texts.progress_text(t, progress, self._data.clock())
        if text == self._last_text.get(appeal.id):
            return True
        if appeal.progress_message is None:
            # The dispatcher's handler has not recorded its message yet: say it at the end.
            return not final or await self._post(appeal.progress_chat, text)
        await self._pacer.slot()
        try:
            await self._bot.edit_message_text(
                text, appeal.progress_chat, appeal.progress_message, parse_mode=ParseMode.HTML
            )
        except RetryAfter as error:
            self._pacer.pause(retry_seconds(error))
            return False
        except BadRequest as error:  # "message is not modified", or it was deleted
            log.info("progress of appeal %s not edited: %s", appeal.id, error.message)
        except Forbidden:
            pass
        except NetworkError:
            return False
        self._last_edit[appeal.id] = time.monotonic()
        self._last_text[appeal.id] = text
        return True

    async def _announce_end(self, appeal: Appeal, progress: AppealProgress) -> None:
        chat = self._data.config.dispatch_chat_id
        if chat is None:
            return
        site = await self._data.store.sites.get(appeal.site_id)
        name = site.name if site else ""
        await self._post(chat, appeal_message_texts.group_finished(self._group_t(), name, progress))

    async def _post(self, chat_id: int, text: str) -> bool:
        """Best effort: a lost group line must not stop the appeal."""
        await self._pacer.slot()
        try:
            await self._bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
        except RetryAfter as error:
            self._pacer.pause(retry_seconds(error))
            return False
        except TelegramError as error:
            log.warning("appeal message to %s failed: %s", chat_id, type(error).__name__)
        return True

    async def _translator(self, chat_id: int) -> Translator:
        return await self._data.translator_of(chat_id)

    def _group_t(self) -> Translator:
        return self._data.translators[self._data.config.default_locale]
