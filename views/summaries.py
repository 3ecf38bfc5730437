"""Short readable summaries of a profile, an offer and a request, in the reader's language.

Everything a user typed is escaped here before it reaches HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import time
from html import escape
from typing import Any

from bot.i18n import Translator
from dispatch.groups import GroupType
from dispatch.guest_forms import make_up
from dispatch.languages import SPOKEN
from dispatch.models import HostDetails
from dispatch.party import Party
from views.form_texts import OPTION_LABELS


def _line(t: Translator, label: str, value: str) -> str:
    """'Name: Fatou' with each language's colon (French puts a space before it); the value is
    isolated inside right-to-left text, so a Latin name keeps its place."""
    return t.gettext("<b>{label}</b>: {value}", label=label, value=value)


def _list(t: Translator, items: Iterable[str]) -> str:
    """Items joined with the language's own comma (Arabic '،')."""
    return t.gettext(", ").join(items)


def yes_no(t: Translator, value: bool) -> str:
    return t.gettext("Yes") if value else t.gettext("No")


def languages(t: Translator, codes: tuple[str, ...] | list[str]) -> str:
    return _list(t, (t.isolate(SPOKEN.get(code, code)) for code in codes))


def group_types(t: Translator, groups: frozenset[GroupType]) -> str:
    return _list(
        t, (t.gettext(OPTION_LABELS[("accepts", g.value)]) for g in GroupType if g in groups)
    )


def host_profile(t: Translator, details: HostDetails, site_names: Mapping[int, str]) -> str:
    lines = [
        _line(t, t.gettext("Name"), escape(details.display_name)),
        _line(t, t.gettext("Phone (dispatchers only)"), escape(details.phone or "–")),
        _line(
            t,
            t.gettext("Places"),
            _list(t, (escape(site_names.get(s, "?")) for s in details.site_ids)),
        ),
        _line(
            t,
            t.gettext("Household"),
            t.gettext(OPTION_LABELS[("household", details.household.value)]),
        ),
        _line(t, t.gettext("Can host"), group_types(t, details.accepts)),
        _line(t, t.gettext("Languages"), languages(t, details.languages)),
        _line(t, t.gettext("Step-free access"), yes_no(t, details.step_free)),
        _line(t, t.gettext("Pets"), yes_no(t, details.pets)),
        _line(t, t.gettext("Collects guests"), yes_no(t, details.can_fetch)),
    ]
    return "\n".join(lines)


def offer(
    t: Translator, *, beds: int, site: str, latest_pickup: time, nights: int, note: str | None
) -> str:
    lines = [
        _line(t, t.gettext("Beds"), t.number(beds)),
        _line(t, t.gettext("Place"), escape(site)),
        _line(t, t.gettext("Pickup until"), t.time(latest_pickup)),
        _line(t, t.gettext("Nights"), t.number(nights)),
    ]
    if note:
        lines.append(_line(t, t.gettext("Note"), escape(note)))
    return "\n".join(lines)


def group(t: Translator, party: Party) -> str:
    """'1 woman, 2 children (3–11 years)' with each language's plural forms."""
    parts = []
    if party.women:
        parts.append(t.ngettext("{count} woman", "{count} women", party.women))
    if party.men:
        parts.append(t.ngettext("{count} man", "{count} men", party.men))
    if party.children:
        kids = t.ngettext("{count} child", "{count} children", party.children)
        ages = _list(t, (band.replace("-", "–") for band in party.age_bands))
        parts.append(
            t.gettext("{children} ({ages} years)", children=kids, ages=ages) if ages else kids
        )
    return _list(t, parts)


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
            _line(t, t.gettext("Name"), escape(alias)),
            _line(t, t.gettext("Group"), make_up),
            _line(t, t.gettext("Place"), escape(site)),
            _line(t, t.gettext("Languages"), languages(t, spoken)),
            _line(t, t.gettext("Needs"), _list(t, needs) or t.gettext("none")),
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
