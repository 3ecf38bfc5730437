"""Buttons of tonight's drivers and rides on the board (typed callback data, ids only)."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from views import board_keys


@dataclass(frozen=True)
class ShowRides(CallbackData, prefix="board.rides"):
    """Open the list of tonight's drivers and rides at a site (the site is checked again)."""

    site_id: int


def open_rides(t: Translator, site_id: int) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        t.gettext("🚗 Drivers and rides"), callback_data=ShowRides(site_id).pack()
    )


def rides(t: Translator, site_id: int) -> InlineKeyboardMarkup:
    """Under the list: refresh it, or go back to the board."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("🔄 Refresh"), callback_data=ShowRides(site_id).pack()
                )
            ],
            board_keys.back(t, site_id),
        ]
    )
