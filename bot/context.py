"""A typed CallbackContext: `context.state`, `context.store`, `context.config`, `context.t`,
not dict look-ups."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.config import Config
from bot.i18n import Translator
from bot.state import AppState, Clock, Waker, system_clock
from dispatch.accounts import Account
from storage.store import Store
from usecases.services import Services

if TYPE_CHECKING:  # handlers.flows types its callbacks with BotContext
    from handlers.flows import FlowRegistry

# The state's former name (PTB calls it bot_data); kept so older call sites read the same.
BotData = AppState
__all__ = ["App", "AppState", "BotContext", "BotData", "Clock", "Waker", "system_clock"]


class BotContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], AppState]):
    """Per-update context; the guard handler fills `account` and `t` before any feature runs."""

    def __init__(
        self,
        application: App,
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self._app = application
        self.account: Account | None = None
        self._translator: Translator | None = None
        # A form's run-time options by form name, read once per update (handlers/flows.py).
        self.form_options: dict[str, Any] = {}

    @property
    def app(self) -> App:
        """The application with its real type (PTB's `application` loses the context type)."""
        return self._app

    @property
    def state(self) -> AppState:
        """This application's state (built once in bot.app)."""
        return self.bot_data

    @property
    def config(self) -> Config:
        return self.bot_data.config

    @property
    def store(self) -> Store:
        return self.bot_data.store

    @property
    def services(self) -> Services:
        """The store, locks and solver the use cases (usecases/) run with."""
        return self.bot_data.services

    @property
    def flows(self) -> FlowRegistry:
        """Every form's flow (filled once by handlers.register)."""
        flows = self.bot_data.flows
        if flows is None:
            raise RuntimeError("handlers.register has not built the forms' flows yet")
        return flows

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


# The application as bot.app builds it: every layer that holds one names this type.
# ExtBot[int]: the bot's rate limiter (bot.retrying.RetryingRateLimiter) takes an int per call.
App = Application[
    ExtBot[int], BotContext, dict[Any, Any], dict[Any, Any], AppState, JobQueue[BotContext]
]
