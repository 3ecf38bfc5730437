"""Every inline keyboard the bot shows is built here, from callback codes and translated labels."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from dispatch.deeplinks import Intent
from dispatch.locales import NATIVE_NAMES, SUPPORTED_LOCALES
from views.driver_callbacks import DriveHome


@dataclass(frozen=True)
class ChooseLanguage(CallbackData, prefix="lang"):
    """A language of the picker (one of SUPPORTED_LOCALES), and where the person was going."""

    locale: str
    intent: Intent | None = None


@dataclass(frozen=True)
class LanguageMenu(CallbackData, prefix="lang:menu"):
    """The menu's Language button: the picker again."""


@dataclass(frozen=True)
class ChooseRole(CallbackData, prefix="role"):
    intent: Intent


@dataclass(frozen=True)
class ChooseDispatch(CallbackData, prefix="role:dispatch"):
    """The dispatchers' entry of the role choice (checked again on every press)."""


@dataclass(frozen=True)
class BackToMenu(CallbackData, prefix="menu:show"):
    came_from: Intent | None = None


@dataclass(frozen=True)
class DraftGo(CallbackData, prefix="draft:go"):
    """Carry on with one's own half-done form."""


@dataclass(frozen=True)
class DraftDrop(CallbackData, prefix="draft:drop"):
    """Delete one's own half-done form."""


def language_picker(intent: Intent | None = None) -> InlineKeyboardMarkup:
    """Each language in its own script, two per row; the intent survives the choice."""
    buttons = [
        InlineKeyboardButton(NATIVE_NAMES[code], callback_data=ChooseLanguage(code, intent).pack())
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
        callback_data=ChooseRole(Intent.GUEST).pack(),
    )
    host = InlineKeyboardButton(
        t.gettext("🏠 I can offer a bed tonight"),
        callback_data=ChooseRole(Intent.HOST).pack(),
    )
    rows = [[host], [guest]] if first is Intent.HOST else [[guest], [host]]
    drive = InlineKeyboardButton(t.gettext("🚗 Drive"), callback_data=DriveHome().pack())
    rows.append([drive])
    if dispatcher:
        rows.append(
            [InlineKeyboardButton(t.gettext("🧭 Dispatch"), callback_data=ChooseDispatch().pack())]
        )
    rows.append(
        [InlineKeyboardButton(t.gettext("🌐 Language"), callback_data=LanguageMenu().pack())]
    )
    return InlineKeyboardMarkup(rows)


def back_to_menu(t: Translator, came_from: Intent | None = None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[back_button(t, came_from)]])


def back_button(t: Translator, came_from: Intent | None = None) -> InlineKeyboardButton:
    """Back to the role choice, with the path it leaves from listed first."""
    return InlineKeyboardButton(t.gettext("↩️ Back"), callback_data=BackToMenu(came_from).pack())


def unfinished_form(t: Translator) -> InlineKeyboardMarkup:
    """Carry on with a half-done form, or drop it."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t.gettext("▶️ Carry on"), callback_data=DraftGo().pack()),
                InlineKeyboardButton(t.gettext("🗑 Drop it"), callback_data=DraftDrop().pack()),
            ]
        ]
    )
