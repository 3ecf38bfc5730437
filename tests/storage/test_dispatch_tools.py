"""The dispatchers' storage: the board's snapshot, moves (usecases.overrides.move_in on a real
file) and take-outs, vetting decisions, invites and grants — each one transaction with its
notices and its audit entry."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import partial

from dispatch.accounts import Role
from dispatch.board import summarize
from dispatch.evening import Decision
from dispatch.groups import GroupType, Household
from dispatch.models import HostStatus, MatchStatus
from storage import overrides
from storage.store import Store
from tests.storage.outbox_helpers import claim_due
from tests.storage.people import vetted_host
from tests.storage.test_evening import CUTOFF, NIGHT, NOW, evening
from usecases.hosts import decide_host
from usecases.overrides import move_in
from usecases.proposals import confirm_match, record_pass
from usecases.roles import redeem_invite, revoke_role
from usecases.services import Services

__all__ = ["evening"]  # the fixture, shared with the round's storage tests


async def _second_offer(store: Store, site_id: int) -> int:
    await store.users.touch(11, NOW)
    host = await vetted_host(
        store, 11, site_id, NOW, name="Anna", household=Household.COUPLE, languages=("nl",)
    )
    offer = await store.offers.save(
        host_id=host.id,
        site_id=site_id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=3,
        latest_pickup=time(22),
        nights=1,
        note=None,
        now=NOW,
    )
    return offer.id


async def _kinds(store: Store) -> list[tuple[int, str]]:
    return sorted((n.chat_id, n.kind) for n in await claim_due(store, CUTOFF + timedelta(1)))


async def test_the_board_counts_each_request_in_the_furthest_state_it_reached(
    evening: tuple,  # type: ignore[type-arg]
) -> None:
    store, site, offer_id, requests = evening
    requests_rows, offers = await store.board.snapshot(site.id, NIGHT)
    before = summarize(requests_rows, offers, NIGHT, datetime(2026, 11, 23, 18, 30))
    assert (before.beds_offered, before.beds_free, before.count("waiting")) == (2, 2, 2)
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    [match] = await record_pass(
        store, site.id, NIGHT, [Decision(requests[0], offer_id, "K7QX", "[]")], [], CUTOFF
    )
    await confirm_match(store, match, CUTOFF)
    rows, offers = await store.board.snapshot(site.id, NIGHT)
    evening_ = summarize(rows, offers, NIGHT, datetime(2026, 11, 23, 21, 0))
    assert evening_.people == {"waiting": 1, "confirmed": 1} and evening_.beds_free == 1
    late = summarize(rows, offers, NIGHT, datetime(2026, 11, 23, 21, 45))  # pickup was 21:30
    assert late.people == {"waiting": 1, "no_show": 1}
    assert late.by_type == {GroupType.SINGLE_WOMEN: 2}


async def test_a_move_ends_the_old_match_and_proposes_the_new_host(
    evening: tuple,  # type: ignore[type-arg]
) -> None:
    store, site, offer_id, requests = evening
    other = await _second_offer(store, site.id)
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    [match] = await record_pass(
        store, site.id, NIGHT, [Decision(requests[0], offer_id, "K7QX", "[]")], [], CUTOFF
    )
    await confirm_match(store, match, CUTOFF)
    await claim_due(store, CUTOFF + timedelta(1))  # the original notices went out
    same = await store.db.run(
        lambda tx: move_in(tx, requests[0], offer_id, "AB12", 9000, "x", CUTOFF)
    )
    assert same is None  # already with this host
    moved = await store.db.run(
        lambda tx: move_in(tx, requests[0], other, "AB12", 9000, "knows them", CUTOFF)
    )
    assert moved is not None
    assert (await store.evening.view(match)).status == "cancelled"  # type: ignore[union-attr]
    assert (await store.evening.view(moved)).host_name == "Anna"  # type: ignore[union-attr]
    assert await _kinds(store) == [(10, "moved_away"), (11, "match_host"), (20, "host_changed")]
    [entry] = [e for e in await store.audit.recent() if e.action == "match.move"]
    assert (entry.actor_id, entry.detail["note"]) == (9000, "knows them")


async def test_withdrawing_an_offer_and_cancelling_its_matches_tells_nobody(
    evening: tuple,  # type: ignore[type-arg]
) -> None:
    store, site, offer_id, requests = evening
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    matches = await record_pass(
        store,
        site.id,
        NIGHT,
        [
            Decision(requests[0], offer_id, "K7QX", "[]"),
            Decision(requests[1], offer_id, "P3MZ", "[]"),
        ],
        [],
        CUTOFF,
    )
    await claim_due(store, CUTOFF + timedelta(1))
    out = await store.db.run(lambda tx: overrides.withdraw(tx, offer_id, CUTOFF))
    assert out == overrides.Withdrawn(10, site.id, NIGHT)
    assert await store.db.run(lambda tx: overrides.withdraw(tx, offer_id, CUTOFF)) is None
    for match_id in matches:
        before = await store.db.run(lambda tx, m=match_id: overrides.cancel_match(tx, m, CUTOFF))
        assert before.status is MatchStatus.PROPOSED  # the match as it was
    assert [g.id for g in await store.evening.groups(site.id, NIGHT)] == requests
    assert await store.evening.places(site.id, NIGHT) == []
    assert await _kinds(store) == []  # who is told is the use case's call (usecases/overrides)


async def test_vetting_decisions_follow_the_allowed_order_and_tell_the_host_each_time(
    evening: tuple,  # type: ignore[type-arg]
) -> None:
    store, _, _, _ = evening
    host = await store.hosts.by_user(10)
    assert host is not None
    decide = partial(decide_host, Services(store))
    assert await decide(host.id, HostStatus.REJECTED, "no", 9000, NOW) is None  # already vetted
    assert await decide(host.id, HostStatus.SUSPENDED, "why", 9000, NOW) is HostStatus.VETTED
    assert await store.vetting.reason(host.id) == "why"
    assert await decide(host.id, HostStatus.VETTED, "", 9000, NOW) is HostStatus.SUSPENDED
    assert await decide(host.id, HostStatus.SUSPENDED, "again", 9000, NOW) is HostStatus.VETTED
    notices = [n for n in await claim_due(store, NOW) if n.kind == "vetting"]
    assert [getattr(n.payload, "status", None) for n in notices] == [
        "suspended",
        "vetted",
        "suspended",
    ]
    assert [h.id for h in await store.vetting.find("mar")] == [host.id]
    assert await store.vetting.find("%") == []


async def test_an_invite_grants_its_role_once_and_only_before_it_expires(store: Store) -> None:
    later = NOW + timedelta(days=7)
    await store.invites.create("tok1", Role.DISPATCHER, None, 9000, NOW, later)
    await store.invites.create("tok2", Role.DISPATCHER, None, 9000, NOW, later)
    assert await redeem_invite(Services(store), "tok1", 501, NOW) is not None
    assert await redeem_invite(Services(store), "tok1", 502, NOW) is None
    assert await redeem_invite(Services(store), "tok2", 502, later) is None  # expired
    account = await store.users.get(501)
    assert account is not None and Role.DISPATCHER in account.roles and account.sites is None
    assert await revoke_role(Services(store), 501, Role.DISPATCHER, 9000, NOW)
    assert not await revoke_role(Services(store), 501, Role.DISPATCHER, 9000, NOW)
    kinds = [n.kind for n in await claim_due(store, NOW)]
    assert kinds == ["role_granted", "role_removed"]
