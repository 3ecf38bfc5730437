"""The admins' forms for sites: adding one, changing one setting, writing its texts.

A site's answers map one to one onto a `Site`, so the same functions serve the new site's
summary, a one-setting edit merged into the stored site, and the form that starts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import Any

from dispatch.forms import Answers, Field, Form, Kind
from dispatch.inputs import Problem
from dispatch.locales import SUPPORTED_LOCALES
from dispatch.models import Site

ZONES = ("Europe/Brussels", "Europe/Paris", "Europe/Amsterdam", "Europe/London")
CUTOFF_TIMES = ("17:00", "18:00", "19:00", "20:00", "21:00")
EVENING_END_TIMES = ("21:00", "22:00", "23:00", "23:30")
TEXT_KINDS = ("name", "alternatives", "minors")  # as in the site_texts table
NAME_LENGTH = 40
TEXT_LENGTH = 1000
TAKEN = "_taken"  # the other sites' names, case-folded: a name must be told apart at a glance
EDIT_PREFIX = "site_edit_"

SITE_FIELDS: tuple[Field, ...] = (
    Field("site_name", Kind.TEXT, max_length=NAME_LENGTH),
    Field("timezone", Kind.TIMEZONE, presets=ZONES),
    Field("cutoff", Kind.TIME, presets=CUTOFF_TIMES),
    Field("evening_end", Kind.TIME, presets=EVENING_END_TIMES),
    Field("meeting_point", Kind.TEXT, max_length=80),
    Field("address", Kind.TEXT, max_length=120, optional=True),
    Field("location", Kind.COORDINATES, optional=True),
)
EDITABLE = tuple(f.name for f in SITE_FIELDS)

NEW_SITE = Form("site", (*SITE_FIELDS, Field("confirm", Kind.CHOICE, options=("confirm",))))

SITE_TEXT = Form(
    "site_text",
    (
        Field("text_kind", Kind.CHOICE, options=TEXT_KINDS),
        Field("text_locale", Kind.CHOICE, options=SUPPORTED_LOCALES),
        Field("text_body", Kind.PARAGRAPH, max_length=TEXT_LENGTH),
    ),
)


def edit_form(name: str) -> Form:
    """One setting on its own; the site's other settings come in as answers to compare with."""
    return Form(f"{EDIT_PREFIX}{name}", (NEW_SITE.field(name),))


def taken(names: Iterable[str]) -> list[str]:
    return sorted({name.casefold() for name in names})


def check(name: str, answers: Answers) -> Problem | None:
    """The rules across questions: a name of its own, and an evening that ends after its cut-off.

    The problem is re-asked on the question just answered, whose re-ask says which rule failed.
    """
    if name == "site_name" and str(answers.get(name, "")).casefold() in answers.get(TAKEN, ()):
        return Problem.NOT_AN_OPTION
    if name == "text_body" and answers.get("text_kind") == "name":
        # A site's name in one language is a name, not a paragraph.
        return Problem.TOO_LONG if len(str(answers.get(name, ""))) > NAME_LENGTH else None
    both = "cutoff" in answers and "evening_end" in answers
    if name in ("cutoff", "evening_end") and both:
        # "HH:MM" strings sort as the times do; the evening cannot run past midnight.
        return Problem.OUT_OF_RANGE if answers["evening_end"] <= answers["cutoff"] else None
    return None


def site_from_answers(answers: Answers, site_id: int = 0) -> Site:
    """The site the answers describe (id 0 until the database assigns one)."""
    location = answers.get("location") or None
    return Site(
        id=site_id,
        name=str(answers["site_name"]),
        timezone=str(answers["timezone"]),
        cutoff=time.fromisoformat(answers["cutoff"]),
        evening_end=time.fromisoformat(answers["evening_end"]),
        meeting_point_name=str(answers["meeting_point"]),
        meeting_point_address=str(answers.get("address") or ""),
        latitude=float(location[0]) if location else None,
        longitude=float(location[1]) if location else None,
    )


def answers_from_site(site: Site) -> dict[str, Any]:
    """A stored site as the form's answers; a skipped question is answered with ''."""
    has_location = site.latitude is not None and site.longitude is not None
    return {
        "site_name": site.name,
        "timezone": site.timezone,
        "cutoff": site.cutoff.strftime("%H:%M"),
        "evening_end": site.evening_end.strftime("%H:%M"),
        "meeting_point": site.meeting_point_name,
        "address": site.meeting_point_address,
        "location": [site.latitude, site.longitude] if has_location else "",
    }


def edit_start(site: Site, name: str, other_names: Iterable[str]) -> dict[str, Any]:
    """What a one-setting edit starts with: every other setting, and the names in use."""
    known = {k: v for k, v in answers_from_site(site).items() if k != name}
    return {**known, "site_id": site.id, TAKEN: taken(other_names)}


def edited(site: Site, name: str, answers: Answers) -> Site:
    """The stored site with one setting changed (the rest re-read, not taken from the draft)."""
    merged = {**answers_from_site(site), name: answers.get(name, "")}
    return site_from_answers(merged, site.id)
