"""Buttons of the evening round: confirm or decline a match, the pickup, the morning after."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from dispatch.notices import Side


# Each names a match; the handler checks that the presser is its host (or guest).
@dataclass(frozen=True)
class MatchYes(CallbackData, prefix="match:yes"):
    match_id: int


@dataclass(frozen=True)
class MatchNo(CallbackData, prefix="match:no"):
    match_id: int


@dataclass(frozen=True)
class MatchPickup(CallbackData, prefix="match:pickup"):
    match_id: int


@dataclass(frozen=True)
class MatchStop(CallbackData, prefix="match:stop"):
    match_id: int


@dataclass(frozen=True)
class MatchGood(CallbackData, prefix="match:good"):
    """The morning after; `side` is informative, the presser's side is looked up."""

    match_id: int
    side: Side


@dataclass(frozen=True)
class MatchProblem(CallbackData, prefix="match:problem"):
    match_id: int
    side: Side


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def proposal(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✅ I confirm"), MatchYes(match_id))],
            [_button(t.gettext("❌ I cannot host tonight"), MatchNo(match_id))],
        ]
    )


def pickup(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.gettext("👥 My guests are with me"), MatchPickup(match_id))]]
    )


def feedback(t: Translator, match_id: int, side: Side) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("👍 All went well"), MatchGood(match_id, side))],
            [_button(t.gettext("⚠️ Report a problem"), MatchProblem(match_id, side))],
        ]
    )


def stop_stay(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.gettext("⏹ End the stay after tonight"), MatchStop(match_id))]]
    )
