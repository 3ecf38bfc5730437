"""Incidents and blocking: each change is one transaction with its audit entry (and notice)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from dispatch.evening import Decision
from dispatch.incident_forms import REPORT_WINDOW, REPORTS_PER_WINDOW
from dispatch.models import Site
from dispatch.party import Party
from dispatch.readmodels import NewRequest
from storage import incidents as incidents_module
from storage import stays
from storage.store import Store
from tests.storage.people import vetted_host
from usecases import blocking
from usecases.blocking import block_person, unblock_person
from usecases.proposals import confirm_match, record_pass
from usecases.services import Services

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
NIGHT = date(2026, 11, 23)
CUTOFF = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
HOST, GUEST, OTHER, DISPATCHER = 10, 20, 30, 99
Evening = tuple[Store, Site, int, int]  # store, site, offer id, confirmed match id


@pytest.fixture
async def evening(store: Store) -> Evening:
    """Marie hosts G20 tonight (confirmed); the round is closed and matched."""
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    for user_id in (HOST, GUEST, OTHER, DISPATCHER):
        await store.users.touch(user_id, NOW)
    host = await vetted_host(store, HOST, site.id, NOW)
    offer = await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=2,
        latest_pickup=time(21, 30),
        nights=3,
        note=None,
        now=NOW,
    )
    await store.requests.record_consent(GUEST, 1, NOW)
    request = await store.requests.save_for_user(
        GUEST,
        NewRequest(site.id, NIGHT, CUTOFF, "G20", Party(1, 0, 0), ("fr",), False, False),
        NOW,
    )
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    [match_id] = await record_pass(
        store, site.id, NIGHT, [Decision(request.id, offer.id, "K7QX", "[]")], [], CUTOFF
    )
    await confirm_match(store, match_id, CUTOFF)
    return store, site, offer.id, match_id


async def _actions(store: Store) -> list[str]:
    return [entry.action for entry in await store.audit.recent()]


async def test_a_report_about_a_stay_blocks_the_pair_for_good(evening: Evening) -> None:
    store, _, _, match_id = evening
    [stay] = await store.incidents.recent_stays(GUEST, NIGHT - timedelta(days=1))
    assert stay.id == match_id
    incident = await store.incidents.open(GUEST, "He shouted at me.", match_id, CUTOFF)
    assert (incident.side, incident.reporter_name, incident.status) == ("guest", "G20", "open")
    assert incident.match is not None and incident.match.code == "K7QX"
    pair = (incident.match.host_id, incident.match.guest_id)
    for later in (NIGHT, NIGHT + timedelta(days=30)):
        assert pair in await store.evening.blocked_pairs(later)
    [entry] = [e for e in await store.audit.recent() if e.action == "incident.open"]
    assert entry.actor_id == GUEST and entry.detail == {"side": "guest", "match": match_id}
    assert "shouted" not in str(entry.detail)  # what people write never enters the log


async def test_a_report_naming_someone_elses_stay_is_kept_without_it(evening: Evening) -> None:
    store, _, _, match_id = evening
    incident = await store.incidents.open(OTHER, "x" * 900, match_id, CUTOFF)
    assert incident.match is None and incident.side == "other"
    assert len(incident.body) == 500
    assert await store.evening.blocked_pairs(NIGHT) == frozenset()
    host_report = await store.incidents.open(HOST, "Late.", None, CUTOFF)
    assert (host_report.side, host_report.reporter_name) == ("host", "Marie")


async def test_opening_is_all_or_nothing(evening: Evening, monkeypatch: Any) -> None:
    store, _, _, match_id = evening

    async def broken(*_: Any, **__: Any) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(incidents_module, "audit", broken)
    with pytest.raises(RuntimeError):
        await store.incidents.open(GUEST, "Problem.", match_id, CUTOFF)
    assert await store.incidents.open_ones() == []
    assert await store.evening.blocked_pairs(NIGHT) == frozenset()


async def test_reports_beyond_the_days_allowance_are_not_written(evening: Evening) -> None:
    store, _, _, match_id = evening
    for minutes in range(REPORTS_PER_WINDOW):
        sent = await store.incidents.open(
            GUEST, "Again.", None, CUTOFF + timedelta(minutes=minutes)
        )
        assert sent is not None
    later = CUTOFF + timedelta(hours=23)
    assert await store.incidents.sent_since(GUEST, later - REPORT_WINDOW) == REPORTS_PER_WINDOW
    assert await store.incidents.open(GUEST, "Once more.", match_id, later) is None
    assert len(await store.incidents.open_ones()) == REPORTS_PER_WINDOW
    assert await store.evening.blocked_pairs(NIGHT) == frozenset()  # nothing of it was written
    assert await store.incidents.open(HOST, "Mine.", None, later) is not None  # per person
    # A day after the first one, one report may go again.
    next_day = CUTOFF + REPORT_WINDOW
    assert await store.incidents.sent_since(GUEST, next_day - REPORT_WINDOW) == 2
    assert await store.incidents.open(GUEST, "Next day.", match_id, next_day) is not None


async def test_handling_an_incident_is_audited_once(evening: Evening) -> None:
    store, _, _, _ = evening
    incident = await store.incidents.open(HOST, "Guest never came.", None, CUTOFF)
    assert [i.id for i in await store.incidents.open_ones()] == [incident.id]
    assert await store.incidents.handle(incident.id, DISPATCHER, CUTOFF)
    assert not await store.incidents.handle(incident.id, DISPATCHER, CUTOFF)
    assert await store.incidents.open_ones() == []
    handled = await store.incidents.get(incident.id)
    assert handled is not None and handled.handled_by == DISPATCHER
    assert (await _actions(store)).count("incident.handled") == 1


async def test_a_blocked_host_is_not_eligible(evening: Evening) -> None:
    store, site, offer_id, match_id = evening
    assert await block(store, HOST, "Charter.")
    assert not await block(store, HOST, "Again.")
    account = await store.users.get(HOST)
    assert account is not None and account.blocked
    assert await store.incidents.block_reason(HOST) == "Charter."
    [place] = await store.evening.places(site.id, NIGHT)
    assert place.id == offer_id and not place.eligible
    # The stay does not carry on to tomorrow behind the matching's back.
    tomorrow = NIGHT + timedelta(days=1)
    await store.evening.close(site.id, tomorrow, CUTOFF + timedelta(days=1), CUTOFF)
    assert await store.db.run(lambda tx: stays.carry(tx, site.id, tomorrow, CUTOFF)) == []
    [entry] = [e for e in await store.audit.recent() if e.action == "user.block"]
    assert entry.actor_id == DISPATCHER and entry.subject == f"user:{HOST}"
    assert match_id  # the live match itself is released by the handler (take_out)


async def test_unblocking_restores_eligibility(evening: Evening) -> None:
    store, site, _, _ = evening
    assert not await unblock_person(Services(store), HOST, DISPATCHER, CUTOFF)
    await block(store, HOST, "Charter.")
    assert await unblock_person(Services(store), HOST, DISPATCHER, CUTOFF)
    [place] = await store.evening.places(site.id, NIGHT)
    assert place.eligible
    assert await store.incidents.block_reason(HOST) is None
    assert {"user.block", "user.unblock"} <= set(await _actions(store))


async def test_blocking_is_all_or_nothing(evening: Evening, monkeypatch: Any) -> None:
    store, _, _, _ = evening

    async def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(blocking, "enqueue", broken)
    with pytest.raises(RuntimeError):
        await block_person(Services(store), HOST, "Charter.", DISPATCHER, CUTOFF)
    account = await store.users.get(HOST)
    assert account is not None and not account.blocked
    assert "user.block" not in await _actions(store)


async def test_a_blocked_guest_is_not_matched(evening: Evening) -> None:
    store, site, _, _ = evening
    await store.users.touch(21, NOW)
    await store.requests.record_consent(21, 1, NOW)
    saved = await store.requests.save_for_user(
        21, NewRequest(site.id, NIGHT, CUTOFF, "G21", Party(1, 0, 0), ("fr",), False, False), NOW
    )
    assert [g.id for g in await store.evening.groups(site.id, NIGHT)] == [saved.id]
    assert await store.incidents.live_requests(21, NIGHT) == [saved.id]
    await block(store, 21, "Violence.")
    assert await store.evening.groups(site.id, NIGHT) == []


async def block(store: Store, user_id: int, reason: str) -> bool:
    """The block itself, SQL only (who is told: tests/usecases/test_blocking.py)."""
    return (
        await store.db.run(
            lambda tx: incidents_module.block(tx, user_id, reason, DISPATCHER, CUTOFF)
        )
        is not None
    )
