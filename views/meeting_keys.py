"""Buttons of the meeting and of the directory of help nearby."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from dispatch.drivers import RideStatus
from dispatch.meeting import HelpPlace
from dispatch.models import MatchStatus
from usecases.meeting import Card
from views import meeting_texts, rides_keys, rides_texts, round_keys
from views.round_keys import MatchPickup


# The meeting's buttons name a match; its use case checks who presses.
@dataclass(frozen=True)
class MeetSlots(CallbackData, prefix="meet:slots"):
    """Confirm, at another time: the free times."""

    match_id: int


@dataclass(frozen=True)
class MeetAt(CallbackData, prefix="meet:at"):
    match_id: int
    at: time


@dataclass(frozen=True)
class MeetHere(CallbackData, prefix="meet:here"):
    match_id: int


@dataclass(frozen=True)
class MeetSign(CallbackData, prefix="meet:sign"):
    match_id: int


@dataclass(frozen=True)
class NearShow(CallbackData, prefix="near:show"):
    """The directory of help nearby, for anyone (None: the presser's site, or the default)."""

    site_id: int | None = None


@dataclass(frozen=True)
class NearAdd(CallbackData, prefix="near:add"):
    """A site's dispatchers only."""

    site_id: int


@dataclass(frozen=True)
class NearRemove(CallbackData, prefix="near:remove"):
    place_id: int


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def help_button(t: Translator, site_id: int | None = None) -> InlineKeyboardButton:
    """The directory of help nearby (the guest's site, or the default one)."""
    return _button(t.gettext("🧭 Help nearby"), NearShow(site_id))


def proposal(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    """Confirm (at the earliest free time), confirm at another time, or decline."""
    rows = [list(row) for row in round_keys.proposal(t, match_id).inline_keyboard]
    rows.insert(1, [_button(t.gettext("🕘 Confirm, at another time"), MeetSlots(match_id))])
    return InlineKeyboardMarkup(rows)


def slots(t: Translator, match_id: int, times: Sequence[tuple[str, time]]) -> InlineKeyboardMarkup:
    """One button per free time (label, local time)."""
    buttons = [_button(label, MeetAt(match_id, at)) for label, at in times]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    return InlineKeyboardMarkup(rows)


def host(t: Translator, match_id: int, collects: bool) -> InlineKeyboardMarkup | None:
    """Whoever comes: here, picked up, how to recognise me (none while dispatchers arrange)."""
    if not collects:
        return None
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("📍 I am here"), MeetHere(match_id))],
            [_button(t.gettext("👥 My guests are with me"), MatchPickup(match_id))],
            [_button(t.gettext("✏️ How to recognise me"), MeetSign(match_id))],
        ]
    )


def guest(t: Translator, match_id: int, site_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("📍 I am here"), MeetHere(match_id))],
            [help_button(t, site_id)],
        ]
    )


def help_only(t: Translator, site_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[help_button(t, site_id)]])


def admin_directory(
    t: Translator, site_id: int, places: Sequence[HelpPlace]
) -> InlineKeyboardMarkup:
    removes = [
        _button(f"🗑 {index}", NearRemove(place.id)) for index, place in enumerate(places, start=1)
    ]
    rows = [removes[i : i + 4] for i in range(0, len(removes), 4)]
    rows.append([_button(t.gettext("➕ Add a place"), NearAdd(site_id))])
    return InlineKeyboardMarkup(rows)


def host_view(t: Translator, found: Card) -> tuple[str, InlineKeyboardMarkup | None]:
    """The host's meeting card with its buttons (after Confirm, in /status, when late)."""
    assert found.meeting is not None
    text = meeting_texts.host_card(t, found.match, found.site, found.meeting, found.driver_name)
    if found.ride is not None and found.ride not in (RideStatus.ARRIVED, RideStatus.CANCELLED):
        text = f"{text}\n\n{rides_texts.ride_state(t, found.ride, found.driver_name)}"
    if found.match.status is MatchStatus.PICKED_UP:
        # On the way in a driver's car: "they are here" stays at hand until it is tapped.
        markup = (
            rides_keys.arrived(t, found.match.id)
            if found.ride is RideStatus.PICKED_UP
            else InlineKeyboardMarkup([])
        )
        return f"{text}\n\n{meeting_texts.picked_up_line(t, found.match)}", markup
    return text, host(t, found.match.id, found.collects)


def guest_view(t: Translator, found: Card) -> tuple[str, InlineKeyboardMarkup]:
    assert found.meeting is not None
    text = meeting_texts.guest_card(t, found.match, found.site, found.meeting, found.driver_name)
    if found.match.status is MatchStatus.PICKED_UP:
        return text, help_only(t, found.site.id)
    return text, guest(t, found.match.id, found.site.id)


def driver_card(t: Translator, ride_id: int, match_id: int) -> InlineKeyboardMarkup:
    """The driver's card: I am here, the code, how to recognise me."""
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("📍 I am here"), MeetHere(match_id))],
            [_button(t.gettext("👥 My guests are with me"), rides_keys.RidePickup(ride_id))],
            [_button(t.gettext("✏️ How to recognise me"), MeetSign(match_id))],
            [
                _button(
                    t.gettext("↩️ I can no longer drive it"), rides_keys.RideHandBack(ride_id, False)
                )
            ],
        ]
    )
