"""Every inline keyboard the bot shows is built here, from callback codes and translated labels."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator
from dispatch.deeplinks import Intent
from dispatch.locales import NATIVE_NAMES, SUPPORTED_LOCALES
from views.driver_callbacks import DriveHome


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


def role_choice(
    t: Translator, *, dispatcher: bool, first: Intent = Intent.GUEST
) -> InlineKeyboardMarkup:
    """Asking and offering wear different signs (a bed, a house); the path a link or a Back
    button came from comes first, the guest's otherwise."""
    guest = InlineKeyboardButton(
        t.gettext("🛏 I need a bed tonight"),
        callback_data=callbacks.encode("role", Intent.GUEST.value),
    )
    host = InlineKeyboardButton(
        t.gettext("🏠 I can offer a bed tonight"),
        callback_data=callbacks.encode("role", Intent.HOST.value),
    )
    rows = [[host], [guest]] if first is Intent.HOST else [[guest], [host]]
    drive = InlineKeyboardButton(t.gettext("🚗 I can drive"), callback_data=DriveHome().pack())
    rows.append([drive])
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


def back_to_menu(t: Translator, came_from: Intent | None = None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[back_button(t, came_from)]])


def back_button(t: Translator, came_from: Intent | None = None) -> InlineKeyboardButton:
    """Back to the role choice, with the path it leaves from listed first."""
    extra = (came_from.value,) if came_from else ()
    return InlineKeyboardButton(
        t.gettext("↩️ Back"), callback_data=callbacks.encode("menu", "show", *extra)
    )


def unfinished_form(t: Translator) -> InlineKeyboardMarkup:
    """Carry on with a half-done form, or drop it."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("▶️ Carry on"), callback_data=callbacks.encode("draft", "go")
                ),
                InlineKeyboardButton(
                    t.gettext("🗑 Drop it"), callback_data=callbacks.encode("draft", "drop")
                ),
            ]
        ]
    )
