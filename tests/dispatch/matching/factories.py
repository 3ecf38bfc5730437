"""Small builders so each test states only what matters to it."""

from __future__ import annotations

from dispatch.groups import GroupType, Household
from dispatch.matching.model import Group, Place

EVERYONE = frozenset(GroupType)


def group(
    gid: int,
    women: int = 0,
    men: int = 1,
    children: int = 0,
    *,
    site: int = 1,
    arrival: int | None = None,
    guest: int | None = None,
    languages: frozenset[str] = frozenset(),
    step_free: bool = False,
    medical: bool = False,
    nights: int = 0,
    previous_host: int | None = None,
) -> Group:
    return Group(
        id=gid,
        guest_id=1000 + gid if guest is None else guest,
        site_id=site,
        women=women,
        men=men,
        children=children,
        languages=languages,
        step_free=step_free,
        medical=medical,
        arrival=gid if arrival is None else arrival,
        nights_without_bed=nights,
        previous_host_id=previous_host,
    )


def place(
    pid: int,
    beds: int = 2,
    *,
    site: int = 1,
    host: int | None = None,
    household: Household = Household.COUPLE,
    accepts: frozenset[GroupType] = EVERYONE,
    languages: frozenset[str] = frozenset(),
    step_free: bool = False,
    eligible: bool = True,
) -> Place:
    return Place(
        id=pid,
        host_id=500 + pid if host is None else host,
        site_id=site,
        beds=beds,
        household=household,
        accepts=accepts,
        languages=languages,
        step_free=step_free,
        eligible=eligible,
    )
