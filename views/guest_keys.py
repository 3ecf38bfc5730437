"""The guests' buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator
from dispatch.deeplinks import Intent
from views import common_keys, incidents_keys, meeting_keys


def _button(label: str, action: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callbacks.encode("guest", action))


def ask(t: Translator, *, consented: bool = True) -> InlineKeyboardMarkup:
    """Asking is one tap: before a first request that tap is also the consent to the short
    notice shown above it; the full notice is one more tap away."""
    if consented:
        rows = [
            [_button(t.gettext("🛏 Ask for a bed tonight"), "ask")],
            [meeting_keys.help_button(t)],
        ]
    else:
        rows = [
            [_button(t.gettext("🛏 Yes, ask for a bed"), "agree")],
            [_button(t.gettext("ℹ️ What we keep"), "privacy")],
            [_button(t.gettext("No, thank you"), "refuse")],
            [meeting_keys.help_button(t)],  # help nearby needs no request and keeps nothing
        ]
    rows.append([common_keys.back_button(t, Intent.GUEST)])
    return InlineKeyboardMarkup(rows)


def consent(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✅ I agree"), "agree")],
            [_button(t.gettext("No, thank you"), "refuse")],
        ]
    )


def request_options(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✏️ Change my request"), "change")],
            [_button(t.gettext("❌ Withdraw my request"), "withdraw")],
            [meeting_keys.help_button(t)],
            [incidents_keys.report_button(t)],
        ]
    )


def confirm_withdraw(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("Yes, withdraw it"), "withdraw_yes")],
            [_button(t.gettext("No, keep it"), "keep")],
        ]
    )


def walkin_again(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("➕ Register another group"),
                    callback_data=callbacks.encode("walkin", "new"),
                )
            ]
        ]
    )
