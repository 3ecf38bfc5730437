"""Daily aggregates: counted right from the nightly records, and kept after they are purged."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from dispatch.evening import Decision
from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostStatus, Site
from dispatch.party import Party
from dispatch.readmodels import NewRequest
from dispatch.stats import DailyFigures
from storage.store import Store
from usecases.proposals import confirm_match, record_pass

NIGHT = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
# Host 10 offers 3 beds; host 11 offered 2 and withdrew. Guest 20 (a woman and a child) is
# housed, 21 (a man) waits, 22 withdrew before any match, 23 (two women) withdrew once matched.
SMALL_EVENING = DailyFigures(
    site_id=0,
    night=NIGHT,
    beds_offered=3,
    hosts_offering=1,
    people_asking=5,
    groups_asking=3,
    children_asking=1,
    people_housed=2,
    people_waiting=1,
)
NO = (False, False)  # neither step-free access nor a medical need
GROUPS = ((20, 1, 0, 1), (21, 0, 1, 0), (22, 1, 0, 0), (23, 2, 0, 0))  # user, women, men, children


async def default_site(store: Store) -> Site:
    return await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )


async def small_evening(store: Store, site_id: int, night: date) -> None:
    """The evening described above SMALL_EVENING, at any site and night, through the
    repositories the bot uses (so the counts follow the real status changes)."""
    closes_at = datetime.combine(night, time(18), tzinfo=UTC)
    now = closes_at - timedelta(hours=1)
    offers = [await _offer(store, site_id, night, user, beds) for user, beds in ((10, 3), (11, 2))]
    await store.offers.withdraw(offers[1], now)
    requests = {}
    for user_id, women, men, children in GROUPS:
        await store.users.touch(user_id, now)
        await store.requests.record_consent(user_id, 1, now)
        ages = ("under_6",) * children
        alias = f"G{user_id}"
        new = NewRequest(
            site_id, night, closes_at, alias, Party(women, men, children, ages), ("fr",), *NO
        )
        requests[user_id] = (await store.requests.save_for_user(user_id, new, now)).id
    await store.requests.withdraw(requests[22], now)
    await store.evening.close(site_id, night, closes_at, closes_at)
    housed, cancelled = await record_pass(
        store,
        site_id,
        night,
        [
            Decision(requests[20], offers[0], "K7QX", "[]"),
            Decision(requests[23], offers[0], "P3MV", "[]"),
        ],
        [requests[21]],
        closes_at,
    )
    assert await confirm_match(store, housed, closes_at) is not None
    await store.evening.cancel_for_request(requests[23], closes_at)
    await store.requests.withdraw(requests[23], closes_at)
    assert cancelled


async def _offer(store: Store, site_id: int, night: date, user_id: int, beds: int) -> int:
    await store.users.touch(user_id, NOW)
    accepts = frozenset(GroupType)
    details = HostDetails(
        f"Host{user_id}", None, Household.COUPLE, accepts, ("fr",), False, False, True, (site_id,)
    )
    host = await store.hosts.register(user_id, details, 1, NOW)
    await store.hosts.set_status(host.id, HostStatus.VETTED, NOW)
    offer = await store.offers.save(
        host_id=host.id,
        site_id=site_id,
        night=night,
        closes_at=datetime.combine(night, time(18), tzinfo=UTC),
        beds=beds,
        latest_pickup=time(21, 30),
        nights=1,
        note=None,
        now=NOW,
    )
    return offer.id


async def test_a_small_evening_is_counted_by_the_documented_rules(store: Store) -> None:
    site = await default_site(store)
    await small_evening(store, site.id, NIGHT)
    figures = await store.stats.refresh(site.id, NIGHT, NOW)
    assert figures == replace(SMALL_EVENING, site_id=site.id)
    assert await store.stats.series([site.id], NIGHT, NIGHT) == [figures]
    assert await store.stats.people_matched(site.id, NIGHT) == 2


async def test_refreshing_again_updates_the_same_row(store: Store) -> None:
    site = await default_site(store)
    await small_evening(store, site.id, NIGHT)
    await store.stats.refresh(site.id, NIGHT, NOW)
    waiting = await store.requests.for_user(21, NIGHT)
    assert waiting is not None
    await store.requests.withdraw(waiting.id, NOW)  # the man who waited gave up and left
    figures = await store.stats.refresh(site.id, NIGHT, NOW + timedelta(hours=1))
    assert (figures.people_asking, figures.people_waiting) == (4, 0)
    assert await store.stats.series([site.id], NIGHT, NIGHT) == [figures]


async def test_aggregates_survive_the_purge_of_the_nightly_records(store: Store) -> None:
    site = await default_site(store)
    old, recent = NIGHT - timedelta(days=20), NIGHT
    for night in (old, recent):
        await small_evening(store, site.id, night)
        await store.stats.refresh(site.id, night, NOW)
    kept = await store.stats.series([site.id], old, recent)
    async with store.db.transaction() as tx:  # what a retention purge of old rounds deletes
        for table in ("matches", "requests", "offers"):
            await tx.execute(
                f"DELETE FROM {table} WHERE round_id IN (SELECT id FROM rounds WHERE night = ?)",
                (old.isoformat(),),
            )
    assert await store.stats.refresh(site.id, old, NOW + timedelta(days=1)) == kept[0]
    assert await store.stats.series([site.id], old, recent) == kept
    assert kept[0].people_asking == SMALL_EVENING.people_asking


async def test_a_night_nobody_used_leaves_no_row(store: Store) -> None:
    site = await default_site(store)
    await store.evening.close(site.id, NIGHT, NOW, NOW)  # the tick creates empty rounds too
    assert await store.stats.refresh(site.id, NIGHT, NOW) == DailyFigures(site.id, NIGHT)
    assert await store.stats.series([site.id], NIGHT, NIGHT) == []
    assert await store.stats.series([], NIGHT, NIGHT) == []


async def test_the_aggregates_table_has_no_column_that_could_identify_anyone(
    store: Store,
) -> None:
    async with store.db.reading() as db:
        async with db.execute("PRAGMA table_info(daily_stats)") as cursor:
            columns = [row["name"] for row in await cursor.fetchall()]
        async with db.execute("PRAGMA foreign_key_list(daily_stats)") as cursor:
            references = {row["table"] for row in await cursor.fetchall()}
    counts = [name for name in vars(SMALL_EVENING) if name not in ("site_id", "night")]
    assert columns == ["site_id", "night", *counts, "computed_at"]
    assert references == {"sites"}  # never a user, guest, host, request or match
