"""The guests' request for tonight, and the dispatchers' walk-in intake that mirrors it.

We ask only what the night needs: who is in the group (the safety rules depend on it),
languages, needs as flags, and a first name or alias. No documents, photos or phone numbers.
"""

from __future__ import annotations

from datetime import date, datetime

from dispatch.forms import Answers, Choices, Field, Form, Kind
from dispatch.inputs import Problem
from dispatch.languages import SPOKEN
from dispatch.party import Party
from dispatch.readmodels import NewRequest

ALIAS_LENGTH = 30
AGE_BANDS = ("0-2", "3-11", "12-17")
NEEDS = ("step_free", "medical")
MAX_GROUP = 12


def _sites(_: Answers, runtime: Choices) -> tuple[str, ...]:
    return runtime.get("sites", ())


def _in_group(answers: Answers) -> bool:
    return answers.get("who") == "group"


def _has_children(answers: Answers) -> bool:
    return _in_group(answers) and int(answers.get("children", 0)) > 0


def make_up(answers: Answers) -> Party:
    """Who is in the group, from either path through the questions."""
    if answers.get("who") == "alone":
        return Party(women=1) if answers.get("gender") == "woman" else Party(men=1)
    return Party(
        int(answers.get("women", 0)),
        int(answers.get("men", 0)),
        int(answers.get("children", 0)),
        tuple(answers.get("ages") or ()),
    )


def new_request(site_id: int, night: date, closes_at: datetime, answers: Answers) -> NewRequest:
    """Tonight's request from a completed request (or walk-in) form."""
    needs = answers.get("needs") or []
    return NewRequest(
        site_id=site_id,
        night=night,
        closes_at=closes_at,
        alias=str(answers["alias"]),
        party=make_up(answers),
        languages=tuple(answers["languages"]),
        step_free="step_free" in needs,
        medical="medical" in needs,
    )


def check_group(answers: Answers) -> Problem | None:
    """Once the counts are in: nobody at all, too many, or children with no adult."""
    party = make_up(answers)
    if party.size == 0:
        return Problem.EMPTY_GROUP
    if party.size > MAX_GROUP:
        return Problem.GROUP_TOO_LARGE
    if party.group_type is None:
        return Problem.MINORS_ALONE
    return None


WHO = Field("who", Kind.CHOICE, options=("alone", "group", "minor"))
GENDER = Field(
    "gender", Kind.CHOICE, options=("woman", "man"), when=lambda a: a.get("who") == "alone"
)
WOMEN = Field("women", Kind.NUMBER, low=0, high=MAX_GROUP, when=_in_group)
MEN = Field("men", Kind.NUMBER, low=0, high=MAX_GROUP, when=_in_group)
CHILDREN = Field("children", Kind.NUMBER, low=0, high=MAX_GROUP, when=_in_group)
AGES = Field("ages", Kind.MULTI, options=AGE_BANDS, when=_has_children)
SITE = Field("site", Kind.CHOICE, options=_sites)
LANGUAGES = Field("languages", Kind.MULTI, options=tuple(SPOKEN))
NEEDS_FIELD = Field("needs", Kind.MULTI, options=NEEDS, optional=True)
ALIAS = Field("alias", Kind.TEXT, max_length=ALIAS_LENGTH)
CONFIRM = Field("confirm", Kind.CHOICE, options=("confirm",))

# Questions after which the group is checked; a failed check asks the counts again.
GROUP_CHECKED_AFTER = frozenset({"gender", "children"})
GROUP_FIELDS = ("women", "men", "children", "ages")

GUEST_REQUEST = Form(
    "request",
    (WHO, GENDER, WOMEN, MEN, CHILDREN, AGES, SITE, LANGUAGES, NEEDS_FIELD, ALIAS, CONFIRM),
    autofill_single=frozenset({"site"}),
)

# The dispatcher at the meeting point types the alias first and never sees "minor":
# unaccompanied minors are handed to the dedicated service in person.
WALK_IN = Form(
    "walkin",
    (
        ALIAS,
        Field("who", Kind.CHOICE, options=("alone", "group")),
        GENDER,
        WOMEN,
        MEN,
        CHILDREN,
        AGES,
        SITE,
        LANGUAGES,
        NEEDS_FIELD,
        CONFIRM,
    ),
    autofill_single=frozenset({"site"}),
)
