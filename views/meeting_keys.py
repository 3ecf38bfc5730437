"""Buttons of the meeting and of the directory of help nearby."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator
from dispatch.drivers import RideStatus
from dispatch.meeting import HelpPlace
from usecases.meeting import Card
from views import meeting_texts, rides_keys, round_keys


def _button(label: str, area: str, action: str, *args: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callbacks.encode(area, action, *args))


def help_button(t: Translator, site_id: int | None = None) -> InlineKeyboardButton:
    """The directory of help nearby (the guest's site, or the default one)."""
    args = () if site_id is None else (site_id,)
    return _button(t.gettext("🧭 Help nearby"), "near", "show", *args)


def proposal(t: Translator, match_id: int) -> InlineKeyboardMarkup:
    """Confirm (at the earliest free time), confirm at another time, or decline."""
    rows = [list(row) for row in round_keys.proposal(t, match_id).inline_keyboard]
    rows.insert(1, [_button(t.gettext("🕘 Confirm, at another time"), "meet", "slots", match_id)])
    return InlineKeyboardMarkup(rows)


def slots(t: Translator, match_id: int, times: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per free time (label, HHMM)."""
    buttons = [_button(label, "meet", "at", match_id, code) for label, code in times]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    return InlineKeyboardMarkup(rows)


def host(t: Translator, match_id: int, collects: bool) -> InlineKeyboardMarkup | None:
    """Whoever comes: here, picked up, how to recognise me (none while dispatchers arrange)."""
    if not collects:
        return None
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("📍 I am here"), "meet", "here", match_id)],
            [_button(t.gettext("👥 My guests are with me"), "match", "pickup", match_id)],
            [_button(t.gettext("✏️ How to recognise me"), "meet", "sign", match_id)],
        ]
    )


def guest(t: Translator, match_id: int, site_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("📍 I am here"), "meet", "here", match_id)],
            [help_button(t, site_id)],
        ]
    )


def help_only(t: Translator, site_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[help_button(t, site_id)]])


def admin_directory(
    t: Translator, site_id: int, places: Sequence[HelpPlace]
) -> InlineKeyboardMarkup:
    removes = [
        _button(f"🗑 {index}", "near", "remove", place.id)
        for index, place in enumerate(places, start=1)
    ]
    rows = [removes[i : i + 4] for i in range(0, len(removes), 4)]
    rows.append([_button(t.gettext("➕ Add a place"), "near", "add", site_id)])
    return InlineKeyboardMarkup(rows)


def host_view(t: Translator, found: Card) -> tuple[str, InlineKeyboardMarkup | None]:
    """The host's meeting card with its buttons (after Confirm, in /status, when late)."""
    assert found.meeting is not None
    text = meeting_texts.host_card(t, found.match, found.site, found.meeting, found.driver_name)
    if found.match.status == "picked_up":
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
    if found.match.status == "picked_up":
        return text, help_only(t, found.site.id)
    return text, guest(t, found.match.id, found.site.id)
