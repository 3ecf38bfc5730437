"""Every inline keyboard the bot shows is built here, from callback codes and translated labels."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator
from dispatch.deeplinks import Intent
from dispatch.locales import NATIVE_NAMES, SUPPORTED_LOCALES


def language_picker(intent: Intent | None = None) -> InlineKeyboardMarkup:
    """Each language in its own script, two per row; the intent survives the choice."""
    extra = (intent.value,) if intent else ()
    buttons = [
        InlineKeyboardButton(
            NATIVE_NAMES[code], callback_data=callbacks.encode("lang", code, *extra)
        )
        for code in SUPPORTED_LOCALES
    ]
    return InlineKeyboardMarkup([buttons[0:2], buttons[2:4]])


def role_choice(t: Translator, *, dispatcher: bool) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                t.gettext("🛏 I can offer a bed tonight"),
                callback_data=callbacks.encode("role", Intent.HOST.value),
            )
        ],
        [
            InlineKeyboardButton(
                t.gettext("🌙 I need a bed tonight"),
                callback_data=callbacks.encode("role", Intent.GUEST.value),
            )
        ],
    ]
    if dispatcher:
        rows.append(
            [
                InlineKeyboardButton(
                    t.gettext("🧭 Dispatch"), callback_data=callbacks.encode("role", "dispatch")
                )
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                t.gettext("🌐 Language"), callback_data=callbacks.encode("lang", "menu")
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


def back_to_menu(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("↩️ Back"), callback_data=callbacks.encode("menu", "show")
                )
            ]
        ]
    )
