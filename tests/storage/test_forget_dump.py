"""Issue 15, findings 4 and 5: after /forget (a guest, a host, a dispatcher) and after the
retention purge, a dump of every table holds no Telegram id, name, phone or free text of that
person; what must outlive them (a block, a suspension, a pair never to meet again) is a keyed
hash, and it is found again when the same account comes back."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from dispatch.accounts import Role
from dispatch.evening import Decision
from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostStatus, Site
from dispatch.party import Party
from dispatch.retention import window
from storage.requests import NewRequest
from storage.store import Store
from tests.storage.people import vetted_host
from usecases.blocking import block_person
from usecases.hosts import decide_host
from usecases.privacy import forget_person
from usecases.proposals import confirm_match, record_pass
from usecases.services import Services

NIGHT = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
CUTOFF = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
# Ids long enough that no hash or timestamp contains one by chance.
HOST, GUEST, REPORTED, DISPATCHER = 7100000001, 7200000002, 7200000003, 7300000004
TRACES = {
    HOST: ("Marie Dupont", "+32 470 12 34 56", "Call me at the gate", "Marie was rude"),
    GUEST: ("Amina", "Amina shouted at the gate"),
    DISPATCHER: ("Yonas", "Selam"),
}


async def dump(store: Store) -> list[tuple[str, Any]]:
    """Every cell of every table, with its table's name."""
    cells: list[tuple[str, Any]] = []
    async with store.db.reading() as db:
        tables = await db.execute_fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
        for (table,) in tables:
            for row in await db.execute_fetchall(f"SELECT * FROM {table}"):
                cells += [(str(table), value) for value in tuple(row)]
    return cells


def traces_of(
    cells: list[tuple[str, Any]], user_id: int | None, texts: tuple[str, ...]
) -> list[Any]:
    found = []
    ids = () if user_id is None else (user_id,)
    for table, value in cells:
        text = value if isinstance(value, str) else ""
        needles = (*(str(i) for i in ids), *texts)
        if value in ids or any(needle in text for needle in needles):
            found.append((table, value))
    return found


async def evening(store: Store) -> None:
    """A suspended host, a blocked guest, a reported pair, a dispatcher's walk-in and draft."""
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    for user_id in (HOST, GUEST, REPORTED, DISPATCHER):
        await store.users.touch(user_id, NOW)
    await store.users.grant(DISPATCHER, Role.DISPATCHER, NOW, site_id=site.id)
    host = await vetted_host(
        store,
        HOST,
        site.id,
        NOW,
        name="Marie Dupont",
        phone="+32 470 12 34 56",
        household=Household.COUPLE,
    )
    offer = await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=3,
        latest_pickup=time(21, 30),
        nights=1,
        note="Call me at the gate",
        now=NOW,
    )
    requests = []
    for user_id, alias in ((GUEST, "Amina"), (REPORTED, "Hawa")):
        await store.requests.record_consent(user_id, 1, NOW)
        new = NewRequest(site.id, NIGHT, CUTOFF, alias, Party(1, 0, 0), ("fr",), False, False)
        requests.append((await store.requests.save_for_user(user_id, new, NOW)).id)
    walk_in = NewRequest(site.id, NIGHT, CUTOFF, "Selam", Party(1, 0, 0), ("ar",), False, False)
    await store.requests.save_walk_in(DISPATCHER, walk_in, "W9XZ", NOW)
    await store.drafts.save(DISPATCHER, "walkin", {"alias": "Yonas"}, NOW)
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    decisions = [Decision(r, offer.id, f"K{i}Q3", "[]") for i, r in enumerate(requests)]
    matches = await record_pass(store, site.id, NIGHT, decisions, [], CUTOFF)
    for match_id in matches:
        await confirm_match(store, match_id, CUTOFF)
    # Hawa reports the stay: that pair is never matched again.
    await store.incidents.open(REPORTED, "The host was rude", matches[1], CUTOFF)
    await block_person(Services(store), GUEST, "Amina shouted at the gate", DISPATCHER, CUTOFF)
    decided = await decide_host(
        Services(store), host.id, HostStatus.SUSPENDED, "Marie was rude", DISPATCHER, CUTOFF
    )
    assert decided is HostStatus.VETTED


async def tombstones(store: Store) -> list[tuple[str, str]]:
    async with store.db.reading() as db:
        rows = await db.execute_fetchall("SELECT digest, kind FROM tombstones ORDER BY kind")
        return [(str(r[0]), str(r[1])) for r in rows]


@pytest.mark.parametrize("who", [GUEST, HOST, DISPATCHER])
async def test_forget_leaves_no_trace_of_the_person(store: Store, who: int) -> None:
    await evening(store)
    assert traces_of(await dump(store), who, TRACES[who])  # the test sees them before
    await forget_person(Services(store), who, CUTOFF + timedelta(hours=1))
    assert traces_of(await dump(store), who, TRACES[who]) == []


async def test_a_blocked_guest_who_forgets_is_blocked_on_coming_back(store: Store) -> None:
    await evening(store)
    await forget_person(Services(store), GUEST, CUTOFF)
    assert await tombstones(store) == [(store.db.digest(GUEST), "blocked")]
    assert (await store.users.touch(GUEST, CUTOFF + timedelta(days=1))).blocked
    assert not (await store.users.touch(REPORTED, CUTOFF)).blocked


async def test_a_suspended_host_who_forgets_comes_back_suspended_and_apart(store: Store) -> None:
    """Finding 4: /forget no longer wipes a suspension, nor the pair a report separated."""
    await evening(store)
    await forget_person(Services(store), HOST, CUTOFF)
    assert await tombstones(store) == [(store.db.digest(HOST), "suspended")]
    async with store.db.reading() as db:
        pairs = list(await db.execute_fetchall("SELECT * FROM pair_tombstones"))
    assert [tuple(p)[:2] for p in pairs] == [(store.db.digest(HOST), store.db.digest(REPORTED))]
    await store.users.touch(HOST, CUTOFF)
    details = HostDetails(
        "New name",
        None,
        Household.SINGLE_MAN,
        frozenset({GroupType.SINGLE_MEN}),
        ("fr",),
        False,
        False,
        True,
        (1,),
    )
    again = await store.hosts.register(HOST, details, 1, CUTOFF)
    assert again.status is HostStatus.SUSPENDED
    async with store.db.reading() as db:
        blocks = list(await db.execute_fetchall("SELECT host_id, night FROM pair_blocks"))
    assert [tuple(b) for b in blocks] == [(again.id, None)]
    # Reinstated by a dispatcher: the tombstone goes, a later erasure starts afresh.
    await decide_host(Services(store), again.id, HostStatus.VETTED, "", DISPATCHER, CUTOFF)
    assert await tombstones(store) == []


async def test_the_purge_keeps_no_guest_id_name_or_reason(store: Store) -> None:
    """Finding 5: past retention, guests' ids and last-seen dates, reporters' ids and the
    dispatchers' reasons are gone; only counts and keyed hashes remain."""
    await evening(store)
    later = NOW + timedelta(days=16)
    await store.privacy.purge(window(later, 14), later)
    cells = await dump(store)
    for guest, texts in (
        (GUEST, ("Amina", "shouted")),
        (REPORTED, ("Hawa", "The host was rude")),
    ):
        assert traces_of(cells, guest, texts) == [], guest
    assert traces_of(cells, None, ("Marie was rude", "Selam", "Yonas", "Call me")) == []
    assert (store.db.digest(GUEST), "blocked") in await tombstones(store)


async def test_forgetting_does_not_reset_the_report_limit(store: Store) -> None:
    """Finding 10: the limit counts a keyed hash that /forget keeps, not the reporter's id."""
    await store.users.touch(GUEST, NOW)
    for number in range(3):
        assert await store.incidents.open(GUEST, f"report {number}", None, NOW) is not None
    assert await store.incidents.open(GUEST, "one more", None, NOW) is None
    await forget_person(Services(store), GUEST, NOW)
    await store.users.touch(GUEST, NOW)
    assert await store.incidents.sent_since(GUEST, NOW - timedelta(hours=24)) == 3
    assert await store.incidents.open(GUEST, "again", None, NOW) is None
    cells = await dump(store)
    assert traces_of(cells, None, ("report 0", "one more", "again")) == []
