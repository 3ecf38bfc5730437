"""Buttons of trust: report a problem (anyone), and the dispatchers' buttons on an incident.

Codes carry the incident's number and a side only; the handler finds the person to block
from the incident itself, so forged data can never name someone else.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from dispatch.notices import Side
from dispatch.readmodels import Incident, guest_user


@dataclass(frozen=True)
class IncidentReport(CallbackData, prefix="incident:report"):
    """Report a problem (anyone)."""


@dataclass(frozen=True)
class IncidentDone(CallbackData, prefix="incident:done"):
    incident_id: int


@dataclass(frozen=True)
class IncidentBlock(CallbackData, prefix="incident:block"):
    """Block the incident's own host or guest (found from the incident, never the data)."""

    incident_id: int
    side: Side


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def report_button(t: Translator) -> InlineKeyboardButton:
    """For the guest's status screen and the host's home."""
    return _button(t.gettext("⚠️ Report a problem"), IncidentReport())


def incident(t: Translator, found: Incident) -> InlineKeyboardMarkup:
    rows = [[_button(t.gettext("✅ Handled"), IncidentDone(found.id))]]
    if found.match is not None:
        rows.append([_button(t.gettext("⛔ Block the host"), IncidentBlock(found.id, Side.HOST))])
        if guest_user(found.match) is not None:
            block = IncidentBlock(found.id, Side.GUEST)
            rows.append([_button(t.gettext("⛔ Block the guest"), block)])
    return InlineKeyboardMarkup(rows)
