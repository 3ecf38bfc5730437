"""An evening at one site, written through the repositories (fast enough for 800 groups):
vetted hosts with tonight's offers, guests who asked for a bed, a dispatcher of that site."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from dispatch.accounts import Role
from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostStatus, Site
from dispatch.nights import cutoff_instant, evening_for
from dispatch.party import Party
from dispatch.privacy import CONSENT_VERSION
from dispatch.readmodels import NewRequest
from storage.store import Store

LANGUAGES = ("fr", "nl", "en", "ar")
# (women, men, children) in turn: single women, single men, mothers, families, couples.
MAKE_UPS = ((1, 0, 0), (0, 1, 0), (1, 0, 2), (1, 1, 1), (1, 1, 0))


@dataclass
class Evening:
    site: Site
    host_users: list[int] = field(default_factory=list)
    guest_users: list[int] = field(default_factory=list)
    offers: list[int] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)


async def dispatcher(store: Store, user_id: int, site: Site, now: datetime, locale: str) -> None:
    """A dispatcher of this site only, whose saved language is `locale`."""
    await store.users.touch(user_id, now)
    await store.users.set_locale(user_id, locale, now)
    await store.users.grant(user_id, Role.DISPATCHER, now, site_id=site.id)


async def seed(
    store: Store, site: Site, now: datetime, *, hosts: int, groups: int, first_user: int
) -> Evening:
    """`hosts` vetted hosts offering 1 to 4 beds and `groups` requests, for tonight at `site`."""
    night = evening_for(now, site.zone, site.evening_end)
    closes_at = cutoff_instant(night, site.cutoff, site.zone)
    evening = Evening(site)
    for number in range(hosts):
        user_id = first_user + number
        household = (Household.SINGLE_WOMAN, Household.COUPLE, Household.FAMILY)[number % 3]
        accepts = frozenset(GroupType) - (
            {GroupType.SINGLE_MEN} if household is Household.SINGLE_WOMAN else set()
        )
        details = HostDetails(
            f"Host {number}", f"+32 470 {number:06d}", household, accepts,
            (LANGUAGES[number % 4],), number % 5 == 0, False, True, (site.id,),
        )  # fmt: skip
        await store.users.touch(user_id, now)
        host = await store.hosts.register(user_id, details, 1, now)
        await store.hosts.set_status(host.id, HostStatus.VETTED, now)
        offer = await store.offers.save(
            host_id=host.id, site_id=site.id, night=night, closes_at=closes_at,
            beds=1 + number % 4, latest_pickup=time(21, 30), nights=1, note=None, now=now,
        )  # fmt: skip
        evening.host_users.append(user_id)
        evening.offers.append(offer.id)
    for number in range(groups):
        user_id = first_user + hosts + number
        women, men, children = MAKE_UPS[number % len(MAKE_UPS)]
        await store.users.touch(user_id, now)
        await store.requests.record_consent(user_id, CONSENT_VERSION, now)
        party = Party(women, men, children, ("3-11",) if children else ())
        new = NewRequest(
            site.id, night, closes_at, f"G{number}", party, (LANGUAGES[number % 4],), False, False
        )
        request = await store.requests.save_for_user(user_id, new, now)
        evening.guest_users.append(user_id)
        evening.requests.append(request.id)
    return evening
