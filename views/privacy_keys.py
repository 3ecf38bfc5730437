"""The buttons of /forget: codes carry no id, the presser is the person erased."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator


@dataclass(frozen=True)
class PrivacyErase(CallbackData, prefix="privacy:erase"):
    pass


@dataclass(frozen=True)
class PrivacyKeep(CallbackData, prefix="privacy:keep"):
    pass


def confirm_forget(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("🗑 Yes, erase everything"),
                    callback_data=PrivacyErase().pack(),
                )
            ],
            [
                InlineKeyboardButton(
                    t.gettext("No, keep my data"), callback_data=PrivacyKeep().pack()
                )
            ],
        ]
    )
