"""Buttons of the evening round: confirm or decline a match, the pickup, the morning after."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator


def _button(label: str, action: str, *args: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callbacks.encode("match", action, *args))


def proposal(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✅ I confirm"), "yes", match_id)],
            [_button(t.gettext("❌ I cannot host tonight"), "no", match_id)],
        ]
    )


def pickup(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.gettext("👥 My guests are with me"), "pickup", match_id)]]
    )


def feedback(t: Translator, match_id: int, side: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("👍 All went well"), "good", match_id, side)],
            [_button(t.gettext("⚠️ Report a problem"), "problem", match_id, side)],
        ]
    )


def stop_stay(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(t.gettext("⏹ End the stay after tonight"), "stop", match_id)]]
    )
