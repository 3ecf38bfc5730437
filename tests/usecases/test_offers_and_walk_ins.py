"""An offer or a walk-in after the matching is matched at once; codes never collide."""

from __future__ import annotations

from datetime import time

from dispatch.models import Site
from dispatch.party import Party
from dispatch.readmodels import NewRequest
from storage.store import Store
from tests.storage.people import vetted_host
from tests.storage.test_evening import CUTOFF, NIGHT
from tests.usecases.conftest import LATER, ask, kinds, offer
from usecases import rounds
from usecases.offers import OfferTerms, save_offer
from usecases.requests import withdraw_request
from usecases.services import Services
from usecases.walkins import register_walk_in


async def test_an_offer_before_the_cut_off_waits_for_it(
    store: Store, site: Site, services: Services
) -> None:
    await ask(store, site, 20)
    await offer(store, site, 10, 1)
    host = await store.hosts.by_user(10)
    assert host is not None
    terms = OfferTerms(2, time(22))
    before = CUTOFF.replace(hour=17)
    saved = await save_offer(services, host.id, 10, site.id, NIGHT, CUTOFF, terms, before)
    assert not saved.late and saved.outcome is None
    assert [e.action for e in await store.audit.recent()] == ["offer.save"]
    assert [p.beds for p in await store.evening.places(site.id, NIGHT)] == [2]


async def test_a_late_offer_is_matched_at_once_with_who_waits(
    store: Store, site: Site, services: Services
) -> None:
    await ask(store, site, 20)
    await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    await kinds(store)
    await store.users.touch(10, CUTOFF)
    host = await vetted_host(store, 10, site.id, CUTOFF)
    terms = OfferTerms(1, time(22))
    saved = await save_offer(services, host.id, 10, site.id, NIGHT, CUTOFF, terms, LATER)
    assert saved.late and saved.outcome is not None and len(saved.outcome.matches) == 1
    assert await kinds(store) == [(10, "match_host")]


async def test_a_walk_in_s_code_avoids_the_codes_of_tonight_s_matches(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 1)
    await ask(store, site, 20)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None
    [match] = closed.outcome.matches
    view = await store.evening.view(match)
    assert view is not None
    await store.users.touch(9000, CUTOFF)
    new = NewRequest(site.id, NIGHT, CUTOFF, "Yonas", Party(0, 1, 0), ("ti",), False, False)
    walk_in = await register_walk_in(services, 9000, new, LATER)
    assert walk_in.code != view.code and walk_in.request.walkin_code == walk_in.code
    assert await store.evening.codes(site.id, NIGHT) == {view.code, walk_in.code}
    assert walk_in.outcome is not None and walk_in.outcome.unplaced == [walk_in.request.id]
    assert "walkin.register" in [e.action for e in await store.audit.recent()]


async def test_a_withdrawn_request_ends_its_match_in_one_change(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 1)
    request = await ask(store, site, 20)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None
    await kinds(store)
    await withdraw_request(services, request, LATER)
    assert await store.evening.live_for_guest(20, NIGHT) is None
    assert await kinds(store) == [(10, "cancelled")]
    withdrawn = await store.requests.by_id(request)
    assert withdrawn is not None and withdrawn.status.value == "withdrawn"
