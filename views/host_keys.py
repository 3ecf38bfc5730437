"""The hosts' buttons: home, profile editing, weekly reminders."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator
from dispatch.host_forms import EDITABLE
from views import common_keys, incidents_keys


def _button(label: str, action: str, *args: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callbacks.encode("host", action, *args))


def register(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("📝 Register as a host"), "register")],
            [_button(t.gettext("↩️ Back"), "menu")],
        ]
    )


def home(
    t: Translator,
    *,
    has_offer: bool,
    paused: bool,
    has_pattern: bool,
    locked: bool = False,
    unfinished: bool = False,
) -> InlineKeyboardMarkup:
    """`locked`: tonight's cut-off has passed, so the offer stands and only the dispatchers
    can change it; no button may lead to a dead end."""
    rows: list[list[InlineKeyboardButton]] = (
        [list(row) for row in common_keys.unfinished_form(t).inline_keyboard] if unfinished else []
    )
    if paused:
        rows.append([_button(t.gettext("▶️ Resume hosting"), "resume")])
    elif has_offer and locked:
        pass  # the Report button below reaches the dispatchers
    elif has_offer:
        rows.append([_button(t.gettext("✏️ Change tonight's offer"), "offer")])
        rows.append([_button(t.gettext("❌ Withdraw tonight's offer"), "withdraw")])
    else:
        rows.append([_button(t.gettext("🏠 Offer beds tonight"), "offer")])
    if not paused:
        pattern = (
            t.gettext("🔁 Stop my weekly pattern")
            if has_pattern
            else t.gettext("🔁 Host every week")
        )
        rows.append([_button(pattern, "unpattern" if has_pattern else "pattern")])
        rows.append([_button(t.gettext("⏸ Pause hosting"), "pause")])
    rows.append([_button(t.gettext("👤 My profile"), "profile")])
    rows.append([incidents_keys.report_button(t)])
    return InlineKeyboardMarkup(rows)


EDIT_LABELS = {
    "display_name": "Name",
    "phone": "Phone (dispatchers only)",
    "sites": "Places",
    "household": "Household",
    "accepts": "Can host",
    "languages": "Languages",
    "step_free": "Step-free access",
    "pets": "Pets",
    "can_fetch": "Collects guests",
}


def profile(t: Translator) -> InlineKeyboardMarkup:
    """One button per answer, two per row; the labels are the summary's, already in catalogs."""
    buttons = [_button("✏️ " + t.gettext(EDIT_LABELS[name]), "edit", name) for name in EDITABLE]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t.gettext("↩️ Back"), "home")])
    return InlineKeyboardMarkup(rows)


def confirm_withdraw(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("Yes, withdraw it"), "withdraw_yes")],
            [_button(t.gettext("No, keep it"), "home")],
        ]
    )


def reminder(t: Translator, night: date) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✅ Yes, I host tonight"), "remind_yes", night.isoformat())],
            [_button(t.gettext("Not tonight"), "remind_no", night.isoformat())],
        ]
    )


def back_home(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(t.gettext("↩️ Back"), "home")]])


def locked(t: Translator) -> InlineKeyboardMarkup:
    """After the cut-off: the way to the dispatchers, then back."""
    return InlineKeyboardMarkup(
        [[incidents_keys.report_button(t)], [_button(t.gettext("↩️ Back"), "home")]]
    )
