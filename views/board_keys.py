"""Buttons of tonight's board: drill-down lists and the dispatcher's overrides (ids only)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot import callbacks
from bot.i18n import Translator

BUTTON_LIMIT = 20


def _button(label: str, action: str, *args: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callbacks.encode("board", action, *args))


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
            _button(t.gettext("⏳ Waiting"), "waiting", site_id),
            _button(t.gettext("🤝 Matches"), "matches", site_id),
            _button(t.gettext("🏠 Hosts"), "hosts", site_id),
        ],
        [_button(t.gettext("🔄 Refresh"), "show", site_id)],
    ]
    if rides is not None:
        rows.insert(1, [rides])
    if closed:
        rows[1].append(_button(t.gettext("▶️ Run the matching again"), "rerun", site_id))
    else:
        rows[1].append(_button(t.gettext("🔒 Close the round now"), "close", site_id))
    if webapp_url:
        page = WebAppInfo(f"{webapp_url}?site={site_id}")
        rows.insert(0, [InlineKeyboardButton(t.gettext("🖥 Open the live board"), web_app=page)])
    return InlineKeyboardMarkup(rows)


def back(t: Translator, site_id: int) -> list[InlineKeyboardButton]:
    return [_button(t.gettext("⬅️ Back to the board"), "show", site_id)]


def sites(choices: list[tuple[int, str]], action: str = "show") -> InlineKeyboardMarkup:
    """A button per site (the board's `show`, or `close` for /close with several sites)."""
    return InlineKeyboardMarkup([[_button(name, action, site_id)] for site_id, name in choices])


def with_items(
    t: Translator, site_id: int, items: list[tuple[str, str, int]]
) -> InlineKeyboardMarkup:
    """A list's own buttons (label, action, id), then the way back to the board."""
    rows = [[_button(label, action, item)] for label, action, item in items[:BUTTON_LIMIT]]
    return InlineKeyboardMarkup([*rows, back(t, site_id)])


def targets(
    t: Translator, request_id: int, site_id: int, offers: list[tuple[int, str]]
) -> InlineKeyboardMarkup:
    rows = [[_button(name, "to", request_id, offer_id)] for offer_id, name in offers[:BUTTON_LIMIT]]
    return InlineKeyboardMarkup([*rows, back(t, site_id)])


def confirm_take_out(t: Translator, offer_id: int, site_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_button(t.gettext("🚫 Yes, take them out tonight"), "outyes", offer_id)],
            back(t, site_id),
        ]
    )
