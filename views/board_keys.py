"""Buttons of tonight's board: drill-down lists and the dispatcher's overrides (ids only)."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.callbacks import CallbackData
from bot.i18n import Translator

BUTTON_LIMIT = 20


# A dispatcher's buttons: each names a site, a group (request) or an offer, whose site the
# handler checks on every press.
@dataclass(frozen=True)
class BoardShow(CallbackData, prefix="board:show"):
    site_id: int


@dataclass(frozen=True)
class BoardWaiting(CallbackData, prefix="board:waiting"):
    site_id: int


@dataclass(frozen=True)
class BoardMatches(CallbackData, prefix="board:matches"):
    site_id: int


@dataclass(frozen=True)
class BoardHosts(CallbackData, prefix="board:hosts"):
    site_id: int


@dataclass(frozen=True)
class BoardRerun(CallbackData, prefix="board:rerun"):
    site_id: int


@dataclass(frozen=True)
class BoardClose(CallbackData, prefix="board:close"):
    site_id: int


@dataclass(frozen=True)
class BoardMove(CallbackData, prefix="board:move"):
    request_id: int


@dataclass(frozen=True)
class BoardMoveTo(CallbackData, prefix="board:to"):
    request_id: int
    offer_id: int


@dataclass(frozen=True)
class BoardTakeOut(CallbackData, prefix="board:out"):
    offer_id: int


@dataclass(frozen=True)
class BoardTakeOutYes(CallbackData, prefix="board:outyes"):
    offer_id: int


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def board(
    t: Translator,
    site_id: int,
    closed: bool,
    webapp_url: str = "",
    rides: InlineKeyboardButton | None = None,
) -> InlineKeyboardMarkup:
    """The drill-downs and overrides; with WEBAPP_URL, the live board too (private chats only:
    Telegram refuses web-app buttons in groups); `rides`, on a night with drivers or rides."""
    rows = [
        [
            _button(t.gettext("⏳ Waiting"), BoardWaiting(site_id)),
            _button(t.gettext("🤝 Matches"), BoardMatches(site_id)),
            _button(t.gettext("🏠 Hosts"), BoardHosts(site_id)),
        ],
        [_button(t.gettext("🔄 Refresh"), BoardShow(site_id))],
    ]
    if rides is not None:
        rows.insert(1, [rides])
    if closed:
        rows[1].append(_button(t.gettext("▶️ Run the matching again"), BoardRerun(site_id)))
    else:
        rows[1].append(_button(t.gettext("🔒 Close the round now"), BoardClose(site_id)))
    if webapp_url:
        page = WebAppInfo(f"{webapp_url}?site={site_id}")
        rows.insert(0, [InlineKeyboardButton(t.gettext("🖥 Open the live board"), web_app=page)])
    return InlineKeyboardMarkup(rows)


def back(t: Translator, site_id: int) -> list[InlineKeyboardButton]:
    return [_button(t.gettext("⬅️ Back to the board"), BoardShow(site_id))]


def sites(
    choices: list[tuple[int, str]], kind: type[BoardShow | BoardClose] = BoardShow
) -> InlineKeyboardMarkup:
    """A button per site (the board's, or Close for /close with several sites)."""
    return InlineKeyboardMarkup([[_button(name, kind(site_id))] for site_id, name in choices])


def with_items(
    t: Translator, site_id: int, items: list[tuple[str, CallbackData]]
) -> InlineKeyboardMarkup:
    """A list's own buttons (label, data), then the way back to the board."""
    rows = [[_button(label, data)] for label, data in items[:BUTTON_LIMIT]]
    return InlineKeyboardMarkup([*rows, back(t, site_id)])


def targets(
    t: Translator, request_id: int, site_id: int, offers: list[tuple[int, str]]
) -> InlineKeyboardMarkup:
    rows = [
        [_button(name, BoardMoveTo(request_id, offer_id))]
        for offer_id, name in offers[:BUTTON_LIMIT]
    ]
    return InlineKeyboardMarkup([*rows, back(t, site_id)])


def confirm_take_out(t: Translator, offer_id: int, site_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("🚫 Yes, take them out tonight"), BoardTakeOutYes(offer_id))],
            back(t, site_id),
        ]
    )
