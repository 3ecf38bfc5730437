"""The last meter of a ride: a late pickup asks the guest and the driver who took the ride,
once; a driver who took a ride hands it back and it goes to the next driver."""

from __future__ import annotations

from datetime import timedelta

from dispatch import notices as n
from dispatch.drivers import RideStatus
from dispatch.groups import Household
from dispatch.meeting import Comer
from dispatch.models import Site
from storage.store import Store
from tests.usecases.conftest import kinds
from tests.usecases.test_rides import ADMIN, ALERTS, GUEST, HOST, T0, _confirmed, _ride
from usecases import meeting_tick, rides
from usecases.rides import Outcome


async def test_a_late_pickup_asks_the_guest_and_the_driver_once(store: Store, site: Site) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE))
    await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    await kinds(store)
    found = await store.meeting.get(ride.match.id)
    assert found is not None and found.comer is Comer.DRIVER
    late = found.meet_at + timedelta(minutes=15)
    assert (await meeting_tick.tick(store, late - timedelta(minutes=1), ALERTS)).late == 0
    assert (await meeting_tick.tick(store, late, ALERTS)).late == 1
    # The guest and the driver who comes are asked; the host, who waits at home, is not.
    assert await kinds(store) == [(GUEST, "late"), (301, "late"), (ADMIN, "late_alert")]
    [(payload,)] = await store.db.every(
        "SELECT payload FROM outbox WHERE chat_id = 301 AND kind = 'late'"
    )
    assert n.Side.DRIVER.value in payload
    assert (await meeting_tick.tick(store, late + timedelta(minutes=5), ALERTS)).late == 0
    assert await kinds(store) == []


async def test_a_driver_hands_a_ride_back_and_the_next_driver_is_asked(
    store: Store, site: Site
) -> None:
    ride = await _confirmed(store, site, (301, Household.COUPLE), (302, Household.COUPLE))
    await rides.answer(store, ride.id, 301, True, T0, ALERTS)
    await rides.set_address(store, ride.match.id, HOST, "Rue Haute 12", T0)
    await kinds(store)
    assert (await rides.hand_back(store, ride.id, 302, T0, ALERTS))[0] is Outcome.NOT_YOURS
    outcome, _ = await rides.hand_back(store, ride.id, 301, T0, ALERTS)
    assert outcome is Outcome.DONE
    after = await _ride(store)
    assert after.status is RideStatus.ASSIGNED and after.driver_user_id == 302
    assert after.ride.address == "Rue Haute 12"  # stays with the ride, for the next driver
    found = await store.meeting.get(ride.match.id)
    assert found is not None and found.comer is Comer.DISPATCH and found.comer_user_id is None
    # Guest and host read that nobody is announced yet; the next driver is asked; the
    # dispatchers see it.
    assert await kinds(store) == [
        (HOST, "meeting"),
        (GUEST, "meeting"),
        (302, "ride_offer"),
        (ADMIN, "ride_alert"),
    ]
    assert (await rides.hand_back(store, ride.id, 301, T0, ALERTS))[0] is Outcome.NOT_YOURS
    # A driver only asked cannot hand it back (they decline); once they took it and hand it
    # back too, nobody is left: the host is asked to come after all.
    assert (await rides.hand_back(store, ride.id, 302, T0, ALERTS))[0] is Outcome.NOT_OPEN
    await rides.answer(store, ride.id, 302, True, T0, ALERTS)
    await kinds(store)
    assert (await rides.hand_back(store, ride.id, 302, T0, ALERTS))[0] is Outcome.DONE
    assert (await _ride(store)).status is RideStatus.UNASSIGNED
    sent = await kinds(store)
    assert (HOST, "come_after_all") in sent and (ADMIN, "ride_alert") in sent
