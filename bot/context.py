"""A typed CallbackContext: `context.store`, `context.config`, `context.t`, not dict look-ups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Config
from bot.i18n import Translator, Translators
from dispatch.accounts import Account
from storage.store import Store

Clock = Callable[[], datetime]


class Waker(Protocol):
    """A background sender that a handler can nudge (handlers.appeal_sender.AppealSender)."""

    def wake(self) -> None: ...


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class BotData:
    """The services every handler shares; built once in bot.app."""

    config: Config
    store: Store
    translators: Translators
    clock: Clock = system_clock
    confirmation_window: timedelta = timedelta(minutes=30)
    appeal_sender: Waker | None = None  # set in post_init; see handlers.appeal_sender.wake

    def translator_for(self, account: Account | None) -> Translator:
        """The one language resolution for every message, a reply or sent on the bot's own:
        the saved choice, else Telegram's language at the last contact, else the default."""
        default = self.config.default_locale
        return self.translators[account.language(default) if account else default]

    async def translator_of(self, user_id: int) -> Translator:
        """A recipient's translator, for messages sent without an update (jobs, senders)."""
        return self.translator_for(await self.store.users.get(user_id))


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """Per-update context; the guard handler fills `account` and `t` before any feature runs."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.account: Account | None = None
        self._translator: Translator | None = None
        # A form's run-time options by form name, read once per update (handlers/flows.py).
        self.form_options: dict[str, Any] = {}

    @property
    def config(self) -> Config:
        return self.bot_data.config

    @property
    def store(self) -> Store:
        return self.bot_data.store

    @property
    def t(self) -> Translator:
        """The translator for this update's user (the default locale when there is no user)."""
        if self._translator is None:
            return self.bot_data.translators[self.config.default_locale]
        return self._translator

    @t.setter
    def t(self, translator: Translator) -> None:
        self._translator = translator

    def now(self) -> datetime:
        return self.bot_data.clock()
