"""Appeals in storage: who is in the audience, one transaction per appeal, and the rows the
sender claims (a row left 'sending' by a crash is never handed out again)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from dispatch.appeals import (
    AppealFilters,
    AppealStatus,
    NewAppeal,
    Recipient,
    RecipientStatus,
)
from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostStatus, Site
from storage.store import Store

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # 21:00 in Brussels
NIGHT = date(2026, 11, 23)
ZONE = ZoneInfo("Europe/Brussels")


async def add_site(store: Store, name: str = "Brussels") -> Site:
    site = await store.sites.add(Site(0, name, "Europe/Brussels", time(19), time(23)), NOW)
    assert site is not None
    return site


async def add_host(
    store: Store,
    user_id: int,
    site: Site,
    *,
    languages: tuple[str, ...] = ("fr",),
    accepts: frozenset[GroupType] = frozenset({GroupType.SINGLE_MEN}),
    vetted: bool = True,
) -> int:
    await store.users.touch(user_id, NOW)
    details = HostDetails(
        f"H{user_id}", None, Household.COUPLE, accepts, languages, False, False, True, (site.id,)
    )
    host = await store.hosts.register(user_id, details, 1, NOW)
    if vetted:
        await store.hosts.set_status(host.id, HostStatus.VETTED, NOW)
    return host.id


async def audience_ids(store: Store, filters: AppealFilters, now: datetime = NOW) -> list[int]:
    return [r.chat_id for r in await store.appeals.audience(filters, NIGHT, now, ZONE)]


def new_appeal(site: Site) -> NewAppeal:
    return NewAppeal(site.id, NIGHT, 9000, 5, 2, "Gare du Nord", AppealFilters(site.id), 9000)


async def test_the_audience_is_vetted_willing_reachable_free_and_awake(store: Store) -> None:
    site, other = await add_site(store), await add_site(store, "Liège")
    for user_id in range(1, 9):
        await add_host(store, user_id, site)
    await add_host(store, 9, site, vetted=False)
    await add_host(store, 10, other)
    # Host ids follow user ids here.
    await store.hosts.set_appeal_settings(2, False, None, None, NOW)
    await store.hosts.pause_until(3, NIGHT, NOW)
    await store.hosts.pause_until(4, NIGHT - timedelta(days=1), NOW)  # paused until yesterday
    await store.users.mark_unreachable(5)
    await store.hosts.set_appeal_settings(6, True, time(20, 30), time(7), NOW)
    await store.hosts.set_appeal_settings(7, True, time(22), time(7), NOW)  # not yet at 21:00
    await store.offers.save(
        host_id=8,
        site_id=site.id,
        night=NIGHT,
        closes_at=NOW,
        beds=1,
        latest_pickup=time(21, 30),
        nights=1,
        note=None,
        now=NOW,
    )
    assert await audience_ids(store, AppealFilters(site.id)) == [1, 4, 7]
    later = NOW + timedelta(hours=1)  # 22:00 local: host 7's quiet hours began
    assert await audience_ids(store, AppealFilters(site.id), later) == [1, 4]


async def test_languages_and_accepts_need_an_overlap(store: Store) -> None:
    site = await add_site(store)
    await add_host(store, 1, site, languages=("fr", "ar"))
    await add_host(store, 2, site, languages=("nl",), accepts=frozenset({GroupType.FAMILIES}))
    arabic = AppealFilters(site.id, languages=frozenset({"ar", "en"}))
    assert await audience_ids(store, arabic) == [1]
    families = AppealFilters(site.id, accepts=frozenset({"families", "couples"}))
    assert await audience_ids(store, families) == [2]


async def test_hosted_within_needs_a_confirmed_match_recent_enough(store: Store) -> None:
    site = await add_site(store)
    for user_id in (1, 2, 3):
        await add_host(store, user_id, site)
    await store.users.touch(50, NOW)
    await store.requests.record_consent(50, 1, NOW)
    async with store.db.transaction() as tx:  # matched nights, the short way
        for host_id, days_ago, status in (
            (1, 3, "confirmed"),
            (2, 20, "picked_up"),
            (3, 1, "declined"),
        ):
            night = (NIGHT - timedelta(days=days_ago)).isoformat()
            round_id = (
                await (
                    await tx.execute(
                        "INSERT INTO rounds (site_id, night, closes_at) VALUES (?, ?, '')"
                        " ON CONFLICT DO UPDATE SET night = night RETURNING id",
                        (site.id, night),
                    )
                ).fetchone()
            )[0]
            offer = await tx.execute(
                "INSERT INTO offers (host_id, round_id, beds, latest_pickup, created_at,"
                " updated_at) VALUES (?, ?, 1, '21:00', '', '')",
                (host_id, round_id),
            )
            guest = await tx.execute("SELECT id FROM guests WHERE user_id = 50")
            guest_id = (await guest.fetchone())[0]
            request = await tx.execute(
                "INSERT INTO requests (guest_id, round_id, men, created_at, updated_at)"
                " VALUES (?, ?, 1, '', '')",
                (guest_id, round_id),
            )
            await tx.execute(
                "INSERT INTO matches (round_id, offer_id, request_id, pickup_code, status,"
                " created_at, updated_at) VALUES (?, ?, ?, 'AB12', ?, '', '')",
                (round_id, offer.lastrowid, request.lastrowid, status),
            )
    assert await audience_ids(store, AppealFilters(site.id, hosted_within_days=7)) == [1]
    assert await audience_ids(store, AppealFilters(site.id, hosted_within_days=30)) == [1, 2]
    assert await audience_ids(store, AppealFilters(site.id)) == [1, 2, 3]


async def test_create_progress_answer_and_cancel(store: Store) -> None:
    site = await add_site(store)
    recipients = [Recipient(user_id, await add_host(store, user_id, site)) for user_id in (1, 2, 3)]
    appeal_id = await store.appeals.create(new_appeal(site), recipients, NOW)
    appeal = await store.appeals.get(appeal_id)
    assert appeal is not None and appeal.status is AppealStatus.SENDING
    assert (appeal.people, appeal.children, appeal.filters) == (5, 2, AppealFilters(site.id))
    await store.appeals.set_progress_message(appeal_id, 77)
    assert (await store.appeals.get(appeal_id)).progress_message == 77  # type: ignore[union-attr]

    queue = store.appeals.queue
    assert await queue.claim(appeal_id, 1)
    await queue.sent(appeal_id, 1, 501, NOW)
    assert await store.appeals.answer(appeal_id, 1, 3, NOW)
    assert not await store.appeals.answer(appeal_id, 99, 3, NOW)
    assert await store.appeals.recipient_host(appeal_id, 2) == recipients[1].host_id
    assert await store.appeals.recipient_host(appeal_id, 99) is None

    assert await store.appeals.cancel(appeal_id, NOW)
    assert not await store.appeals.cancel(appeal_id, NOW)
    assert not await queue.claim(appeal_id, 2)  # nothing unsent leaves after a cancel
    assert await queue.due(NOW, 10) == []
    progress = await store.appeals.progress(appeal_id)
    assert (progress.total, progress.sent, progress.pending) == (3, 1, 2)
    assert (progress.answered, progress.beds_answered) == (1, 3)
    assert progress.status is AppealStatus.CANCELLED and progress.finished_at == NOW


async def test_a_row_left_sending_is_never_handed_out_again(store: Store) -> None:
    site = await add_site(store)
    recipients = [Recipient(u, await add_host(store, u, site)) for u in (1, 2, 3, 4)]
    appeal_id = await store.appeals.create(new_appeal(site), recipients, NOW)
    queue = store.appeals.queue
    assert await queue.untouched(appeal_id)
    assert [r.chat_id for r in await queue.due(NOW, 10)] == [1, 2, 3, 4]
    assert await queue.claim(appeal_id, 1)
    assert not await queue.claim(appeal_id, 1)  # claimed once only
    assert await queue.claim(appeal_id, 2)
    await queue.sent(appeal_id, 2, 10, NOW)
    assert await queue.claim(appeal_id, 3)
    await queue.release(appeal_id, 3, NOW)  # a 429: back in the queue
    assert not await queue.untouched(appeal_id)
    # The bot is killed here, with row 1 claimed: the restart must not send it again.
    assert await queue.recover_interrupted() == 1
    assert [r.chat_id for r in await queue.due(NOW, 10)] == [3, 4]
    assert not await queue.claim(appeal_id, 1)
    assert not await store.appeals.finish(appeal_id, NOW)  # rows 3 and 4 are still to go
    for chat_id in (3, 4):
        assert await queue.claim(appeal_id, chat_id)
    await queue.settle(appeal_id, 3, RecipientStatus.UNREACHABLE, NOW)
    await queue.settle(appeal_id, 4, RecipientStatus.FAILED, NOW)
    assert await store.appeals.finish(appeal_id, NOW)
    progress = await store.appeals.progress(appeal_id)
    counts = (progress.sent, progress.uncertain, progress.unreachable, progress.failed)
    assert counts == (1, 1, 1, 1) and progress.status is AppealStatus.DONE


async def test_due_rows_carry_the_saved_language(store: Store) -> None:
    site = await add_site(store)
    host_id = await add_host(store, 1, site)
    await store.users.set_locale(1, "ar", NOW)
    appeal_id = await store.appeals.create(new_appeal(site), [Recipient(1, host_id)], NOW)
    [row] = await store.appeals.queue.due(NOW, 10)
    assert (row.appeal_id, row.chat_id, row.host_id, row.locale) == (appeal_id, 1, host_id, "ar")
    with pytest.raises(ValueError):
        await store.appeals.queue.settle(appeal_id, 1, RecipientStatus.PENDING, NOW)
