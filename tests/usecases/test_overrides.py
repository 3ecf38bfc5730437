"""The board's corrections: a move under the hard rules, a host taken out for tonight."""

from __future__ import annotations

from datetime import time

from dispatch.groups import Household
from dispatch.models import Site
from storage.store import Store
from tests.storage.people import vetted_host
from tests.storage.test_evening import CUTOFF, NIGHT, NOW
from tests.usecases.conftest import LATER, ask, kinds, offer
from usecases import overrides, rounds
from usecases.overrides import Moved
from usecases.services import Services


async def _matched(store: Store, site: Site, services: Services) -> tuple[int, int]:
    """Guest 20 proposed to host 10; returns (request, match)."""
    await offer(store, site, 10, 1)
    request = await ask(store, site, 20)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None
    [match] = closed.outcome.matches
    await kinds(store)
    return request, match


async def test_a_group_moves_to_another_home_with_the_note_in_the_audit(
    store: Store, site: Site, services: Services
) -> None:
    request, match = await _matched(store, site, services)
    other = await offer(store, site, 11, 2, name="Anna")
    moved = await overrides.move_group(services, site.id, request, other, 9000, "knows her", LATER)
    assert moved.status is Moved.MOVED and moved.view is not None
    assert (moved.view.host_name, moved.view.request_id) == ("Anna", request)
    assert (await store.evening.view(match)).status == "cancelled"  # type: ignore[union-attr]
    assert await kinds(store) == [(10, "moved_away"), (11, "match_host")]
    [entry] = [e for e in await store.audit.recent() if e.action == "match.move"]
    assert (entry.actor_id, entry.detail["note"]) == (9000, "knows her")


async def test_a_move_that_breaks_a_hard_rule_is_refused_with_the_reason(
    store: Store, site: Site, services: Services
) -> None:
    request, _ = await _matched(store, site, services)
    await store.users.touch(12, NOW)
    man = await vetted_host(store, 12, site.id, NOW, name="Tom", household=Household.SINGLE_MAN)
    saved = await store.offers.save(
        host_id=man.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=1,
        latest_pickup=time(22),
        nights=1,
        note=None,
        now=NOW,
    )
    refused = await overrides.move_group(services, site.id, request, saved.id, 9000, "", LATER)
    assert refused.status is Moved.REFUSED and refused.view is None
    assert refused.reason is not None
    assert await kinds(store) == []


async def test_a_move_checks_the_site(store: Store, site: Site, services: Services) -> None:
    request, _ = await _matched(store, site, services)
    other = await offer(store, site, 11, 2, name="Anna")
    stale = await overrides.move_group(services, site.id + 1, request, other, 9000, "", LATER)
    assert stale == overrides.MoveResult(Moved.STALE)


async def test_a_host_taken_out_has_their_groups_dispatched_again_at_once(
    store: Store, site: Site, services: Services
) -> None:
    _, match = await _matched(store, site, services)
    first = (await store.evening.view(match)).offer_id  # type: ignore[union-attr]
    await offer(store, site, 11, 2, name="Anna")
    out = await overrides.take_out_offer(services, first, 9000, "ill", LATER)
    assert out == overrides.TakeOutResult(True, 1)
    assert await overrides.take_out_offer(services, first, 9000, "ill", LATER) == (
        overrides.TakeOutResult(False)
    )
    assert await kinds(store) == [(10, "taken_out"), (11, "match_host")]
    live = await store.evening.live_for_guest(20, NIGHT)
    assert live is not None and live.host_name == "Anna"
