"""Storage tests' hosts: a vetted host in one call, with what each test cares about."""

from __future__ import annotations

from datetime import datetime

from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostProfile, HostStatus
from storage.store import Store


async def vetted_host(
    store: Store,
    user_id: int,
    site_id: int,
    now: datetime,
    *,
    name: str = "Marie",
    phone: str | None = None,
    household: Household = Household.SINGLE_WOMAN,
    languages: tuple[str, ...] = ("fr",),
) -> HostProfile:
    """Registered, charter accepted, approved; accepts single women."""
    details = HostDetails(
        name,
        phone,
        household,
        frozenset({GroupType.SINGLE_WOMEN}),
        languages,
        False,
        False,
        True,
        (site_id,),
    )
    host = await store.hosts.register(user_id, details, 1, now)
    await store.hosts.set_status(host.id, HostStatus.VETTED, now)
    return host
