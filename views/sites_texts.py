"""Texts of the admins' site settings: the list, a site's page, and what was saved.

Everything an admin typed (names, addresses, texts) is escaped here before it reaches HTML.
"""

from __future__ import annotations

from collections.abc import Collection
from html import escape

from bot.i18n import N_, Translator
from dispatch.locales import NATIVE_NAMES, SUPPORTED_LOCALES
from dispatch.models import Site
from dispatch.site_forms import TEXT_KINDS
from views.form_texts import OPTION_LABELS

SETTING_LABELS = {
    "site_name": N_("Name"),
    "timezone": N_("Time zone"),
    "cutoff": N_("Cut-off"),
    "evening_end": N_("End of the evening"),
    "meeting_point": N_("Meeting point"),
    "address": N_("Address"),
    "location": N_("Location"),
}


def admins_only(t: Translator) -> str:
    return t.gettext("This is reserved for admins.")


def site_list(t: Translator, count: int) -> str:
    return t.ngettext(
        "<b>Sites</b>: {count} site. Choose one to see or change its settings, or add one.",
        "<b>Sites</b>: {count} sites. Choose one to see or change its settings, or add one.",
        count,
    )


def settings(t: Translator, site: Site) -> str:
    """A site's settings, one per line; an unanswered one shows a dash."""
    location = (
        f"{_degrees(site.latitude)}, {_degrees(site.longitude)}"
        if site.latitude is not None and site.longitude is not None
        else ""
    )
    values = {
        "site_name": escape(site.name),
        "timezone": t.isolate(site.timezone),
        "cutoff": t.time(site.cutoff),
        "evening_end": t.time(site.evening_end),
        "meeting_point": escape(site.meeting_point_name),
        "address": escape(site.meeting_point_address),
        "location": t.isolate(location) if location else "",
    }
    labels = {name: t.gettext(label) for name, label in SETTING_LABELS.items()}
    return "\n".join(f"<b>{labels[name]}</b>: {value or '–'}" for name, value in values.items())


def _degrees(value: float) -> str:
    """Up to six decimals (about 10 cm), without trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def texts_written(t: Translator, written: Collection[tuple[str, str]]) -> str:
    """Which of the eight texts exist: people are shown a general advice for the others."""
    heading = t.gettext("Texts shown to guests")
    lines = [f"<b>{heading}</b>"]
    for kind in TEXT_KINDS:
        label = t.gettext(OPTION_LABELS[("text_kind", kind)])
        marks = " · ".join(
            ("✅ " if (kind, locale) in written else "▫️ ") + locale.upper()
            for locale in SUPPORTED_LOCALES
        )
        lines.append(f"{label}: {marks}")
    return "\n".join(lines)


def site_page(t: Translator, site: Site, written: Collection[tuple[str, str]]) -> str:
    return "\n\n".join(
        (f"<b>📍 {escape(site.name)}</b>", settings(t, site), texts_written(t, written))
    )


def site_added(t: Translator, name: str) -> str:
    return t.gettext(
        "The site {name} is created. Hosts and guests can choose it from now on.",
        name=escape(name),
    )


def site_saved(t: Translator) -> str:
    return t.gettext("Saved.")


def text_saved(t: Translator, kind: str, locale: str, body: str) -> str:
    """The text as people will read it: the admin sees at once what they typed."""
    return (
        t.gettext(
            "Saved: <b>{kind}</b> in {language}. People will read:",
            kind=t.gettext(OPTION_LABELS[("text_kind", kind)]),
            language=NATIVE_NAMES[locale],
        )
        + f"\n\n<blockquote>{escape(body)}</blockquote>"
    )


def no_such_site(t: Translator) -> str:
    return t.gettext("This site no longer exists.")
