"""Rides without Telegram: a car planned with the match, the driver asked on confirmation,
accept, decline, silence, no driver left, the code, arrival, the address and a move."""

from __future__ import annotations

from datetime import timedelta

from dispatch.drivers import DriverStatus, RideStatus
from dispatch.groups import GroupType, Household
from dispatch.meeting import Comer
from dispatch.models import Site
from dispatch.retention import window
from dispatch.rides import RideView
from storage.store import Store
from tests.drivers import driver
from tests.storage.test_evening import CUTOFF, NIGHT, NOW
from tests.usecases.conftest import ask, kinds, offer
from usecases import drivers, meeting, ride_moves, ride_ticks, rides
from usecases.rides import Outcome
from usecases.rounds import close_round
from usecases.services import Services

HOST, GUEST, ADMIN = 100, 200, 900
ALERTS = [ADMIN]
T0 = CUTOFF + timedelta(minutes=1)


async def _evening(store: Store, site: Site, *drivers: tuple[int, Household]) -> list[int]:
    """A host who needs a driver, a woman asking, these drivers; the round matched."""
    await offer(store, site, HOST, 2)
    await store.db.write("UPDATE hosts SET can_fetch = 0 WHERE user_id = ?", (HOST,))
    await ask(store, site, GUEST)
    shifts = [
        await driver(store, user, site.id, NIGHT, CUTOFF, NOW, name=f"D{user}", crew=crew)
        for user, crew in drivers
    ]
    await close_round(Services(store), site.id, NIGHT, CUTOFF, CUTOFF)
    return shifts


async def _ride(store: Store) -> RideView:
    [row] = await store.db.every("SELECT match_id FROM rides")
    found = await store.rides.by_match(int(row[0]))
    assert found is not None
    return found


async def _confirmed(store: Store, site: Site, *drivers: tuple[int, Household]) -> RideView:
    await _evening(store, site, *drivers)
    ride = await _ride(store)
    await meeting.confirm(store, ride.match.id, HOST, T0, ALERTS)
    return await _ride(store)


async def test_the_ride_is_planned_with_a_car_that_may_carry_the_group(
    store: Store, site: Site
) -> None:
    man, couple = await _evening(store, site, (300, Household.SINGLE_MAN), (301, Household.COUPLE))
    ride = await _ride(store)
    # A man driving alone does not drive a woman alone: the couple's car is planned.
    assert ride.status is RideStatus.PLANNED and ride.ride.shift_id == couple != man
    assert (HOST, "match_host") in await kinds(store)


async def test_confirming_asks_the_driver_who_accepts_and_comes(store: Store, site: Site) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE))
    assert ride.status is RideStatus.ASSIGNED and ride.ride.asked_at == T0
    sent = await kinds(store)
    assert (301, "ride_offer") in sent and (ADMIN, "ride_needed") not in sent
    assert (await rides.answer(store, ride.id, 999, True, T0, ALERTS))[0] is Outcome.NOT_YOURS
    outcome, after = await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    assert outcome is Outcome.DONE and after is not None and after.status is RideStatus.CONFIRMED
    found = await store.meeting.get(ride.match.id)
    assert found is not None and found.comer is Comer.DRIVER and found.comer_user_id == 301
    assert {(GUEST, "meeting"), (HOST, "meeting")} <= set(await kinds(store))
    again = await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    assert again[0] is Outcome.ALREADY and await kinds(store) == []
    card = await meeting.card(store, ride.match.id)
    assert card is not None and card.driver_name == "D301"


async def test_a_decline_asks_the_next_driver_and_nobody_left_asks_the_host(
    store: Store, site: Site
) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE), (302, Household.SINGLE_WOMAN))
    await kinds(store)
    assert (await rides.answer(store, ride.id, 301, False, T0, ALERTS))[0] is Outcome.DONE
    second = await _ride(store)
    assert second.status is RideStatus.ASSIGNED and second.driver_user_id == 302
    assert await kinds(store) == [(302, "ride_offer")]
    await rides.answer(store, ride.id, 302, False, T0, ALERTS)
    third = await _ride(store)
    assert third.status is RideStatus.UNASSIGNED and third.ride.shift_id is None
    assert await kinds(store) == [(HOST, "come_after_all"), (ADMIN, "ride_alert")]
    # The host cannot come either: the dispatchers hear it.
    assert await rides.come_after_all(store, ride.match.id, HOST, False, T0, ALERTS) is (
        Outcome.DONE
    )
    assert await kinds(store) == [(ADMIN, "ride_alert")]
    # ...then finds a way after all: the host comes, the ride ends.
    assert await rides.come_after_all(store, ride.match.id, 999, True, T0, ALERTS) is (
        Outcome.NOT_YOURS
    )
    await rides.come_after_all(store, ride.match.id, HOST, True, T0, ALERTS)
    assert (await _ride(store)).status is RideStatus.CANCELLED
    found = await store.meeting.get(ride.match.id)
    assert found is not None and found.comer is Comer.HOST and found.comer_user_id == HOST
    card = await meeting.card(store, ride.match.id)
    assert card is not None and card.collects  # the host's card has the pickup buttons


async def test_a_silent_driver_hands_the_ride_on_once(store: Store, site: Site) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE), (302, Household.COUPLE))
    await kinds(store)
    assert await ride_ticks.silence(store, T0 + timedelta(minutes=14), ALERTS) == 0
    assert await ride_ticks.silence(store, T0 + timedelta(minutes=15), ALERTS) == 1
    after = await _ride(store)
    assert after.driver_user_id == 302 and after.ride.asked_at == T0 + timedelta(minutes=15)
    assert await kinds(store) == [(301, "ride_withdrawn"), (302, "ride_offer")]
    assert await ride_ticks.silence(store, T0 + timedelta(minutes=16), ALERTS) == 0
    [(silent,)] = await store.db.every("SELECT silent FROM ride_refusals")
    assert silent == 1
    # The silent driver's late press no longer counts.
    assert (await rides.answer(store, ride.id, 301, True, T0, ALERTS))[0] is Outcome.NOT_YOURS


async def test_the_code_the_way_and_the_arrival(store: Store, site: Site) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE))
    assert await rides.set_address(store, ride.match.id, HOST, " Rue Haute 12, bell 3 ", T0)
    assert not await rides.set_address(store, ride.match.id, 301, "elsewhere", T0)
    await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    await kinds(store)
    assert await rides.set_address(store, ride.match.id, HOST, "Rue Haute 14", T0)
    assert await kinds(store) == [(301, "ride_card")]  # the driver, and only the driver
    assert (await _ride(store)).ride.address == "Rue Haute 14"
    wrong = await rides.pick_up(store, ride.id, 301, "ZZZZ", T0)
    assert wrong[0] is Outcome.WRONG_CODE
    assert (await rides.pick_up(store, ride.id, HOST, ride.match.code, T0))[0] is (
        Outcome.NOT_YOURS
    )
    done, _ = await rides.pick_up(store, ride.id, 301, ride.match.code.lower(), T0)
    assert done is Outcome.DONE and (await _ride(store)).status is RideStatus.PICKED_UP
    assert (await store.evening.view(ride.match.id)).status == "picked_up"  # type: ignore[union-attr]
    assert await kinds(store) == [(HOST, "on_the_way"), (GUEST, "picked_up")]
    assert (await rides.arrived(store, ride.match.id, 301, T0))[0] is Outcome.NOT_YOURS
    assert (await rides.arrived(store, ride.match.id, HOST, T0))[0] is Outcome.DONE
    ended = await _ride(store)
    assert ended.status is RideStatus.ARRIVED and ended.ride.address is None  # forgotten
    assert (await rides.arrived(store, ride.match.id, HOST, T0))[0] is Outcome.ALREADY


async def test_a_dispatcher_moves_a_ride_only_to_a_car_that_may_take_it(
    store: Store, site: Site
) -> None:
    ride = await _confirmed(
        store, site, (301, Household.COUPLE), (302, Household.SINGLE_MAN), (303, Household.COUPLE)
    )
    await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    await kinds(store)
    _, options = await ride_moves.candidates(store, ride.id)
    assert [c.name for c in options] == ["D303"]  # not the man alone, not the same driver
    man = await store.db.one(
        "SELECT s.id FROM shifts s JOIN drivers d ON d.id = s.driver_id WHERE d.user_id = 302"
    )
    assert man is not None
    refused, _ = await ride_moves.move(store, ride.id, int(man[0]), ADMIN, T0)
    assert refused is ride_moves.Moved.NOT_ALLOWED
    moved, after = await ride_moves.move(store, ride.id, options[0].shift_id, ADMIN, T0)
    assert moved is ride_moves.Moved.MOVED and after is not None
    assert after.status is RideStatus.ASSIGNED and after.driver_user_id == 303
    sent = set(await kinds(store))  # the guest and the host hear that nobody comes yet
    assert sent == {
        (301, "ride_withdrawn"),
        (303, "ride_offer"),
        (GUEST, "meeting"),
        (HOST, "meeting"),
    }
    found = await store.meeting.get(ride.match.id)
    assert found is not None and found.comer is Comer.DISPATCH and found.comer_user_id is None
    [(action,)] = await store.db.every("SELECT action FROM audit_log WHERE action = 'ride.move'")
    assert action == "ride.move"


async def test_trips_and_seats_limit_the_cars(store: Store, site: Site) -> None:
    """A car with one trip takes one group: the engine sends no second group to a door that
    no car can reach tonight (it waits for another home or a dispatcher's decision)."""
    await offer(store, site, HOST, 4)
    await store.db.write("UPDATE hosts SET can_fetch = 0 WHERE user_id = ?", (HOST,))
    await ask(store, site, GUEST)
    await ask(store, site, GUEST + 1)
    await driver(store, 301, site.id, NIGHT, CUTOFF, NOW, drives=(GroupType.SINGLE_WOMEN,))
    await close_round(Services(store), site.id, NIGHT, CUTOFF, CUTOFF)
    rows = await store.db.every("SELECT status FROM rides ORDER BY id")
    assert [r[0] for r in rows] == ["planned"]
    assert len(await store.db.every("SELECT id FROM matches")) == 1
    assert await store.rides.cars(site.id, NIGHT) == []  # its only trip is taken


async def test_the_address_is_purged_with_the_nights_records(store: Store, site: Site) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE))
    await rides.set_address(store, ride.match.id, HOST, "Rue Haute 12", T0)
    kept = await store.privacy.purge(window(T0 + timedelta(days=1), 14), T0 + timedelta(days=1))
    assert kept.rides == 0 and (await _ride(store)).ride.address == "Rue Haute 12"
    later = T0 + timedelta(days=16)
    counts = await store.privacy.purge(window(later, 14), later)
    assert counts.rides == 1 and await store.db.every("SELECT * FROM rides") == []
    assert await store.db.every("SELECT 1 FROM outbox WHERE payload LIKE '%Rue Haute%'") == []


async def test_a_stay_that_ends_cancels_its_ride_and_gives_the_trip_back(
    store: Store, site: Site
) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE))
    await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    await rides.set_address(store, ride.match.id, HOST, "Rue Haute 12", T0)
    await kinds(store)
    assert await store.rides.cars(site.id, NIGHT) == []  # its one trip is taken
    await store.db.write("UPDATE matches SET status = 'cancelled' WHERE id = ?", (ride.match.id,))
    assert [c.id for c in await store.rides.cars(site.id, NIGHT)] == [ride.ride.shift_id]
    assert await store.rides.for_driver(301, [NIGHT]) == []
    assert await ride_ticks.cancel_stale(store, T0) == 1
    ended = await _ride(store)
    assert ended.status is RideStatus.CANCELLED and ended.ride.address is None
    assert await kinds(store) == [(301, "ride_withdrawn")]
    assert await ride_ticks.cancel_stale(store, T0) == 0


async def test_a_driver_who_leaves_hands_the_ride_to_the_next(store: Store, site: Site) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE), (302, Household.COUPLE))
    await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    await kinds(store)
    await store.db.write("DELETE FROM users WHERE id = 301")  # as /forget erases a driver
    assert await ride_ticks.rehome(store, T0, ALERTS) == 1
    after = await _ride(store)
    assert after.status is RideStatus.ASSIGNED and after.driver_user_id == 302
    found = await store.meeting.get(ride.match.id)
    assert found is not None and found.comer is Comer.DISPATCH and found.comer_user_id is None
    assert set(await kinds(store)) == {(302, "ride_offer"), (GUEST, "meeting"), (HOST, "meeting")}
    assert await ride_ticks.rehome(store, T0, ALERTS) == 0


async def test_a_driver_is_asked_only_within_their_shift(store: Store, site: Site) -> None:
    """A shift from 21:00 does not cover a meeting at 19:30 (Brussels): the planned driver is
    not asked and nobody is left; from 19:00 it does."""
    await _evening(store, site, (301, Household.COUPLE))
    ride = await _ride(store)
    assert ride.status is RideStatus.PLANNED
    await store.db.write("UPDATE shifts SET starts = '21:00'")
    await meeting.confirm(store, ride.match.id, HOST, T0, ALERTS)
    after = await _ride(store)
    assert after.ride.meet_at is not None and after.status is RideStatus.UNASSIGNED
    assert (HOST, "come_after_all") in await kinds(store)
    await store.db.write("UPDATE shifts SET starts = '19:00'")  # the driver can come earlier
    _, options = await ride_moves.candidates(store, ride.id)
    assert [c.name for c in options] == ["D301"]


async def test_a_suspended_driver_loses_the_ride_and_never_reads_the_address(
    store: Store, site: Site
) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE), (302, Household.COUPLE))
    await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    [(driver_id,)] = await store.db.every("SELECT id FROM drivers WHERE user_id = 301")
    await drivers.decide(Services(store), driver_id, DriverStatus.SUSPENDED, ADMIN, T0)
    await kinds(store)
    # Before the tick: the address goes to nobody, a press on the old offer opens nothing.
    assert await rides.set_address(store, ride.match.id, HOST, "Rue Haute 12", T0)
    assert (301, "ride_card") not in await kinds(store)
    assert (await rides.answer(store, ride.id, 301, True, T0, ALERTS))[0] is Outcome.NOT_OPEN
    assert await rides.for_driver(store, 301, [NIGHT]) == []
    assert await ride_ticks.rehome(store, T0, ALERTS) == 1
    after = await _ride(store)
    assert after.status is RideStatus.ASSIGNED and after.driver_user_id == 302
    assert (301, "ride_withdrawn") in await kinds(store)
    assert await ride_ticks.rehome(store, T0, ALERTS) == 0
