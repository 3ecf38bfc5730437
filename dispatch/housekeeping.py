"""How long the tables that would otherwise only grow keep their rows (storage/housekeeping.py).

The nightly records have their own retention (dispatch/retention.py, the privacy purge);
this bounds the rest: appeals and their thousands of recipient rows go with their night,
used or expired invites with the records, and the audit log after AUDIT_DAYS (who decided
what stays long enough for any question about a season; free texts are gone long before).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dispatch.retention import window

AUDIT_DAYS = 730


@dataclass(frozen=True)
class TidyWindow:
    nights_before: date  # appeals for nights before this are over
    records_before: datetime  # invites used or expired before this
    audit_before: datetime


def tidy_window(now: datetime, retention_days: int) -> TidyWindow:
    """The bounds for one tidy-up at `now`; storage never reads the clock."""
    purge = window(now, retention_days)
    audit_days = max(AUDIT_DAYS, retention_days)
    return TidyWindow(purge.before, purge.records_before, now - timedelta(days=audit_days))
