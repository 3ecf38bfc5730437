"""Buttons of an urgent appeal to drivers (typed callback data, ids only)."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator


@dataclass(frozen=True)
class CanDrive(CallbackData, prefix="appeal.drive"):
    """A driver answers an appeal: they can drive tonight."""

    appeal_id: int


@dataclass(frozen=True)
class DriverOptOut(CallbackData, prefix="appeal.driveroff"):
    """A driver wants no more appeals."""

    appeal_id: int


@dataclass(frozen=True)
class DriverAppeals(CallbackData, prefix="appeal.driverset"):
    """A driver's choice in /appeals: receive urgent appeals, or not."""

    wanted: bool


def settings(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("Yes, send me appeals"), callback_data=DriverAppeals(True).pack()
                )
            ],
            [
                InlineKeyboardButton(
                    t.gettext("No appeals, thank you"), callback_data=DriverAppeals(False).pack()
                )
            ],
        ]
    )


def appeal_keyboard(t: Translator, appeal_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("🚗 I can drive tonight"), callback_data=CanDrive(appeal_id).pack()
                )
            ],
            [
                InlineKeyboardButton(
                    t.gettext("🔕 No more appeals"), callback_data=DriverOptOut(appeal_id).pack()
                )
            ],
        ]
    )


def after_answer(t: Translator, appeal_id: int) -> InlineKeyboardMarkup:
    """Once answered, the opt-out stays within reach."""
    return InlineKeyboardMarkup(appeal_keyboard(t, appeal_id).inline_keyboard[1:])
