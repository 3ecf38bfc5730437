"""The retention purge, erasure at a person's request, and the /mydata export."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from dispatch.evening import Decision
from dispatch.groups import Household
from dispatch.models import Site
from dispatch.notices import GuestGone, Side
from dispatch.party import Party
from dispatch.readmodels import NewRequest
from dispatch.retention import window
from storage import privacy
from storage.store import Store
from tests.storage.outbox_helpers import claim_due
from tests.storage.people import vetted_host
from usecases.privacy import forget_person
from usecases.proposals import confirm_match, record_pass
from usecases.services import Services

NIGHT = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
CUTOFF = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=16)  # the night is past a 14-day retention
HOST, GUEST, BLOCKED_GUEST, DISPATCHER = 10, 20, 21, 30


async def rows(store: Store, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    async with store.db.reading() as db:
        async with db.execute(sql, args) as cursor:
            return [tuple(row) for row in await cursor.fetchall()]


async def count(store: Store, table: str) -> int:
    return int((await rows(store, f"SELECT COUNT(*) FROM {table}"))[0][0])


async def night_with_everything(store: Store, night: date = NIGHT) -> dict[str, int]:
    """A host, two guests (one reports a problem), a walk-in, an incident, notices, stats."""
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    now, cutoff = NOW + (night - NIGHT), CUTOFF + (night - NIGHT)
    for user_id in (HOST, GUEST, BLOCKED_GUEST, DISPATCHER):
        await store.users.touch(user_id, now)
    host = await store.hosts.by_user(HOST)
    if host is None:
        host = await vetted_host(
            store,
            HOST,
            site.id,
            now,
            name="Marie Dupont",
            phone="+32 470 12 34 56",
            household=Household.COUPLE,
        )
    offer = await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=night,
        closes_at=cutoff,
        beds=3,
        latest_pickup=time(21, 30),
        nights=1,
        note="Call me at the gate",
        now=now,
    )
    requests = []
    for user_id, alias in ((GUEST, "Amina"), (BLOCKED_GUEST, "Hawa")):
        await store.requests.record_consent(user_id, 1, now)
        new = NewRequest(site.id, night, cutoff, alias, Party(1, 0, 0), ("fr",), False, False)
        requests.append((await store.requests.save_for_user(user_id, new, now)).id)
    walk_in = NewRequest(site.id, night, cutoff, "Selam", Party(1, 0, 0), ("ar",), False, False)
    await store.requests.save_walk_in(DISPATCHER, walk_in, "W9XZ", now)
    await store.evening.close(site.id, night, cutoff, cutoff)
    decisions = [
        Decision(r, offer.id, f"K{i}Q{night.day % 10}", "[]") for i, r in enumerate(requests)
    ]
    matches = await record_pass(store, site.id, night, decisions, [], cutoff)
    for match_id in matches:
        await confirm_match(store, match_id, cutoff)
    await store.evening.feedback(matches[1], Side.HOST, "problem", cutoff)
    await store.incidents.open(HOST, "Hawa shouted at 0470123456", matches[1], cutoff)
    await store.drafts.save(DISPATCHER, "walkin", {"alias": "Yonas"}, now)
    await store.updates.mark(1000 + night.day, now)
    await store.stats.refresh(site.id, night, cutoff)
    return {"site": site.id, "offer": offer.id, "match": matches[0], "blocked": matches[1]}


async def test_purge_removes_the_night_keeps_aggregates_and_permanent_blocks(
    store: Store,
) -> None:
    await night_with_everything(store)
    stats_before = await rows(store, "SELECT * FROM daily_stats")
    assert stats_before and stats_before[0][4] == 3  # three people asked

    counts = await store.privacy.purge(window(LATER, 14), LATER)

    assert (counts.matches, counts.requests, counts.offers) == (2, 3, 1)
    for table in ("matches", "feedback", "requests", "offers", "drafts", "processed_updates"):
        assert await count(store, table) == 0, table
    assert await rows(store, "SELECT * FROM daily_stats") == stats_before
    # The reported pair must never meet again: it stays as two keyed hashes, while the
    # guests' Telegram ids and last-seen dates go (issue 15, finding 5).
    assert await rows(store, "SELECT user_id, alias FROM guests") == []
    assert await rows(store, "SELECT host_digest, guest_digest FROM pair_tombstones") == [
        (store.db.digest(HOST), store.db.digest(BLOCKED_GUEST))
    ]
    assert await rows(store, "SELECT id FROM users WHERE id IN (?, ?)", GUEST, BLOCKED_GUEST) == []
    assert await rows(store, "SELECT body, reporter_id, handled_by FROM incidents") == [
        ("", 0, None)
    ]
    assert not await rows(store, "SELECT 1 FROM outbox WHERE payload LIKE '%match%'")
    dump = str(await rows(store, "SELECT * FROM audit_log")) + str(
        await rows(store, "SELECT * FROM offers")
    )
    assert "Amina" not in dump and "Hawa" not in dump and "gate" not in dump


async def test_purge_is_idempotent_and_spares_recent_nights(store: Store) -> None:
    await night_with_everything(store)
    await night_with_everything(store, NIGHT + timedelta(days=10))
    first = await store.privacy.purge(window(LATER, 14), LATER)
    second = await store.privacy.purge(window(LATER, 14), LATER)
    assert first.requests == 3 and second.personal == 0
    assert await count(store, "requests") == 3  # the recent night is whole
    assert await count(store, "matches") == 2
    aliases = {row[0] for row in await rows(store, "SELECT alias FROM guests")}
    assert aliases == {"Amina", "Hawa", "Selam"}
    audits = await rows(store, "SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.purge'")
    assert audits == [(1,)]


async def test_audit_notes_older_than_the_window_lose_their_text(store: Store) -> None:
    await store.audit.record(NOW, 1, "match.move", "match:1", {"request": 1, "note": "Amina"})
    await store.audit.record(NOW, 1, "user.block", "user:20", {"reason": "Amina", "incident": 1})
    await store.privacy.purge(window(LATER, 14), LATER)
    details = {e.action: e.detail for e in await store.audit.recent()}
    assert details["match.move"] == {"request": 1}
    assert details["user.block"] == {"incident": 1}


async def test_forget_a_guest_tells_the_host_and_erases_every_row(store: Store) -> None:
    ids = await night_with_everything(store)
    await claim_due(store, CUTOFF)  # earlier notices already sent or in flight
    assert await forget_person(Services(store), GUEST, CUTOFF) == 1
    assert await rows(store, "SELECT * FROM users WHERE id = ?", GUEST) == []
    assert await rows(store, "SELECT * FROM guests WHERE user_id = ?", GUEST) == []
    assert await rows(store, "SELECT * FROM matches WHERE id = ?", ids["match"]) == []
    assert await rows(store, "SELECT * FROM outbox WHERE chat_id = ?", GUEST) == []
    [notice] = [n for n in await claim_due(store, CUTOFF) if n.kind == "guest_gone"]
    assert (notice.chat_id, notice.payload) == (HOST, GuestGone(NIGHT))
    export = await store.privacy.export(GUEST)
    assert export["user"] is None and export["guest"] is None and export["requests"] == []
    [entry] = [e for e in await store.audit.recent() if e.action == "user.forget"]
    assert entry.actor_id is None and entry.subject == "" and str(GUEST) not in str(entry.detail)


async def test_forget_a_host_erases_profile_offers_and_traces(store: Store) -> None:
    await night_with_everything(store)
    assert await store.privacy.busy(HOST, {1: NIGHT})
    await forget_person(Services(store), HOST, CUTOFF)
    for table in ("hosts", "host_sites", "offers", "matches", "weekly_patterns"):
        assert await count(store, table) == 0, table
    assert await rows(store, "SELECT * FROM users WHERE id = ?", HOST) == []
    assert await rows(store, "SELECT reporter_id, body FROM incidents") == [(0, "")]
    assert not await rows(store, "SELECT 1 FROM audit_log WHERE actor_id = ?", HOST)
    statuses = {row[0] for row in await rows(store, "SELECT status FROM requests")}
    assert statuses == {"waiting"}  # the groups go back to the dispatch


async def test_forget_a_dispatcher_takes_their_walk_ins_and_drafts(store: Store) -> None:
    await night_with_everything(store)
    busy = await store.privacy.busy(DISPATCHER, {1: NIGHT})
    assert (busy.hosting, busy.walk_ins) == (0, 1)
    await forget_person(Services(store), DISPATCHER, CUTOFF)
    assert await rows(store, "SELECT * FROM guests WHERE alias = 'Selam'") == []
    assert await rows(store, "SELECT * FROM drafts") == []
    assert not await store.privacy.busy(DISPATCHER, {1: NIGHT})


async def test_a_blocked_user_keeps_a_bare_row_so_the_block_survives(store: Store) -> None:
    await night_with_everything(store)
    async with store.db.transaction() as tx:
        await tx.execute("UPDATE users SET blocked_at = ? WHERE id = ?", (NOW.isoformat(), GUEST))
    await forget_person(Services(store), GUEST, CUTOFF)
    # Only a keyed hash of the id stays (issue 15, finding 4); coming back, they are blocked.
    assert await rows(store, "SELECT id FROM users WHERE id = ?", GUEST) == []
    assert await rows(store, "SELECT * FROM guests WHERE user_id = ?", GUEST) == []
    assert await rows(store, "SELECT digest, kind FROM tombstones") == [
        (store.db.digest(GUEST), "blocked")
    ]
    assert (await store.users.touch(GUEST, LATER)).blocked


async def test_export_lists_everything_stored_about_a_person(store: Store) -> None:
    await night_with_everything(store)
    host = await store.privacy.export(HOST)
    assert host["host"]["display_name"] == "Marie Dupont"
    assert host["host"]["phone"] == "+32 470 12 34 56" and host["host"]["site_ids"]
    assert [o["note"] for o in host["offers"]] == ["Call me at the gate"]
    assert {m["guest_alias"] for m in host["host_matches"]} == {"Amina", "Hawa"}
    assert host["feedback"][0]["verdict"] == "problem"
    assert host["incidents"][0]["body"].startswith("Hawa")
    guest = await store.privacy.export(GUEST)
    assert guest["guest"]["alias"] == "Amina" and guest["guest"]["consent_version"] == 1
    assert guest["requests"][0]["languages"] == ["fr"]
    assert guest["guest_matches"][0]["host_name"] == "Marie Dupont"
    dispatcher = await store.privacy.export(DISPATCHER)
    assert dispatcher["walk_ins"] == 1 and dispatcher["draft"]["answers"] == {"alias": "Yonas"}


@pytest.mark.parametrize("user_id", [HOST, GUEST, DISPATCHER])
async def test_forget_then_export_finds_nothing(store: Store, user_id: int) -> None:
    await night_with_everything(store)
    await forget_person(Services(store), user_id, CUTOFF)
    export = await store.privacy.export(user_id)
    assert not any(value for value in export.values()), export


async def test_erasing_in_storage_tells_nobody_and_hands_back_who_expected_them(
    store: Store,
) -> None:
    ids = await night_with_everything(store)
    await claim_due(store, CUTOFF)
    gone = await store.db.run(lambda tx: privacy.forget(tx, GUEST, CUTOFF))
    assert [(v.id, v.host_user_id) for v in gone.expecting] == [(ids["match"], HOST)]
    assert [n for n in await claim_due(store, CUTOFF) if n.kind == "guest_gone"] == []
