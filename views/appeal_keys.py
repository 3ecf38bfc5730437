"""The buttons of urgent appeals: the dispatcher's preview (send, widen, drop) and the
recipients' answers (beds, opt out), which name the appeal and are checked against the presser."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import CallbackData


@dataclass(frozen=True)
class AppealSend(CallbackData, prefix="appeal:send"):
    """The presser's own previewed appeal (their draft): no id."""


@dataclass(frozen=True)
class AppealWiden(CallbackData, prefix="appeal:widen"):
    pass


@dataclass(frozen=True)
class AppealDrop(CallbackData, prefix="appeal:drop"):
    pass


@dataclass(frozen=True)
class AppealBeds(CallbackData, prefix="appeal:beds"):
    appeal_id: int
    beds: int


@dataclass(frozen=True)
class AppealOptOut(CallbackData, prefix="appeal:optout"):
    appeal_id: int
