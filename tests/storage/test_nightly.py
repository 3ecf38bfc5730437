"""Hosts, offers, requests, drafts and patterns: one record per person and night."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostStatus, OfferStatus, RequestStatus, Site, WeeklyPattern
from dispatch.party import Party
from dispatch.readmodels import NewRequest
from storage import requests as requests_module
from storage.store import Store

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
NIGHT = date(2026, 11, 23)
CUTOFF = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
DETAILS = HostDetails(
    display_name="Marie",
    phone=None,
    household=Household.SINGLE_WOMAN,
    accepts=frozenset({GroupType.SINGLE_WOMEN}),
    languages=("fr",),
    step_free=True,
    pets=False,
    can_fetch=True,
    site_ids=(1,),
)


@pytest.fixture
async def site(store: Store) -> Site:
    return await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )


async def test_the_default_site_is_created_once(store: Store, site: Site) -> None:
    again = await store.sites.ensure_default(Site(0, "Other", "UTC", time(18), time(22)), NOW)
    assert again == site and len(await store.sites.all()) == 1
    await store.sites.set_text(site.id, "ar", "minors", "خدمة القاصرين")
    assert await store.sites.text(site.id, "ar", "minors") == "خدمة القاصرين"
    assert await store.sites.text(site.id, "fr", "minors") is None


async def test_a_host_registers_once_and_is_vetted(store: Store, site: Site) -> None:
    await store.users.touch(10, NOW)
    host = await store.hosts.register(10, DETAILS, 1, NOW)
    assert host.status is HostStatus.PENDING and host.details == DETAILS
    again = await store.hosts.register(10, DETAILS, 1, NOW)
    assert again.id == host.id
    await store.hosts.set_status(host.id, HostStatus.VETTED, NOW)
    await store.hosts.pause_until(host.id, date(2026, 11, 25), NOW)
    vetted = await store.hosts.get(host.id)
    assert vetted is not None and vetted.status is HostStatus.VETTED
    assert vetted.paused_on(NIGHT) and not vetted.paused_on(date(2026, 11, 26))
    assert await store.hosts.pending() == []


async def test_offering_again_the_same_night_replaces_the_offer(store: Store, site: Site) -> None:
    await store.users.touch(10, NOW)
    host = await store.hosts.register(10, DETAILS, 1, NOW)
    common = {
        "host_id": host.id,
        "site_id": site.id,
        "night": NIGHT,
        "closes_at": CUTOFF,
        "latest_pickup": time(21, 30),
        "nights": 1,
        "note": None,
        "now": NOW,
    }
    first = await store.offers.save(beds=2, **common)  # type: ignore[arg-type]
    await store.offers.withdraw(first.id, NOW)
    second = await store.offers.save(beds=3, **common)  # type: ignore[arg-type]
    assert second.id == first.id and second.beds == 3 and second.status is OfferStatus.ACTIVE
    assert [o.id for o in await store.offers.active_for_round(site.id, NIGHT)] == [first.id]


async def test_one_request_per_guest_and_night(store: Store, site: Site) -> None:
    await store.users.touch(20, NOW)
    new = NewRequest(
        site.id, NIGHT, CUTOFF, "Amina", Party(1, 0, 2, ("3-11",)), ("ar",), False, True
    )
    with pytest.raises(LookupError):
        await store.requests.save_for_user(20, new, NOW)  # no consent yet: nothing stored
    await store.requests.record_consent(20, 1, NOW)
    first = await store.requests.save_for_user(20, new, NOW)
    second = await store.requests.save_for_user(
        20, NewRequest(site.id, NIGHT, CUTOFF, "Amina", Party(1, 0, 1), ("ar",), False, False), NOW
    )
    assert second.id == first.id and second.party.children == 1 and not second.medical
    assert (await store.requests.for_user(20, NIGHT)) == second
    await store.requests.withdraw(second.id, NOW)
    withdrawn = await store.requests.for_user(20, NIGHT)
    assert withdrawn is not None and withdrawn.status is RequestStatus.WITHDRAWN


async def test_walk_ins_get_distinct_codes(store: Store, site: Site) -> None:
    await store.users.touch(30, NOW)
    new = NewRequest(site.id, NIGHT, CUTOFF, "Yonas", Party(0, 1, 0), ("ti",), False, False)
    saved = await store.requests.save_walk_in(30, new, "K7QX", NOW)
    assert saved.walkin_code == "K7QX"
    assert await store.evening.codes(site.id, NIGHT) == {"K7QX"}
    assert [r.alias for r in await store.requests.waiting(site.id, NIGHT)] == ["Yonas"]


async def test_a_walk_in_and_the_end_of_its_form_are_one_change(
    store: Store, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    await store.users.touch(30, NOW)
    form = {"alias": "Yonas", "confirm": "yes"}
    await store.drafts.save(30, "walkin", form, NOW)
    new = NewRequest(site.id, NIGHT, CUTOFF, "Yonas", Party(0, 1, 0), ("ti",), False, False)

    async def disk_full(*_: object, **__: object) -> int:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(requests_module, "_upsert", disk_full)
        with pytest.raises(OSError):
            await store.requests.save_walk_in(30, new, "K7QX", NOW)
    draft = await store.drafts.get(30)  # nothing happened: the form can be sent again
    assert draft is not None and draft.answers == form
    assert await store.requests.waiting(site.id, NIGHT) == []

    await store.requests.save_walk_in(30, new, "K7QX", NOW)
    assert await store.drafts.get(30) is None  # registered once: a redelivered press finds
    assert len(await store.requests.waiting(site.id, NIGHT)) == 1  # no form to finish again


async def test_drafts_and_pattern_reminders(store: Store, site: Site) -> None:
    await store.users.touch(10, NOW)
    await store.drafts.save(10, "offer", {"beds": 2}, NOW)
    draft = await store.drafts.get(10)
    assert draft is not None and draft.answers == {"beds": 2}
    assert await store.drafts.delete(10) and await store.drafts.get(10) is None

    host = await store.hosts.register(10, DETAILS, 1, NOW)
    pattern = WeeklyPattern(host.id, site.id, frozenset({1, 4}), time(16), 2, time(21, 30))
    await store.patterns.save(pattern, NOW)
    assert await store.patterns.get(host.id) == pattern
    assert await store.patterns.claim_reminder(host.id, NIGHT)
    assert not await store.patterns.claim_reminder(host.id, NIGHT)
    assert await store.patterns.delete(host.id)
