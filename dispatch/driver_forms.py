"""The drivers' forms: registration (after the charter), tonight's shift, the weekly pattern."""

from __future__ import annotations

from dispatch.drivers import CREWS
from dispatch.driving import drivable, non_mixite_applies
from dispatch.forms import Answers, Choices, Field, Form, Kind
from dispatch.groups import Household
from dispatch.host_forms import REMINDER_TIMES, WEEKDAYS

SHIFT_TIMES = ("19:00", "20:00", "21:00", "22:00", "23:00", "00:00")
MAX_SEATS = 8
MAX_CHILD_SEATS = 4
MAX_TRIPS = 10


def _sites(_: Answers, runtime: Choices) -> tuple[str, ...]:
    return runtime.get("sites", ())


def _drives(answers: Answers, runtime: Choices) -> tuple[str, ...]:
    """Whom this crew may drive: the non-mixité table unless each chosen site switched it off
    for cars (the run-time choice "mixed" lists those sites)."""
    crew = answers.get("crew")
    if crew not in {c.value for c in CREWS}:
        return ()
    sites = [int(s) for s in answers.get("sites", ())]
    mixed = [int(s) for s in runtime.get("mixed", ())]
    rule = non_mixite_applies(sites, mixed)
    return tuple(group.value for group in drivable(Household(crew), rule))


DRIVER_FIELDS: tuple[Field, ...] = (
    Field("charter", Kind.CHOICE, options=("accept",)),
    Field("display_name", Kind.TEXT, max_length=40),
    Field("phone", Kind.PHONE),
    Field("sites", Kind.MULTI, options=_sites),
    Field("crew", Kind.CHOICE, options=tuple(c.value for c in CREWS)),
    Field("drives", Kind.MULTI, options=_drives),
    Field("seats", Kind.NUMBER, low=1, high=MAX_SEATS),
    Field("child_seats", Kind.NUMBER, low=0, high=MAX_CHILD_SEATS),
)

DRIVER_REGISTRATION = Form(
    "driver",
    (*DRIVER_FIELDS, Field("confirm", Kind.CHOICE, options=("confirm",))),
    autofill_single=frozenset({"sites"}),
)

SHIFT = Form(
    "shift",
    (
        Field("site", Kind.CHOICE, options=_sites),
        Field("starts", Kind.TIME, presets=SHIFT_TIMES),
        Field("ends", Kind.TIME, presets=SHIFT_TIMES),
        Field("seats", Kind.NUMBER, low=1, high=MAX_SEATS),
        Field("trips", Kind.NUMBER, low=1, high=MAX_TRIPS),
        Field("confirm", Kind.CHOICE, options=("confirm",)),
    ),
    autofill_single=frozenset({"site"}),
)

DRIVER_PATTERN = Form(
    "drive_pattern",
    (
        Field("weekdays", Kind.MULTI, options=WEEKDAYS),
        Field("reminder", Kind.TIME, presets=REMINDER_TIMES),
        Field("site", Kind.CHOICE, options=_sites),
        Field("starts", Kind.TIME, presets=SHIFT_TIMES),
        Field("ends", Kind.TIME, presets=SHIFT_TIMES),
        Field("seats", Kind.NUMBER, low=1, high=MAX_SEATS),
        Field("trips", Kind.NUMBER, low=1, high=MAX_TRIPS),
    ),
    autofill_single=frozenset({"site"}),
)
