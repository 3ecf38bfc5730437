"""The guests' request for tonight, and the dispatchers' walk-in intake that mirrors it.

We ask only what the night needs: who is in the group (the safety rules depend on it),
languages, needs as flags, and a first name or alias. No documents, photos or phone numbers.
"""

from __future__ import annotations

from dispatch.forms import Answers, Choices, Field, Form, Kind
from dispatch.groups import GroupType, group_type
from dispatch.inputs import Problem
from dispatch.languages import SPOKEN

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


def make_up(answers: Answers) -> tuple[int, int, int]:
    """(women, men, children) from any path through the questions.

    A guest alone answers in one tap ("a woman, alone"); the walk-in intake (and a draft begun
    before that button existed) asks "alone" and then the gender."""
    who = answers.get("who")
    if who in ("woman", "man"):
        return (1, 0, 0) if who == "woman" else (0, 1, 0)
    if who == "alone":
        return (1, 0, 0) if answers.get("gender") == "woman" else (0, 1, 0)
    return int(answers.get("women", 0)), int(answers.get("men", 0)), int(answers.get("children", 0))


def check_group(answers: Answers) -> Problem | None:
    """Once the counts are in: nobody at all, too many, or children with no adult."""
    women, men, children = make_up(answers)
    if women + men + children == 0:
        return Problem.EMPTY_GROUP
    if women + men + children > MAX_GROUP:
        return Problem.GROUP_TOO_LARGE
    if group_type(women, men, children) is None:
        return Problem.MINORS_ALONE
    return None


def group_of(answers: Answers) -> GroupType | None:
    return group_type(*make_up(answers))


# A person alone says who they are in the same tap: one question fewer for a tired guest.
WHO = Field("who", Kind.CHOICE, options=("woman", "man", "group", "minor"))
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
