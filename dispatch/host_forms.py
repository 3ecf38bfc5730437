"""The hosts' forms: registration (after the charter), tonight's offer, the weekly pattern."""

from __future__ import annotations

from dispatch.forms import Answers, Choices, Field, Form, Kind
from dispatch.groups import Household, acceptable_for
from dispatch.languages import SPOKEN

YES_NO = ("yes", "no")
PICKUP_TIMES = ("20:00", "20:30", "21:00", "21:30", "22:00", "22:30")
REMINDER_TIMES = ("10:00", "12:00", "14:00", "16:00", "17:00", "18:00")
PAUSE_DAYS = ("1", "3", "7", "14", "30")
WEEKDAYS = ("1", "2", "3", "4", "5", "6", "7")  # ISO: Monday is 1
NOTE_LENGTH = 200


def _sites(_: Answers, runtime: Choices) -> tuple[str, ...]:
    return runtime.get("sites", ())


def _accepts(answers: Answers, _: Choices) -> tuple[str, ...]:
    household = answers.get("household")
    if household not in set(Household):
        return ()
    return tuple(group.value for group in acceptable_for(Household(household)))


HOST_FIELDS: tuple[Field, ...] = (
    Field("charter", Kind.CHOICE, options=("accept",)),
    Field("display_name", Kind.TEXT, max_length=40),
    Field("phone", Kind.PHONE, optional=True),
    Field("sites", Kind.MULTI, options=_sites),
    Field("household", Kind.CHOICE, options=tuple(h.value for h in Household)),
    Field("accepts", Kind.MULTI, options=_accepts),
    Field("languages", Kind.MULTI, options=tuple(SPOKEN)),
    Field("step_free", Kind.CHOICE, options=YES_NO),
    Field("pets", Kind.CHOICE, options=YES_NO),
    Field("can_fetch", Kind.CHOICE, options=YES_NO),
)

HOST_REGISTRATION = Form(
    "host",
    (*HOST_FIELDS, Field("confirm", Kind.CHOICE, options=("confirm",))),
    autofill_single=frozenset({"sites"}),
)

# A profile answer can be changed on its own; the household re-asks whom they accept,
# because the non-mixité rule may no longer allow the earlier choice.
EDITABLE = (
    "display_name",
    "phone",
    "sites",
    "household",
    "languages",
    "step_free",
    "pets",
    "can_fetch",
    "accepts",
)


def edit_form(name: str) -> Form:
    fields = [HOST_REGISTRATION.field(name)]
    if name == "household":
        fields.append(HOST_REGISTRATION.field("accepts"))
    return Form(f"edit_{name}", tuple(fields))


OFFER = Form(
    "offer",
    (
        Field("beds", Kind.NUMBER, low=1, high=10),
        Field("site", Kind.CHOICE, options=_sites),
        Field("latest_pickup", Kind.TIME, presets=PICKUP_TIMES),
        Field("nights", Kind.NUMBER, low=1, high=14),
        Field("note", Kind.TEXT, max_length=NOTE_LENGTH, optional=True),
        Field("confirm", Kind.CHOICE, options=("confirm",)),
    ),
    autofill_single=frozenset({"site"}),
)

# Beds, place and pickup time come from tonight's offer when there is one.
WEEKLY_PATTERN = Form(
    "pattern",
    (
        Field("weekdays", Kind.MULTI, options=WEEKDAYS),
        Field("reminder", Kind.TIME, presets=REMINDER_TIMES),
        Field("beds", Kind.NUMBER, low=1, high=10),
        Field("site", Kind.CHOICE, options=_sites),
        Field("latest_pickup", Kind.TIME, presets=PICKUP_TIMES),
    ),
    autofill_single=frozenset({"site"}),
)

PAUSE = Form("pause", (Field("days", Kind.CHOICE, options=PAUSE_DAYS),))
