"""The questions of a report (which stay it is about, what happened) and of a block (why)."""

from __future__ import annotations

from datetime import timedelta

from dispatch.forms import Answers, Choices, Field, Form, Kind
from dispatch.models import Reporter

REPORT_LENGTH = 500
BLOCK_REASON_LENGTH = 300
NO_STAY = "0"  # the report is about something else than one of the reporter's stays
# Every report alerts every dispatcher at once. Someone in trouble is heard three times a day;
# beyond that, the alerts would bury the others', so the reporter is sent to a person instead.
REPORTS_PER_WINDOW = 3
REPORT_WINDOW = timedelta(hours=24)


def may_report(sent_in_window: int) -> bool:
    """Whether one more report may go to the dispatchers, given those sent in the window."""
    return sent_in_window < REPORTS_PER_WINDOW


def _stays(_: Answers, runtime: Choices) -> tuple[str, ...]:
    """The reporter's recent stays, known only at run time, then "something else"."""
    return (*runtime.get("match", ()), NO_STAY)


# "match" is answered before the form starts when the reporter has at most one recent stay;
# a host with several groups is asked which one the report is about.
REPORT = Form(
    "report",
    (
        Field("match", Kind.CHOICE, options=_stays),
        Field("body", Kind.PARAGRAPH, max_length=REPORT_LENGTH),
    ),
)
BLOCK = Form("block", (Field("reason", Kind.PARAGRAPH, max_length=BLOCK_REASON_LENGTH),))


def side_of(reporter_id: int, host_user_id: int, guest_user_id: int | None) -> Reporter | None:
    """Which side of a stay the reporter is on; None if they are neither (a forged choice)."""
    if reporter_id == host_user_id:
        return Reporter.HOST
    if guest_user_id is not None and reporter_id == guest_user_id:
        return Reporter.GUEST
    return None
