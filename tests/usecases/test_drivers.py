"""Drivers: registration and vetting, a change that goes back to vetting, tonight's shift until
the cut-off, blocking, retention and erasure; on a real SQLite file, the clock passed in."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from dispatch.drivers import DriverDetails, DriverStatus, ShiftStatus
from dispatch.driving import details_from_answers
from dispatch.groups import GroupType, Household
from dispatch.models import Site
from dispatch.retention import window
from storage.store import Store
from tests.storage.test_evening import CUTOFF, NIGHT, NOW
from tests.usecases.conftest import ask, kinds, offer
from usecases import drivers, rounds
from usecases.blocking import block_person
from usecases.drivers import ShiftAnswer, ShiftTerms
from usecases.privacy import forget_person
from usecases.services import Services

DRIVER, ADMIN = 30, 9000
TERMS = ShiftTerms(time(20), time(23), seats=3, trips=2)


def details(site: Site, **changes: object) -> DriverDetails:
    values: dict[str, object] = {
        "display_name": "Salma",
        "phone": "+32 470 12 34 56",
        "crew": Household.SINGLE_WOMAN,
        "drives": frozenset({GroupType.SINGLE_WOMEN, GroupType.WOMEN_WITH_CHILDREN}),
        "seats": 4,
        "child_seats": 1,
        "site_ids": (site.id,),
    }
    values.update(changes)
    return DriverDetails(**values)  # type: ignore[arg-type]


async def vetted_driver(store: Store, services: Services, site: Site) -> int:
    await store.users.touch(DRIVER, NOW)
    done = await drivers.register(services, DRIVER, details(site), NOW)
    assert done.new and done.driver.status is DriverStatus.PENDING
    assert await drivers.decide(services, done.driver.id, DriverStatus.VETTED, ADMIN, NOW) is (
        DriverStatus.PENDING
    )
    return done.driver.id


async def shift(services: Services, site: Site) -> ShiftAnswer:
    return await drivers.save_shift(services, DRIVER, site.id, NIGHT, CUTOFF, TERMS, NOW)


async def test_a_driver_registers_is_vetted_once_and_told(
    store: Store, site: Site, services: Services
) -> None:
    driver_id = await vetted_driver(store, services, site)
    assert await kinds(store) == [(DRIVER, "driver_vetting")]
    # A second decision on a stale card does nothing and tells nobody.
    assert await drivers.decide(services, driver_id, DriverStatus.REJECTED, ADMIN, NOW) is None
    assert await kinds(store) == []
    saved = await store.drivers.get(driver_id)
    assert saved is not None and saved.status is DriverStatus.VETTED
    assert saved.details == details(site)


async def test_a_pending_driver_declares_no_shift(
    store: Store, site: Site, services: Services
) -> None:
    await store.users.touch(DRIVER, NOW)
    await drivers.register(services, DRIVER, details(site), NOW)
    assert await shift(services, site) is ShiftAnswer.NOT_VETTED
    assert await store.shifts.vetted(site.id, NIGHT) == []


async def test_a_shift_is_set_changed_and_withdrawn_until_the_cut_off(
    store: Store, site: Site, services: Services
) -> None:
    driver_id = await vetted_driver(store, services, site)
    assert await shift(services, site) is ShiftAnswer.SAVED
    later = ShiftTerms(time(21), time(0), seats=8, trips=1)
    changed = await drivers.save_shift(services, DRIVER, site.id, NIGHT, CUTOFF, later, NOW)
    assert changed is ShiftAnswer.SAVED
    [tonight] = await store.shifts.vetted(site.id, NIGHT)
    assert (tonight.driver_id, tonight.starts, tonight.ends) == (driver_id, time(21), time(0))
    assert tonight.seats == 4  # never more than the car has
    assert (tonight.child_seats, tonight.trips) == (1, 1)

    after = CUTOFF + timedelta(minutes=1)
    locked = await drivers.save_shift(services, DRIVER, site.id, NIGHT, CUTOFF, TERMS, after)
    assert locked is ShiftAnswer.LOCKED
    withdrawn = await drivers.withdraw_shift(services, DRIVER, tonight, CUTOFF, after)
    assert withdrawn is ShiftAnswer.LOCKED
    assert len(await store.shifts.vetted(site.id, NIGHT)) == 1

    done = await drivers.withdraw_shift(services, DRIVER, tonight, CUTOFF, NOW)
    assert done is ShiftAnswer.WITHDRAWN
    assert await store.shifts.vetted(site.id, NIGHT) == []
    [kept] = await store.shifts.since(driver_id, NIGHT)
    assert kept.status is ShiftStatus.WITHDRAWN
    again = await drivers.withdraw_shift(services, DRIVER, tonight, CUTOFF, NOW)
    assert again is ShiftAnswer.NONE


async def test_a_shift_only_at_a_site_the_driver_drives_for(
    store: Store, site: Site, services: Services
) -> None:
    await vetted_driver(store, services, site)
    other = await store.sites.add(Site(0, "Lisboa", "Europe/Lisbon", time(19), time(23)), NOW)
    assert other is not None
    answer = await drivers.save_shift(services, DRIVER, other.id, NIGHT, CUTOFF, TERMS, NOW)
    assert answer is ShiftAnswer.NOT_VETTED


@pytest.mark.parametrize(
    ("change", "again"),
    [
        ({"crew": Household.COUPLE}, True),
        ({"drives": frozenset({GroupType.SINGLE_WOMEN})}, True),
        ({"display_name": "Salma B.", "seats": 2, "child_seats": 0, "phone": None}, False),
    ],
)
async def test_a_change_of_whom_they_drive_goes_back_to_vetting(
    store: Store, site: Site, services: Services, change: dict[str, object], again: bool
) -> None:
    driver_id = await vetted_driver(store, services, site)
    await shift(services, site)
    new = details(site, **change)
    done = await drivers.register(services, DRIVER, new, NOW)
    assert done.back_to_vetting is again and not done.new
    assert done.driver.details == new
    assert done.driver.status is (DriverStatus.PENDING if again else DriverStatus.VETTED)
    assert len(await store.shifts.vetted(site.id, NIGHT)) == (0 if again else 1)
    assert done.driver.id == driver_id


async def test_a_suspended_or_blocked_driver_s_shifts_go(
    store: Store, site: Site, services: Services
) -> None:
    driver_id = await vetted_driver(store, services, site)
    await shift(services, site)
    done = await block_person(services, DRIVER, "reckless", ADMIN, NOW)
    assert done.blocked and done.shifts == 1
    assert await store.shifts.vetted(site.id, NIGHT) == []
    await shift(services, site)
    assert await drivers.decide(services, driver_id, DriverStatus.SUSPENDED, ADMIN, NOW) is (
        DriverStatus.VETTED
    )
    assert await store.shifts.vetted(site.id, NIGHT) == []


async def test_shifts_go_with_their_night_and_erasure_takes_the_driver(
    store: Store, site: Site, services: Services
) -> None:
    driver_id = await vetted_driver(store, services, site)
    await shift(services, site)
    data = await store.privacy.export(DRIVER)
    assert data["driver"]["display_name"] == "Salma" and data["driver"]["site_ids"] == [site.id]
    assert [s["starts"] for s in data["shifts"]] == ["20:00"]
    later = NOW + timedelta(days=40)
    counts = await store.privacy.purge(window(later, 30), later)
    assert counts.shifts == 1 and await store.shifts.since(driver_id, NIGHT) == []
    assert await store.drivers.get(driver_id) is not None  # the profile stays until erased
    await forget_person(services, DRIVER, later)
    assert await store.drivers.get(driver_id) is None
    assert (await store.privacy.export(DRIVER))["driver"] is None


def test_non_mixite_holds_in_the_car_unless_every_site_switches_it_off() -> None:
    answers = {
        "display_name": "Paul",
        "phone": "",
        "crew": "single_man",
        "drives": ["women"],
        "seats": "3",
        "child_seats": "0",
        "sites": ["1", "2"],
    }
    with pytest.raises(ValueError, match="non-mixité"):
        details_from_answers(answers)
    with pytest.raises(ValueError, match="non-mixité"):
        details_from_answers(answers, mixed_sites={1})
    allowed = details_from_answers(answers, mixed_sites={1, 2})
    assert allowed.drives == frozenset({GroupType.SINGLE_WOMEN})


async def test_a_ride_still_to_drive_tonight_keeps_the_driver_from_leaving_unseen(
    store: Store, site: Site, services: Services
) -> None:
    """/forget asks a driver with a live ride to hand it over (the dispatchers are alerted);
    a ride that arrived, or one on another night, does not hold them."""
    await vetted_driver(store, services, site)
    await shift(services, site)
    await offer(store, site, 10, 1)
    await ask(store, site, 20)
    closed = await rounds.close_round(services, site.id, NIGHT, CUTOFF, CUTOFF)
    assert closed.outcome is not None
    [match_id] = closed.outcome.matches
    [tonight] = await store.shifts.vetted(site.id, NIGHT)
    await store.db.write(
        "INSERT INTO rides (match_id, shift_id, status, created_at, updated_at)"
        " VALUES (?, ?, 'confirmed', '2026-11-23T18:00:00+00:00', '2026-11-23T18:00:00+00:00')",
        (match_id, tonight.id),
    )
    assert await store.shifts.live_rides(DRIVER, {site.id: NIGHT}) == 1
    assert await store.shifts.live_rides(DRIVER, {site.id: NIGHT + timedelta(days=1)}) == 0
    assert await store.shifts.live_rides(10, {site.id: NIGHT}) == 0  # the host drives nothing
    await store.db.write("UPDATE rides SET status = 'arrived'")
    assert await store.shifts.live_rides(DRIVER, {site.id: NIGHT}) == 0
