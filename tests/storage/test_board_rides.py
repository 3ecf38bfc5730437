"""Tonight's drivers and rides on the board, read from rows written into the 0012 tables:
trips used per shift, rides by state, the unassigned, late and refused lists, one site only."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from dispatch.board_rides import LATE_AFTER, ride_board
from dispatch.drivers import RideStatus
from dispatch.matching.engine import match as solve
from dispatch.models import Site
from dispatch.party import Party
from storage.requests import NewRequest
from storage.store import Store
from tests.storage import rides
from tests.storage.people import vetted_host
from usecases.proposals import pass_alone

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
NIGHT = date(2026, 11, 23)
CUTOFF = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
MEET = datetime(2026, 11, 23, 19, 30, tzinfo=UTC)


async def _evening(store: Store, site: Site, host_user: int, guests: range) -> list[int]:
    await store.users.touch(host_user, NOW)
    host = await vetted_host(store, host_user, site.id, NOW, name=f"Host{host_user}")
    await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=len(guests),
        latest_pickup=time(21, 30),
        nights=1,
        note=None,
        now=NOW,
    )
    for user_id in guests:
        await store.users.touch(user_id, NOW)
        await store.requests.record_consent(user_id, 1, NOW)
        new = NewRequest(
            site.id, NIGHT, CUTOFF, f"G{user_id}", Party(1, 0, 0), ("fr",), False, False
        )
        await store.requests.save_for_user(user_id, new, NOW)
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    outcome = await pass_alone(store, site.id, NIGHT, CUTOFF, solve)
    return sorted(outcome.matches)


@pytest.fixture
async def night(store: Store) -> tuple[Store, Site, Site, list[int], list[int]]:
    """Brussels: one host, four women matched; Ghent: one host, one woman matched."""
    brussels = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    ghent = await store.sites.add(Site(0, "Ghent", "Europe/Brussels", time(19), time(23)), NOW)
    assert ghent is not None
    here = await _evening(store, brussels, 10, range(20, 24))
    there = await _evening(store, ghent, 11, range(30, 31))
    return store, brussels, ghent, here, there


async def test_the_board_reads_shifts_rides_and_their_trouble_for_one_site(night: tuple) -> None:  # type: ignore[type-arg]
    store, brussels, ghent, here, there = night
    karim = await rides.driver(store, 50, brussels.id, NOW, name="Karim", phone="+32 470 11 22 33")
    lea = await rides.driver(store, 51, brussels.id, NOW, name="Léa")
    piet = await rides.driver(store, 52, ghent.id, NOW, name="Piet")
    k_shift = await rides.shift(store, karim, brussels.id, NIGHT, NOW, starts="20:00", trips=3)
    l_shift = await rides.shift(store, lea, brussels.id, NIGHT, NOW, starts="19:00", trips=2)
    p_shift = await rides.shift(store, piet, ghent.id, NIGHT, NOW)
    gone = await rides.driver(store, 53, brussels.id, NOW, name="Withdrawn")
    await rides.shift(store, gone, brussels.id, NIGHT, NOW, active=False)

    confirmed = await rides.ride(
        store, here[0], NOW, shift_id=k_shift, status=RideStatus.CONFIRMED, meet_at=MEET
    )
    arrived = await rides.ride(
        store, here[1], NOW, shift_id=k_shift, status=RideStatus.ARRIVED, meet_at=MEET
    )
    unassigned = await rides.ride(
        store, here[2], NOW, status=RideStatus.UNASSIGNED, meet_at=MEET + timedelta(minutes=30)
    )
    await rides.refusal(store, unassigned, l_shift, NOW)
    await rides.refusal(store, unassigned, k_shift, NOW, silent=True)
    cancelled = await rides.ride(store, here[3], NOW, shift_id=l_shift, status=RideStatus.CANCELLED)
    await rides.ride(
        store, there[0], NOW, shift_id=p_shift, status=RideStatus.UNASSIGNED, meet_at=MEET
    )

    shifts, lines = await store.board.rides.tonight(brussels.id, NIGHT)
    assert [(s.driver_name, s.trips, s.trips_used, s.trips_left) for s in shifts] == [
        ("Léa", 2, 0, 2),  # her ride was cancelled: the trip is free again
        ("Karim", 3, 2, 1),
    ]
    assert shifts[1].phone == "+32 470 11 22 33" and shifts[0].starts == time(19)
    assert [r.ride_id for r in lines] == [confirmed, arrived, unassigned, cancelled]
    by_id = {r.ride_id: r for r in lines}
    assert by_id[confirmed].driver_name == "Karim" and by_id[confirmed].meet_at == MEET
    assert by_id[confirmed].host_name == "Host10" and by_id[confirmed].alias.startswith("G")
    assert by_id[unassigned].driver_name is None
    assert (by_id[unassigned].declined, by_id[unassigned].unanswered) == (1, 1)
    assert by_id[cancelled].meet_at is None

    at_meeting = ride_board(shifts, lines, MEET + LATE_AFTER - timedelta(seconds=1))
    assert at_meeting.counts == {
        RideStatus.UNASSIGNED: 1,
        RideStatus.CONFIRMED: 1,
        RideStatus.ARRIVED: 1,
        RideStatus.CANCELLED: 1,
    }
    assert [r.ride_id for r in at_meeting.unassigned] == [unassigned]
    assert at_meeting.late == ()
    assert [r.ride_id for r in at_meeting.refused] == [unassigned]
    assert (at_meeting.seats, at_meeting.trips_left) == (8, 3)

    later = ride_board(shifts, lines, MEET + LATE_AFTER)
    assert [r.ride_id for r in later.late] == [confirmed]  # arrived is not late
    much_later = ride_board(shifts, lines, MEET + timedelta(minutes=30) + LATE_AFTER)
    assert [r.ride_id for r in much_later.late] == [confirmed, unassigned]

    # Ghent's dispatcher reads Ghent only.
    g_shifts, g_lines = await store.board.rides.tonight(ghent.id, NIGHT)
    assert [s.driver_name for s in g_shifts] == ["Piet"]
    assert [r.match_id for r in g_lines] == [there[0]]
    assert (await store.board.rides.tonight(brussels.id, NIGHT + timedelta(days=1))) == ([], [])


async def test_a_ride_changing_changes_the_nights_mark(night: tuple) -> None:  # type: ignore[type-arg]
    store, brussels, _ghent, here, _there = night
    before = await store.board.change_mark(brussels.id, NIGHT)
    karim = await rides.driver(store, 50, brussels.id, NOW)
    k_shift = await rides.shift(store, karim, brussels.id, NIGHT, NOW)
    with_shift = await store.board.change_mark(brussels.id, NIGHT)
    assert with_shift != before
    ride = await rides.ride(store, here[0], NOW, status=RideStatus.UNASSIGNED)
    with_ride = await store.board.change_mark(brussels.id, NIGHT)
    assert with_ride != with_shift
    await store.db.write(
        "UPDATE rides SET shift_id = ?, status = 'assigned' WHERE id = ?", (k_shift, ride)
    )
    assert await store.board.change_mark(brussels.id, NIGHT) != with_ride
