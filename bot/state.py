"""Per-application state: one typed object, built once in bot.app, reachable from every
handler and job as `context.state` (PTB's `bot_data`). Nothing here lives in a module global,
so two applications in one process (the tests run several) share nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from bot.config import Config
from bot.i18n import Translator, Translators
from dispatch.accounts import Account
from storage.store import Store
from usecases.services import Services

if TYPE_CHECKING:  # the runtime pieces below import this module for its types
    from bot.health import HealthServer
    from handlers.flows import FlowRegistry
    from jobs.courier import Courier


class Clock(Protocol):
    """What time it is: injected, so tests, the demo and the chat tool move it at will."""

    def __call__(self) -> datetime: ...


def system_clock() -> datetime:
    return datetime.now(UTC)


class Waker(Protocol):
    """A background sender that a handler can nudge (jobs.appeal_sender.AppealSender)."""

    def wake(self) -> None: ...


@dataclass
class AppState:
    """The services every handler shares, and the application's own running pieces."""

    config: Config
    store: Store
    translators: Translators
    clock: Clock = system_clock
    appeal_sender: Waker | None = None  # set in post_init; see jobs.appeal_sender.wake
    services: Services = field(init=False)  # what the use cases (usecases/) run with
    flows: FlowRegistry | None = None  # every form's flow, filled by handlers.register
    couriers: dict[str, Courier] = field(default_factory=dict)  # handlers.courier_for
    health: HealthServer | None = None  # the /healthz server, when HEALTH_PORT is set

    def __post_init__(self) -> None:
        self.services = Services(self.store)

    def translator_for(self, account: Account | None) -> Translator:
        """The one language resolution for every message, a reply or sent on the bot's own:
        the saved choice, else Telegram's language at the last contact, else the default."""
        default = self.config.default_locale
        return self.translators[account.language(default) if account else default]

    async def translator_of(self, user_id: int) -> Translator:
        """A recipient's translator, for messages sent without an update (jobs, senders)."""
        return self.translator_for(await self.store.users.get(user_id))

    @property
    def confirmation_window(self) -> timedelta:
        """How long a host has to answer a proposal (set once, in the config)."""
        return self.config.confirmation_window
