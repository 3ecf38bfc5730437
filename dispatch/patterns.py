"""When a weekly pattern (a host's offers, a driver's shifts) asks about tonight."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Protocol

from dispatch.models import Site


class Weekly(Protocol):
    """A weekly pattern, a host's or a driver's: its days, its reminder, the last night asked."""

    @property
    def weekdays(self) -> frozenset[int]: ...
    @property
    def reminder(self) -> time: ...
    @property
    def last_prompted_night(self) -> date | None: ...


def reminder_due(pattern: Weekly, site: Site, now: datetime) -> date | None:
    """The night to ask about, if today is one of the pattern's days and its time has come.

    Only until the cut-off: after it, tonight's dispatch has already been made.
    """
    local = now.astimezone(site.zone)
    night = local.date()
    if local.isoweekday() not in pattern.weekdays:
        return None
    if not pattern.reminder <= local.time() < site.cutoff:
        return None
    if pattern.last_prompted_night is not None and pattern.last_prompted_night >= night:
        return None
    return night
