"""The admins' site buttons: the list of sites, and a site's page of settings."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from dispatch.models import Site
from dispatch.site_forms import EDITABLE
from views.sites_texts import SETTING_LABELS


# Admins only: the handler checks the presser's role on every press.
@dataclass(frozen=True)
class SiteList(CallbackData, prefix="site:list"):
    pass


@dataclass(frozen=True)
class SiteOpen(CallbackData, prefix="site:open"):
    site_id: int


@dataclass(frozen=True)
class SiteAdd(CallbackData, prefix="site:add"):
    pass


@dataclass(frozen=True)
class SiteEdit(CallbackData, prefix="site:edit"):
    """Change one setting (one of site_forms.EDITABLE)."""

    site_id: int
    setting: str


@dataclass(frozen=True)
class SiteText(CallbackData, prefix="site:text"):
    site_id: int


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def site_list(t: Translator, sites: list[Site]) -> InlineKeyboardMarkup:
    rows = [[_button(f"📍 {site.name}", SiteOpen(site.id))] for site in sites]
    rows.append([_button(t.gettext("➕ Add a site"), SiteAdd())])
    return InlineKeyboardMarkup(rows)


def site_page(t: Translator, site_id: int) -> InlineKeyboardMarkup:
    """One button per setting, two per row; then the texts, and Back to the list."""
    buttons = [
        _button("✏️ " + t.gettext(SETTING_LABELS[name]), SiteEdit(site_id, name))
        for name in EDITABLE
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(t.gettext("📝 Write a text"), SiteText(site_id))])
    rows.append([_button(t.gettext("↩️ Back"), SiteList())])
    return InlineKeyboardMarkup(rows)
