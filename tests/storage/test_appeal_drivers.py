"""Appeals to drivers in storage: the site's vetted drivers who take appeals, can be reached
and have no shift tonight; one appeal per person; rows that name a driver; the opt-out."""

from __future__ import annotations

from dispatch.appeals import AppealFilters, Audience
from dispatch.drivers import DriverStatus
from storage.store import Store
from tests.storage import rides
from tests.storage.test_appeals import NIGHT, NOW, add_host, add_site, audience_ids, new_appeal


async def test_drivers_reached_are_vetted_willing_reachable_and_not_driving_yet(
    store: Store,
) -> None:
    site = await add_site(store)
    other = await add_site(store, "Ghent")
    karim = await rides.driver(store, 1, site.id, NOW, name="Karim")
    await rides.driver(store, 2, site.id, NOW, status=DriverStatus.PENDING)
    await rides.driver(store, 3, site.id, NOW, appeals=False)
    await rides.driver(store, 4, other.id, NOW)  # another site's driver
    await rides.driver(store, 5, site.id, NOW)
    await store.users.mark_unreachable(5)
    driving = await rides.driver(store, 6, site.id, NOW)
    await add_host(store, 7, site)  # a round exists once an offer or a request does
    await store.offers.save(
        host_id=(await store.hosts.by_user(7)).id,  # type: ignore[union-attr]
        site_id=site.id, night=NIGHT, closes_at=NOW, beds=1, latest_pickup=NOW.time(),
        nights=1, note=None, now=NOW,
    )  # fmt: skip
    await rides.shift(store, driving, site.id, NIGHT, NOW)
    await add_host(store, 8, site)

    drivers = AppealFilters(site.id, audience=Audience.DRIVERS)
    assert await audience_ids(store, drivers) == [1]
    assert await audience_ids(store, AppealFilters(site.id)) == [8]  # hosts only, as before
    both = AppealFilters(site.id, audience=Audience.BOTH)
    recipients = await store.appeals.audience(both, NIGHT, NOW, site.zone)
    assert [(r.chat_id, r.host_id is not None, r.driver_id) for r in recipients] == [
        (8, True, None),
        (1, False, karim),
    ]
    # The host filters narrow the hosts, never the drivers.
    narrow = AppealFilters(site.id, languages=frozenset({"ar"}), audience=Audience.BOTH)
    assert await audience_ids(store, narrow) == [1]
    assert await store.appeals.drivers.any_vetted([site.id])
    assert not await store.appeals.drivers.any_vetted([])

    appeal_id = await store.appeals.create(new_appeal(site), recipients, NOW)
    assert await store.appeals.drivers.recipient(appeal_id, 1) == karim
    assert await store.appeals.recipient_host(appeal_id, 1) is None  # not a host's row
    assert await store.appeals.drivers.recipient(appeal_id, 8) is None
    [due_driver] = [d for d in await store.appeals.queue.due(NOW, 10) if d.chat_id == 1]
    assert due_driver.driver_id == karim and due_driver.host_id is None

    # Karim answers: the board lists him for the dispatchers until he declares a shift.
    assert await store.board.rides.volunteers(site.id, NIGHT) == []
    await store.appeals.answer(appeal_id, 1, 0, NOW)
    await store.appeals.answer(appeal_id, 8, 2, NOW)  # a host's answer is no driver
    [volunteer] = await store.board.rides.volunteers(site.id, NIGHT)
    assert (volunteer.driver_id, volunteer.name) == (karim, "Karim")
    assert await store.board.rides.volunteers(other.id, NIGHT) == []
    # Suspended since, he is no one to call.
    await store.db.write("UPDATE drivers SET status = 'suspended' WHERE id = ?", (karim,))
    assert await store.board.rides.volunteers(site.id, NIGHT) == []
    await store.db.write("UPDATE drivers SET status = 'vetted' WHERE id = ?", (karim,))
    await rides.shift(store, karim, site.id, NIGHT, NOW)
    assert await store.board.rides.volunteers(site.id, NIGHT) == []

    await store.appeals.drivers.set_appeals(karim, False)
    assert await audience_ids(store, drivers) == []


async def test_a_person_who_hosts_and_drives_gets_one_appeal_as_a_host(store: Store) -> None:
    site = await add_site(store)
    host_id = await add_host(store, 1, site)
    await rides.driver(store, 1, site.id, NOW)
    both = AppealFilters(site.id, audience=Audience.BOTH)
    [only] = await store.appeals.audience(both, NIGHT, NOW, site.zone)
    assert (only.chat_id, only.host_id, only.driver_id) == (1, host_id, None)


def test_the_audience_survives_storage_and_old_appeals_read_as_hosts() -> None:
    both = AppealFilters(3, audience=Audience.BOTH)
    assert AppealFilters.from_json(both.to_json()) == both
    old = '{"accepts": [], "hosted_within_days": null, "languages": [], "site_id": 3}'
    assert AppealFilters.from_json(old).audience is Audience.HOSTS
    assert AppealFilters(3).to_json() == old  # a hosts-only appeal is stored as before
