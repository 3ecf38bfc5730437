"""Rules for hosts: the charter, what a form's answers mean, who may be offered guests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dispatch.forms import Answers
from dispatch.groups import FORBIDDEN, GroupType, Household
from dispatch.models import HostDetails, HostProfile, HostStatus

# Raise this when the charter's text changes: every host is asked to accept it again.
CHARTER_VERSION = 1


def needs_charter(host: HostProfile | None) -> bool:
    return host is None or host.charter_version != CHARTER_VERSION


def details_from_answers(answers: Answers) -> HostDetails:
    household = Household(answers["household"])
    accepts = frozenset(GroupType(a) for a in answers["accepts"])
    if accepts & FORBIDDEN.get(household, frozenset()):
        raise ValueError("the non-mixité rule forbids this choice")
    return HostDetails(
        display_name=str(answers["display_name"]),
        phone=answers.get("phone") or None,
        household=household,
        accepts=accepts,
        languages=tuple(answers["languages"]),
        step_free=answers["step_free"] == "yes",
        pets=answers["pets"] == "yes",
        can_fetch=answers["can_fetch"] == "yes",
        site_ids=tuple(int(s) for s in answers["sites"]),
    )


def answers_from_details(details: HostDetails) -> dict[str, Any]:
    """The form's view of a profile, so one question can be asked again on its own."""
    return {
        "display_name": details.display_name,
        "phone": details.phone or "",
        "household": details.household.value,
        "accepts": [group.value for group in GroupType if group in details.accepts],
        "languages": list(details.languages),
        "step_free": "yes" if details.step_free else "no",
        "pets": "yes" if details.pets else "no",
        "can_fetch": "yes" if details.can_fetch else "no",
        "sites": [str(s) for s in details.site_ids],
    }


def may_offer(host: HostProfile, night: date) -> bool:
    """Only vetted, active hosts offer beds; a paused host is asked to resume first."""
    return host.status is HostStatus.VETTED and not host.paused_on(night)


def pause_end(today: date, days: int) -> date:
    """Paused for N days starting today: the last paused night."""
    return today + timedelta(days=days - 1)


# What decides whom a host may be sent: a change to any of these is checked by a dispatcher again.
VETTED_FIELDS = ("household", "accepts", "sites")


def changes_to_vet(before: HostDetails, after: HostDetails) -> tuple[str, ...]:
    """The answers, among those a dispatcher vetted, that differ (in VETTED_FIELDS order)."""
    changed = {
        "household": before.household != after.household,
        "accepts": before.accepts != after.accepts,
        "sites": set(before.site_ids) != set(after.site_ids),
    }
    return tuple(name for name in VETTED_FIELDS if changed[name])
