"""Blocking someone takes them out of tonight's dispatch in the same transaction."""

from __future__ import annotations

from dispatch.models import Site
from storage.store import Store
from tests.storage.test_evening import CUTOFF, NIGHT
from tests.usecases.conftest import LATER, ask, kinds, offer
from usecases import rounds
from usecases.blocking import Blocked, block_person, take_out_host, unblock_person
from usecases.services import Services


async def test_a_blocked_host_s_guests_go_to_another_home(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 1)
    await ask(store, site, 20)
    await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    await offer(store, site, 11, 1, name="Anna")
    await kinds(store)
    done = await block_person(services, 10, "threats", 9000, LATER)
    assert done == Blocked(True, offers=1, requests=0)
    assert await block_person(services, 10, "again", 9000, LATER) == Blocked(False)
    assert await kinds(store) == [(10, "blocked"), (11, "match_host")]
    live = await store.evening.live_for_guest(20, NIGHT)
    assert live is not None and live.host_name == "Anna"


async def test_a_blocked_guest_s_request_is_withdrawn_and_the_bed_goes_to_another(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 1)
    await ask(store, site, 20)
    await ask(store, site, 21)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None and len(closed.outcome.unplaced) == 1
    placed = await store.evening.live_for_guest(20, NIGHT) or await store.evening.live_for_guest(
        21, NIGHT
    )
    assert placed is not None
    blocked, other = (20, 21) if placed.guest_chat_id == 20 else (21, 20)
    await kinds(store)
    done = await block_person(services, blocked, "violence", 9000, LATER)
    assert done == Blocked(True, offers=0, requests=1)
    assert await kinds(store) == [(10, "cancelled"), (10, "match_host"), (blocked, "blocked")]
    assert (await store.evening.live_for_guest(other, NIGHT)) is not None


async def test_a_suspended_host_s_offers_go(store: Store, site: Site, services: Services) -> None:
    first = await offer(store, site, 10, 1)
    host = await store.hosts.by_user(10)
    assert host is not None
    assert await take_out_host(services, host.id, 9000, "suspended", LATER) == 1
    assert first not in [p.id for p in await store.evening.places(site.id, NIGHT)]
    assert await take_out_host(services, host.id, 9000, "suspended", LATER) == 0


async def test_unblocking_tells_the_person_once(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 1)
    assert not await unblock_person(services, 10, 9000, LATER)
    await block_person(services, 10, "threats", 9000, LATER)
    await kinds(store)
    assert await unblock_person(services, 10, 9000, LATER)
    assert not await unblock_person(services, 10, 9000, LATER)
    assert await kinds(store) == [(10, "unblocked")]
