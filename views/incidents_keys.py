"""Buttons of trust: report a problem (anyone), and the dispatchers' buttons on an incident.

Codes carry the incident's number and a side only; the handler finds the person to block
from the incident itself, so forged data can never name someone else.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator
from dispatch.readmodels import Incident, guest_user

AREA = "incident"


def _button(label: str, action: str, *args: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callbacks.encode(AREA, action, *args))


def report_button(t: Translator) -> InlineKeyboardButton:
    """For the guest's status screen and the host's home."""
    return _button(t.gettext("⚠️ Report a problem"), "report")


def incident(t: Translator, found: Incident) -> InlineKeyboardMarkup:
    rows = [[_button(t.gettext("✅ Handled"), "done", found.id)]]
    if found.match is not None:
        rows.append([_button(t.gettext("⛔ Block the host"), "block", found.id, "host")])
        if guest_user(found.match) is not None:
            rows.append([_button(t.gettext("⛔ Block the guest"), "block", found.id, "guest")])
    return InlineKeyboardMarkup(rows)
