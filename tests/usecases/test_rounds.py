"""Closing, matching, re-running and releasing: each one transaction, decided here."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from dispatch.matching.model import Evening, Result
from dispatch.models import Site
from dispatch.notices import Side
from storage.store import Store
from tests.storage.test_evening import CUTOFF, NIGHT
from tests.usecases.conftest import LATER, ask, kinds, offer
from usecases import rounds, tick
from usecases.feedback import Verdict, record_feedback
from usecases.proposals import confirm_match
from usecases.rounds import Closing, Release, Rerun
from usecases.services import Services


async def test_a_round_closes_and_matches_once(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 2)
    await ask(store, site, 20)
    await ask(store, site, 21)
    first = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert first.status is Closing.CLOSED and first.outcome is not None
    assert len(first.outcome.matches) == 2 and first.outcome.unplaced == []
    assert first.summary is not None and first.summary.people_matched == 2
    assert first.summary.figures.people_asking == 2
    again = await rounds.close_round(services, site.id, NIGHT, CUTOFF, LATER)
    assert again == rounds.RoundClosing(Closing.ALREADY_DONE)
    assert await kinds(store) == [(10, "match_host"), (10, "match_host")]
    assert await store.evening.groups(site.id, NIGHT) == []


async def test_a_failing_pass_leaves_the_round_as_it_was(
    store: Store, site: Site, services: Services
) -> None:
    """Close, stays and matching are one transaction: a crash in the solver undoes all."""
    await offer(store, site, 10, 2)
    await ask(store, site, 20)

    def broken(_: Evening) -> Result:
        raise RuntimeError("solver crashed")

    with pytest.raises(RuntimeError):
        await rounds.close_round(replace(services, solve=broken), site.id, NIGHT, CUTOFF, CUTOFF)
    assert await store.evening.state(site.id, NIGHT) == (False, False)
    retried = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert retried.status is Closing.CLOSED
    assert retried.outcome is not None and len(retried.outcome.matches) == 1


async def test_an_early_close_is_audited_and_carries_multi_night_stays(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 1, nights=2)
    await ask(store, site, 20)
    first = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF, actor_id=9000)
    assert first.outcome is not None
    [match_id] = first.outcome.matches
    assert await confirm_match(store, match_id, CUTOFF) is not None
    tomorrow = NIGHT + timedelta(1)
    early = CUTOFF + timedelta(hours=20)
    second = await rounds.close_round(services, site.id, tomorrow, early, early, actor_id=9000)
    assert second.status is Closing.CLOSED
    assert second.summary is not None and second.summary.people_matched == 1  # the stay
    entries = [e for e in await store.audit.recent() if e.action == "round.close_early"]
    assert [(e.actor_id, e.detail["night"]) for e in entries] == [
        (9000, tomorrow.isoformat()),
        (9000, NIGHT.isoformat()),
    ]


async def test_a_rerun_waits_for_the_cut_off_then_matches_and_is_audited(
    store: Store, site: Site, services: Services
) -> None:
    await ask(store, site, 20)
    before = await rounds.rerun(services, site.id, NIGHT, 9000, CUTOFF)
    assert before == rounds.RerunResult(Rerun.BEFORE_CUTOFF)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None and closed.outcome.unplaced != []
    await offer(store, site, 10, 1)
    done = await rounds.rerun(services, site.id, NIGHT, 9000, LATER)
    assert done.status is Rerun.DONE and done.outcome is not None
    assert len(done.outcome.matches) == 1
    assert [e.action for e in await store.audit.recent()].count("round.rerun") == 1


async def test_a_declined_proposal_goes_to_another_host_and_the_offer_stays(
    store: Store, site: Site, services: Services
) -> None:
    first_offer = await offer(store, site, 10, 1)
    await ask(store, site, 20)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None
    [match_id] = closed.outcome.matches
    second_offer = await offer(store, site, 11, 1, name="Anna")
    await kinds(store)
    view = await rounds.release_proposal(services, match_id, Release.DECLINED, LATER)
    assert view is not None and view.offer_id == first_offer
    assert await rounds.release_proposal(services, match_id, Release.DECLINED, LATER) is None
    assert await kinds(store) == [(11, "match_host")]  # re-dispatched in the same transaction
    assert first_offer in [p.id for p in await store.evening.places(site.id, NIGHT)]
    live = await store.evening.live_for_guest(20, NIGHT)
    assert live is not None and live.offer_id == second_offer


async def test_a_silent_host_loses_tonight_s_offer_and_is_told(
    store: Store, site: Site, services: Services
) -> None:
    """The decision that storage used to make (evening.release) is the use case's."""
    silent = await offer(store, site, 10, 2)
    await ask(store, site, 20)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None
    await kinds(store)
    window = timedelta(minutes=30)
    assert await rounds.expire_proposals(services, CUTOFF + timedelta(minutes=29), window) == []
    [view] = await rounds.expire_proposals(services, CUTOFF + timedelta(minutes=31), window)
    assert view.offer_id == silent
    assert silent not in [p.id for p in await store.evening.places(site.id, NIGHT)]
    assert await kinds(store) == [(10, "expired"), (20, "waiting")]


async def test_the_tick_closes_the_round_at_its_cut_off(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 1)
    await ask(store, site, 20)
    window = timedelta(minutes=30)
    early = await tick.evening_tick(services, [site], CUTOFF - timedelta(minutes=1), window)
    assert early.closings == [] and await store.evening.state(site.id, NIGHT) == (False, False)
    done = await tick.evening_tick(services, [site], CUTOFF, window)
    [closing] = done.closings
    assert closing.summary is not None and closing.summary.people_matched == 1
    again = await tick.evening_tick(services, [site], LATER, window)
    assert again.closings == []


async def test_a_reported_problem_blocks_the_pair_and_is_audited_at_once(
    store: Store, site: Site, services: Services
) -> None:
    await offer(store, site, 10, 1)
    await ask(store, site, 20)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None
    [match] = closed.outcome.matches
    morning = CUTOFF + timedelta(hours=14)
    assert await record_feedback(services, match, Side.GUEST, Verdict.PROBLEM, morning)
    assert not await record_feedback(services, match, Side.GUEST, Verdict.GOOD, morning)
    view = await store.evening.view(match)
    assert view is not None
    assert (view.host_id, view.guest_id) in await store.evening.blocked_pairs(NIGHT + timedelta(9))
    assert [e.action for e in await store.audit.recent()].count("match.problem") == 1
