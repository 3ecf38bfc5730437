"""Short readable summaries of a profile, an offer and a request, in the reader's language.

Everything a user typed is escaped here before it reaches HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from html import escape
from typing import Any

from bot.form_texts import OPTION_LABELS
from bot.i18n import Translator
from dispatch.groups import GroupType
from dispatch.guest_forms import make_up
from dispatch.languages import SPOKEN
from dispatch.models import HostDetails
from dispatch.party import Party


def _line(label: str, value: str) -> str:
    return f"<b>{label}</b>: {value}"


def yes_no(t: Translator, value: bool) -> str:
    return t.gettext("Yes") if value else t.gettext("No")


def languages(codes: tuple[str, ...] | list[str]) -> str:
    return ", ".join(SPOKEN.get(code, code) for code in codes)


def group_types(t: Translator, groups: frozenset[GroupType]) -> str:
    return ", ".join(
        t.gettext(OPTION_LABELS[("accepts", g.value)]) for g in GroupType if g in groups
    )


def host_profile(t: Translator, details: HostDetails, site_names: Mapping[int, str]) -> str:
    lines = [
        _line(t.gettext("Name"), escape(details.display_name)),
        _line(t.gettext("Phone (dispatchers only)"), escape(details.phone or "–")),
        _line(
            t.gettext("Places"), escape(", ".join(site_names.get(s, "?") for s in details.site_ids))
        ),
        _line(
            t.gettext("Household"), t.gettext(OPTION_LABELS[("household", details.household.value)])
        ),
        _line(t.gettext("Can host"), group_types(t, details.accepts)),
        _line(t.gettext("Languages"), languages(details.languages)),
        _line(t.gettext("Step-free access"), yes_no(t, details.step_free)),
        _line(t.gettext("Pets"), yes_no(t, details.pets)),
        _line(t.gettext("Collects guests"), yes_no(t, details.can_fetch)),
    ]
    return "\n".join(lines)


def offer(
    t: Translator, *, beds: int, site: str, latest_pickup: time, nights: int, note: str | None
) -> str:
    lines = [
        _line(t.gettext("Beds"), t.number(beds)),
        _line(t.gettext("Place"), escape(site)),
        _line(t.gettext("Pickup until"), t.isolate(t.time(latest_pickup))),
        _line(t.gettext("Nights"), t.number(nights)),
    ]
    if note:
        lines.append(_line(t.gettext("Note"), escape(note)))
    return "\n".join(lines)


def group(t: Translator, party: Party) -> str:
    """'1 woman, 2 children (Children (3–11))' with each language's plural forms."""
    parts = []
    if party.women:
        parts.append(t.ngettext("{count} woman", "{count} women", party.women))
    if party.men:
        parts.append(t.ngettext("{count} man", "{count} men", party.men))
    if party.children:
        kids = t.ngettext("{count} child", "{count} children", party.children)
        ages = ", ".join(t.gettext(OPTION_LABELS[("ages", band)]) for band in party.age_bands)
        parts.append(f"{kids} ({ages})" if ages else kids)
    return t.gettext(", ").join(parts)


def request(
    t: Translator,
    *,
    alias: str,
    make_up: str,
    site: str,
    spoken: tuple[str, ...],
    step_free: bool,
    medical: bool,
) -> str:
    needs = [t.gettext(OPTION_LABELS[("needs", "step_free")])] if step_free else []
    if medical:
        needs.append(t.gettext(OPTION_LABELS[("needs", "medical")]))
    return "\n".join(
        [
            _line(t.gettext("Name"), escape(alias)),
            _line(t.gettext("Group"), make_up),
            _line(t.gettext("Place"), escape(site)),
            _line(t.gettext("Languages"), languages(spoken)),
            _line(t.gettext("Needs"), ", ".join(needs) or t.gettext("none")),
        ]
    )


def request_answers(t: Translator, answers: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    """A request (or walk-in) form's answers, shown above its final confirmation."""
    needs = answers.get("needs") or []
    return request(
        t,
        alias=str(answers["alias"]),
        site=labels.get(str(answers["site"]), ""),
        make_up=group(t, make_up(answers)),
        spoken=tuple(answers["languages"]),
        step_free="step_free" in needs,
        medical="medical" in needs,
    )
