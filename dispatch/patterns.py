"""When a weekly pattern asks its host to confirm tonight's offer."""

from __future__ import annotations

from datetime import date, datetime

from dispatch.models import Site, WeeklyPattern


def reminder_due(pattern: WeeklyPattern, site: Site, now: datetime) -> date | None:
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
