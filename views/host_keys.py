"""The hosts' buttons: home, profile editing, weekly reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from dispatch.host_forms import EDITABLE
from views import common_keys, incidents_keys


# The host's buttons act on the presser's own profile and offer: they name no host.
@dataclass(frozen=True)
class HostRegister(CallbackData, prefix="host:register"):
    pass


@dataclass(frozen=True)
class HostMenu(CallbackData, prefix="host:menu"):
    pass


@dataclass(frozen=True)
class HostHome(CallbackData, prefix="host:home"):
    pass


@dataclass(frozen=True)
class HostProfilePage(CallbackData, prefix="host:profile"):
    pass


@dataclass(frozen=True)
class HostPause(CallbackData, prefix="host:pause"):
    pass


@dataclass(frozen=True)
class HostResume(CallbackData, prefix="host:resume"):
    pass


@dataclass(frozen=True)
class HostOffer(CallbackData, prefix="host:offer"):
    pass


@dataclass(frozen=True)
class HostWithdraw(CallbackData, prefix="host:withdraw"):
    pass


@dataclass(frozen=True)
class HostWithdrawYes(CallbackData, prefix="host:withdraw_yes"):
    pass


@dataclass(frozen=True)
class HostPattern(CallbackData, prefix="host:pattern"):
    pass


@dataclass(frozen=True)
class HostUnpattern(CallbackData, prefix="host:unpattern"):
    pass


@dataclass(frozen=True)
class HostEdit(CallbackData, prefix="host:edit"):
    """Edit one answer of the profile (one of host_forms.EDITABLE)."""

    field: str


@dataclass(frozen=True)
class RemindYes(CallbackData, prefix="host:remind_yes"):
    """The weekly reminder's yes, for that night only."""

    night: date


@dataclass(frozen=True)
class RemindNo(CallbackData, prefix="host:remind_no"):
    night: date


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def register(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("📝 Register as a host"), HostRegister())],
            [_button(t.gettext("↩️ Back"), HostMenu())],
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
        rows.append([_button(t.gettext("▶️ Resume hosting"), HostResume())])
    elif has_offer and locked:
        pass  # the Report button below reaches the dispatchers
    elif has_offer:
        rows.append([_button(t.gettext("✏️ Change tonight's offer"), HostOffer())])
        rows.append([_button(t.gettext("❌ Withdraw tonight's offer"), HostWithdraw())])
    else:
        rows.append([_button(t.gettext("🏠 Offer beds tonight"), HostOffer())])
    if not paused:
        pattern = (
            t.gettext("🔁 Stop my weekly pattern")
            if has_pattern
            else t.gettext("🔁 Host every week")
        )
        rows.append([_button(pattern, HostUnpattern() if has_pattern else HostPattern())])
        rows.append([_button(t.gettext("⏸ Pause hosting"), HostPause())])
    rows.append([_button(t.gettext("👤 My profile"), HostProfilePage())])
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
    buttons = [_button("✏️ " + t.gettext(EDIT_LABELS[name]), HostEdit(name)) for name in EDITABLE]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t.gettext("↩️ Back"), HostHome())])
    return InlineKeyboardMarkup(rows)


def confirm_withdraw(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("Yes, withdraw it"), HostWithdrawYes())],
            [_button(t.gettext("No, keep it"), HostHome())],
        ]
    )


def reminder(t: Translator, night: date) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✅ Yes, I host tonight"), RemindYes(night))],
            [_button(t.gettext("Not tonight"), RemindNo(night))],
        ]
    )


def back_home(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(t.gettext("↩️ Back"), HostHome())]])


def locked(t: Translator) -> InlineKeyboardMarkup:
    """After the cut-off: the way to the dispatchers, then back."""
    return InlineKeyboardMarkup(
        [[incidents_keys.report_button(t)], [_button(t.gettext("↩️ Back"), HostHome())]]
    )
