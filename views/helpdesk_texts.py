"""Texts of each site's directory of help nearby (medical care, legal advice, food, showers,
a place to charge a phone), for guests and for the dispatchers who keep it."""

from __future__ import annotations

from html import escape

from bot.i18n import N_, Translator
from dispatch.meeting import HelpCategory, HelpPlace

CATEGORIES: dict[HelpCategory, str] = {
    HelpCategory.MEDICAL: N_("🩺 Medical care"),
    HelpCategory.LEGAL: N_("⚖️ Legal advice"),
    HelpCategory.FOOD: N_("🍲 Food"),
    HelpCategory.SHOWERS: N_("🚿 Showers"),
    HelpCategory.CHARGING: N_("🔌 Charge a phone"),
}


def category(t: Translator, kind: HelpCategory) -> str:
    return t.gettext(CATEGORIES[kind])


def _map(place: HelpPlace) -> str:
    lat, lon = f"{place.latitude:.5f}", f"{place.longitude:.5f}"
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"


def _entry(t: Translator, place: HelpPlace) -> str:
    return t.gettext(
        '• {name}: {hours} (<a href="{map}">map</a>)',
        name=escape(place.name),
        hours=escape(place.hours),
        map=_map(place),
    )


def title(t: Translator, site_name: str) -> str:
    return t.gettext("🧭 <b>Help near {site}</b>", site=escape(site_name))


def directory(t: Translator, site_name: str, places: list[HelpPlace]) -> str:
    """The directory grouped by kind of help, each place with its hours and a map pin."""
    if not places:
        return (
            title(t, site_name)
            + "\n"
            + t.gettext("No place is listed yet: ask the dispatchers at the meeting point.")
        )
    lines = [title(t, site_name)]
    for kind in HelpCategory:
        mine = [p for p in places if p.category is kind]
        if mine:
            lines.append(f"\n<b>{category(t, kind)}</b>")
            lines += [_entry(t, place) for place in mine]
    return "\n".join(lines)


def admin_directory(t: Translator, site_name: str, places: list[HelpPlace]) -> str:
    intro = t.gettext(
        "Guests see this list from the menu and with every “no bed tonight”. Add a place, "
        "or remove one with its button."
    )
    numbered = [
        t.gettext(
            "{number}. {category}: {name} ({hours})",
            number=str(index),
            category=category(t, p.category),
            name=escape(p.name),
            hours=escape(p.hours),
        )
        for index, p in enumerate(places, start=1)
    ]
    return "\n\n".join([title(t, site_name), intro, *numbered[:50]])


def added(t: Translator) -> str:
    return t.gettext("✅ The place was added to the directory.")


def removed(t: Translator) -> str:
    return t.gettext("The place was removed from the directory.")


def slots_now(t: Translator, site_name: str, minutes: int, per_slot: int) -> str:
    length = t.ngettext(
        "Meetings at {site} are spread over slots of {count} minute.",
        "Meetings at {site} are spread over slots of {count} minutes.",
        minutes,
        site=escape(site_name),
    )
    room = t.ngettext(
        "At most {count} meeting per slot.", "At most {count} meetings per slot.", per_slot
    )
    return f"{length} {room}"


def slots_saved(t: Translator, site_name: str, minutes: int, per_slot: int) -> str:
    return t.gettext("✅ Saved.") + " " + slots_now(t, site_name, minutes, per_slot)
