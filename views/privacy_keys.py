"""The buttons of /forget: codes carry no id, the presser is the person erased."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator


def confirm_forget(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("🗑 Yes, erase everything"),
                    callback_data=callbacks.encode("privacy", "erase"),
                )
            ],
            [
                InlineKeyboardButton(
                    t.gettext("No, keep my data"), callback_data=callbacks.encode("privacy", "keep")
                )
            ],
        ]
    )
