"""The guests' buttons."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from dispatch.deeplinks import Intent
from views import common_keys, incidents_keys, meeting_keys


# The guest's buttons name nothing: each acts on the presser's own request of tonight.
@dataclass(frozen=True)
class GuestAsk(CallbackData, prefix="guest:ask"):
    pass


@dataclass(frozen=True)
class GuestChange(CallbackData, prefix="guest:change"):
    pass


@dataclass(frozen=True)
class GuestAgree(CallbackData, prefix="guest:agree"):
    pass


@dataclass(frozen=True)
class GuestPrivacy(CallbackData, prefix="guest:privacy"):
    pass


@dataclass(frozen=True)
class GuestRefuse(CallbackData, prefix="guest:refuse"):
    pass


@dataclass(frozen=True)
class GuestWithdraw(CallbackData, prefix="guest:withdraw"):
    pass


@dataclass(frozen=True)
class GuestWithdrawYes(CallbackData, prefix="guest:withdraw_yes"):
    pass


@dataclass(frozen=True)
class GuestKeep(CallbackData, prefix="guest:keep"):
    pass


@dataclass(frozen=True)
class WalkinNew(CallbackData, prefix="walkin:new"):
    """Register another walk-in group (the dispatcher's role is checked again)."""


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def ask(t: Translator, *, consented: bool = True) -> InlineKeyboardMarkup:
    """Asking is one tap: before a first request that tap is also the consent to the short
    notice shown above it; the full notice is one more tap away."""
    if consented:
        rows = [
            [_button(t.gettext("🛏 Ask for a bed tonight"), GuestAsk())],
            [meeting_keys.help_button(t)],
        ]
    else:
        rows = [
            [_button(t.gettext("🛏 Yes, ask for a bed"), GuestAgree())],
            [_button(t.gettext("ℹ️ What we keep"), GuestPrivacy())],
            [_button(t.gettext("No, thank you"), GuestRefuse())],
            [meeting_keys.help_button(t)],  # help nearby needs no request and keeps nothing
        ]
    rows.append([common_keys.back_button(t, Intent.GUEST)])
    return InlineKeyboardMarkup(rows)


def consent(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✅ I agree"), GuestAgree())],
            [_button(t.gettext("No, thank you"), GuestRefuse())],
        ]
    )


def request_options(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✏️ Change my request"), GuestChange())],
            [_button(t.gettext("❌ Withdraw my request"), GuestWithdraw())],
            [meeting_keys.help_button(t)],
            [incidents_keys.report_button(t)],
        ]
    )


def confirm_withdraw(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("Yes, withdraw it"), GuestWithdrawYes())],
            [_button(t.gettext("No, keep it"), GuestKeep())],
        ]
    )


def walkin_again(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("➕ Register another group"),
                    callback_data=WalkinNew().pack(),
                )
            ]
        ]
    )
