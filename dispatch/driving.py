"""Rules for drivers: the charter, what a form's answers mean, whom a car may carry, when a
shift may still change, and when a weekly pattern asks about tonight."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from dispatch.drivers import CREWS, DriverDetails, DriverProfile, DriverStatus
from dispatch.forms import Answers
from dispatch.groups import FORBIDDEN, GroupType, Household, acceptable_for

# Raise this when the driving charter's text changes: every driver accepts it again.
CHARTER_VERSION = 1

# What decides whom a driver may carry: a change to any of these goes back to a dispatcher.
VETTED_FIELDS = ("crew", "drives", "sites")


def needs_charter(driver: DriverProfile | None) -> bool:
    return driver is None or driver.charter_version != CHARTER_VERSION


def drivable(crew: Household, non_mixite: bool) -> tuple[GroupType, ...]:
    """The groups a crew may offer to drive: the hosts' non-mixité table, unless every site
    the driver drives for switched it off for cars."""
    return acceptable_for(crew) if non_mixite else tuple(GroupType)


def non_mixite_applies(site_ids: Collection[int], mixed_sites: Collection[int]) -> bool:
    """The rule holds unless each chosen site lets cars carry whom the crew forbids."""
    return not site_ids or any(site not in mixed_sites for site in site_ids)


def details_from_answers(answers: Answers, mixed_sites: Collection[int] = ()) -> DriverDetails:
    crew = Household(answers["crew"])
    if crew not in CREWS:
        raise ValueError("not a crew")
    drives = frozenset(GroupType(g) for g in answers["drives"])
    site_ids = tuple(int(s) for s in answers["sites"])
    if non_mixite_applies(site_ids, mixed_sites) and drives & FORBIDDEN.get(crew, frozenset()):
        raise ValueError("the non-mixité rule forbids this choice")
    return DriverDetails(
        display_name=str(answers["display_name"]),
        phone=answers.get("phone") or None,
        crew=crew,
        drives=drives,
        seats=int(answers["seats"]),
        child_seats=int(answers["child_seats"]),
        site_ids=site_ids,
    )


def answers_from_details(details: DriverDetails) -> dict[str, Any]:
    """The form's view of a profile (a new charter is accepted over the saved answers)."""
    return {
        "display_name": details.display_name,
        "phone": details.phone or "",
        "sites": [str(s) for s in details.site_ids],
        "crew": details.crew.value,
        "drives": [group.value for group in GroupType if group in details.drives],
        "seats": str(details.seats),
        "child_seats": str(details.child_seats),
    }


def changes_to_vet(before: DriverDetails, after: DriverDetails) -> tuple[str, ...]:
    """The vetted answers that differ, in VETTED_FIELDS order."""
    changed = {
        "crew": before.crew != after.crew,
        "drives": before.drives != after.drives,
        "sites": set(before.site_ids) != set(after.site_ids),
    }
    return tuple(name for name in VETTED_FIELDS if changed[name])


def may_drive(driver: DriverProfile | None) -> bool:
    """Only a vetted driver declares shifts."""
    return driver is not None and driver.status is DriverStatus.VETTED


def shift_open(now: datetime, closes_at: datetime) -> bool:
    """A shift is set, changed or withdrawn until the site's cut-off; then it stands."""
    return now < closes_at
