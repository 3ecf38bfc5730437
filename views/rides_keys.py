"""The rides' buttons, each with its own typed callback data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator


@dataclass(frozen=True)
class RideAnswer(CallbackData, prefix="ride.answer"):
    """The asked driver takes the ride or not."""

    ride_id: int
    accept: bool


@dataclass(frozen=True)
class RidePickup(CallbackData, prefix="ride.pickup"):
    """The driver is about to type the guest's code."""

    ride_id: int


@dataclass(frozen=True)
class RideHandBack(CallbackData, prefix="ride.back"):
    """The driver who took the ride can no longer drive it (asked once more, then `sure`)."""

    ride_id: int
    sure: bool


@dataclass(frozen=True)
class RideArrived(CallbackData, prefix="ride.arrived"):
    """The host: "they are here"."""

    match_id: int


@dataclass(frozen=True)
class RideCome(CallbackData, prefix="ride.come"):
    """The host, with no driver left: can they come to the meeting point after all?"""

    match_id: int
    yes: bool


@dataclass(frozen=True)
class RideMove(CallbackData, prefix="ride.move"):
    """A dispatcher gives the ride to this shift's driver."""

    ride_id: int
    shift_id: int


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def offer(t: Translator, ride_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✅ I take this ride"), RideAnswer(ride_id, True))],
            [_button(t.gettext("❌ I cannot"), RideAnswer(ride_id, False))],
        ]
    )


def come(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("✅ Yes, I will come"), RideCome(match_id, True))],
            [_button(t.gettext("❌ No, I cannot"), RideCome(match_id, False))],
        ]
    )


def arrived(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(t.gettext("🏠 They are here"), RideArrived(match_id))]])


def moves(ride_id: int, drivers: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """One button per driver who may take the ride: (shift, label)."""
    return InlineKeyboardMarkup(
        [[_button(f"🚗 {label}", RideMove(ride_id, shift_id))] for shift_id, label in drivers]
    )


def hand_back(t: Translator, ride_id: int) -> InlineKeyboardMarkup:
    """The driver's last word before the ride goes to another driver."""
    return InlineKeyboardMarkup(
        [[_button(t.gettext("↩️ Yes, give it to another driver"), RideHandBack(ride_id, True))]]
    )
