"""The admins' site buttons: the list of sites, and a site's page of settings."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.i18n import Translator
from dispatch.models import Site
from dispatch.site_forms import EDITABLE
from views.sites_texts import SETTING_LABELS


def _button(label: str, action: str, *args: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callbacks.encode("site", action, *args))


def site_list(t: Translator, sites: list[Site]) -> InlineKeyboardMarkup:
    rows = [[_button(f"📍 {site.name}", "open", site.id)] for site in sites]
    rows.append([_button(t.gettext("➕ Add a site"), "add")])
    return InlineKeyboardMarkup(rows)


def site_page(t: Translator, site_id: int) -> InlineKeyboardMarkup:
    """One button per setting, two per row; then the texts, and Back to the list."""
    buttons = [
        _button("✏️ " + t.gettext(SETTING_LABELS[name]), "edit", site_id, name) for name in EDITABLE
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t.gettext("📝 Write a text"), "text", site_id)])
    rows.append([_button(t.gettext("↩️ Back"), "list")])
    return InlineKeyboardMarkup(rows)
