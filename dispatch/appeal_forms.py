"""The forms of urgent appeals: a dispatcher composing one, a host choosing whether and when
to receive them."""

from __future__ import annotations

from datetime import time

from dispatch.appeals import Audience
from dispatch.forms import Answers, Choices, Field, Form, Kind
from dispatch.groups import GroupType
from dispatch.languages import SPOKEN

FREE_TEXT_LENGTH = 500
WITHIN = ("any", "7", "30")  # hosts who hosted in the last N days, or any host
QUIET = ("none", "21-08", "22-08", "23-07")  # no appeal between these hours (local time)


def _sites(_: Answers, runtime: Choices) -> tuple[str, ...]:
    return runtime.get("sites", ())


def _audiences(_: Answers, runtime: Choices) -> tuple[str, ...]:
    # Hosts only (and the question skipped) while the dispatcher's sites have no vetted driver.
    return runtime.get("audiences", (Audience.HOSTS.value,))


def _to_hosts(answers: Answers) -> bool:
    return answers.get("audience") != Audience.DRIVERS.value


APPEAL = Form(
    "appeal",
    (
        Field("site", Kind.CHOICE, options=_sites),
        Field("audience", Kind.CHOICE, options=_audiences),
        Field("within", Kind.CHOICE, options=WITHIN, when=_to_hosts),
        Field("languages", Kind.MULTI, options=tuple(SPOKEN), optional=True, when=_to_hosts),
        Field(
            "accepts",
            Kind.MULTI,
            options=tuple(g.value for g in GroupType),
            optional=True,
            when=_to_hosts,
        ),
        Field("text", Kind.PARAGRAPH, max_length=FREE_TEXT_LENGTH, optional=True),
    ),
    autofill_single=frozenset({"site", "audience"}),
)

APPEAL_SETTINGS = Form(
    "appeal_settings",
    (
        Field("appeals", Kind.CHOICE, options=("yes", "no")),
        Field("quiet", Kind.CHOICE, options=QUIET, when=lambda a: a.get("appeals") == "yes"),
    ),
)


def quiet_hours(option: str | None) -> tuple[time | None, time | None]:
    """'22-08' → (22:00, 08:00); 'none' or nothing → no quiet hours."""
    if not option or option == "none" or "-" not in option:
        return None, None
    start, end = option.split("-", 1)
    return time(int(start)), time(int(end))


def within_days(option: str) -> int | None:
    return int(option) if option.isdecimal() else None
