"""Who a Telegram user is to us: their saved language and the roles they hold."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    DISPATCHER = "dispatcher"
    ADMIN = "admin"


@dataclass(frozen=True)
class Account:
    user_id: int
    locale: str | None = None
    roles: frozenset[Role] = frozenset()
    unreachable: bool = False
    sites: frozenset[int] | None = None  # where the dispatcher role applies; None: every site
    blocked: bool = False  # a dispatcher suspended their access (handlers.blocking.gate)
    telegram_locale: str | None = None  # what their Telegram app reported at last contact

    def language(self, default: str) -> str:
        """The saved choice, else the language Telegram reported last, else the default."""
        return self.locale or self.telegram_locale or default
