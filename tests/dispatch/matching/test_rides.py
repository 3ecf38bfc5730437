"""Rides: a host who needs a driver only receives the groups tonight's cars can bring.

Random evenings check the invariants of the engine, the first-come baseline and the
beds-then-rides baseline, reading the head counts rather than `rules.may_carry`; tiny ones
check the joint levels 1-4 against an exhaustive search over every drivable matching.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dispatch.groups import GroupType, Household
from dispatch.matching import cars
from dispatch.matching.engine import match
from dispatch.matching.greedy import greedy
from dispatch.matching.model import Car, Evening, Group, MalformedEvening, Place, Reason, Result
from dispatch.matching.score import score
from dispatch.matching.sequential import beds_then_rides
from tests.dispatch.matching.factories import EVERYONE, group, place
from tests.dispatch.matching.test_properties import all_matchings, assert_sound, groups, places

CREWS = [Household.SINGLE_MAN, Household.SINGLE_WOMAN, Household.COUPLE]
SOME_TYPES = st.frozensets(st.sampled_from(list(GroupType)), min_size=1)


def car(
    cid: int,
    seats: int = 4,
    *,
    child_seats: int = 0,
    trips: int = 1,
    crew: Household = Household.COUPLE,
    accepts: frozenset[GroupType] = EVERYONE,
    site: int = 1,
    non_mixite: bool = True,
) -> Car:
    return Car(cid, 900 + cid, site, seats, child_seats, trips, crew, accepts, non_mixite)


def ride(pid: int, beds: int = 2, *, accepts: frozenset[GroupType] = EVERYONE) -> Place:
    return replace(place(pid, beds, accepts=accepts), needs_ride=True)


@st.composite
def ride_places(draw: st.DrawFn, pid: int, sites: int) -> Place:
    """Hosts who accept most groups, so that rides, not rules, decide who goes where."""
    return replace(
        draw(places(pid, sites)),
        beds=draw(st.integers(1, 4)),
        accepts=draw(st.one_of(st.just(EVERYONE), SOME_TYPES)),
        household=draw(st.sampled_from([*Household, Household.COUPLE, Household.FAMILY])),
        needs_ride=draw(st.integers(0, 2)) > 0,
        step_free=draw(st.integers(0, 3)) > 0,
        eligible=True,
    )


@st.composite
def ride_evenings(draw: st.DrawFn, max_groups: int, max_places: int, sites: int = 2) -> Evening:
    gs = tuple(draw(groups(i + 1, sites)) for i in range(draw(st.integers(1, max_groups))))
    ps = tuple(draw(ride_places(i + 1, sites)) for i in range(draw(st.integers(1, max_places))))
    pairs = [(p.host_id, g.guest_id) for p in ps for g in gs]
    blocked = draw(st.frozensets(st.sampled_from(pairs), max_size=2)) if pairs else frozenset()
    fleet = tuple(
        Car(
            id=cid,
            driver_id=900 + cid,
            site_id=draw(st.integers(1, sites)),
            seats=draw(st.integers(1, 6)),
            child_seats=draw(st.integers(0, 3)),
            trips=draw(st.integers(0, 2)),
            crew=draw(st.sampled_from(CREWS)),
            accepts=draw(st.one_of(st.just(EVERYONE), SOME_TYPES)),
            non_mixite=draw(st.integers(0, 4)) > 0,
        )
        for cid in range(1, draw(st.integers(0, 3)) + 1)
    )
    return Evening(gs, ps, blocked, fleet)


def allowed_in(car: Car, g: Group) -> bool:
    """Whom a car may carry, from the head counts: whole, a child seat per child, the crew
    where a household stands in the non-mixité table unless the site switched it off."""
    if car.site_id != g.site_id or g.size > car.seats or g.children > car.child_seats:
        return False
    if car.trips < 1 or g.group_type not in car.accepts:
        return False
    if not car.non_mixite:
        return True
    if car.crew is Household.SINGLE_MAN and g.men == 0:
        return False
    return not (car.crew is Household.SINGLE_WOMAN and g.women == 0 and g.children == 0)


def assert_rides(evening: Evening, result: Result) -> None:
    assert_sound(evening, result)
    groups = {g.id: g for g in evening.groups}
    places = {p.id: p for p in evening.places}
    cars = {c.id: c for c in evening.cars}
    trips: Counter[int] = Counter()
    for a in result.assignments:
        if not places[a.place_id].needs_ride:
            assert a.car_id is None
            continue
        assert a.car_id is not None, "a host who needs a driver got a group without a car"
        assert allowed_in(cars[a.car_id], groups[a.group_id])
        trips[a.car_id] += 1
    assert all(used <= cars[cid].trips for cid, used in trips.items())


def drivable(evening: Evening, placed: dict[int, int]) -> bool:
    """Whether cars can take every group placed at a place that needs a ride, by search."""
    places = {p.id: p for p in evening.places}
    riders = [g for g in evening.groups if g.id in placed and places[placed[g.id]].needs_ride]
    left = {c.id: c.trips for c in evening.cars}

    def walk(i: int) -> bool:
        if i == len(riders):
            return True
        for c in evening.cars:
            if left[c.id] and allowed_in(c, riders[i]):
                left[c.id] -= 1
                if walk(i + 1):
                    return True
                left[c.id] += 1
        return False

    return walk(0)


def drivable_matchings(evening: Evening) -> Iterator[dict[int, int]]:
    return (m for m in all_matchings(evening) if drivable(evening, m))


@settings(max_examples=60, deadline=None)
@given(ride_evenings(max_groups=14, max_places=8))
def test_the_engine_never_breaks_a_ride_rule(evening: Evening) -> None:
    assert_rides(evening, match(evening))


@settings(max_examples=40, deadline=None)
@given(ride_evenings(max_groups=14, max_places=8))
def test_the_baselines_never_break_a_ride_rule(evening: Evening) -> None:
    assert_rides(evening, greedy(evening))
    assert_rides(evening, beds_then_rides(evening))


@settings(max_examples=60, deadline=None)
@given(ride_evenings(max_groups=14, max_places=8))
def test_cars_can_drive_every_group_the_program_sends_to_a_door(evening: Evening) -> None:
    """The engine drops a group no car can take rather than send it; it never has to."""
    shortfalls: list[int] = []
    hand_out = cars.hand_out

    def counting(
        groups: Sequence[Group], placed: Mapping[int, Place], fleet: Sequence[Car]
    ) -> dict[int, int]:
        driven = hand_out(groups, placed, fleet)
        riders = [g for g in groups if g.id in placed and placed[g.id].needs_ride]
        shortfalls.append(len(riders) - len(driven))
        return driven

    with mock.patch.object(cars, "hand_out", counting):
        match(evening)
    assert shortfalls and not any(shortfalls)


@settings(max_examples=150, deadline=None)
@given(ride_evenings(max_groups=6, max_places=3, sites=1))
def test_levels_one_to_four_are_optimal_with_rides(evening: Evening) -> None:
    best = max(score(evening.groups, evening.places, m)[:4] for m in drivable_matchings(evening))
    result = match(evening)
    assert result.objective[:4] == best
    assert result.objective[:4] >= beds_then_rides(evening).objective[:4]
    assert result.objective[:4] >= greedy(evening).objective[:4]


@settings(max_examples=30, deadline=None)
@given(ride_evenings(max_groups=14, max_places=8))
def test_same_input_same_output_with_rides(evening: Evening) -> None:
    shuffled = Evening(
        tuple(reversed(evening.groups)),
        tuple(reversed(evening.places)),
        evening.blocked_pairs,
        tuple(reversed(evening.cars)),
    )
    first, second, third = match(evening), match(shuffled), match(evening)
    assert first.assignments == second.assignments == third.assignments
    assert first.unplaced == second.unplaced == third.unplaced


@settings(max_examples=30, deadline=None)
@given(ride_evenings(max_groups=14, max_places=8))
def test_cars_change_nothing_where_no_host_needs_a_ride(evening: Evening) -> None:
    walking = replace(evening, places=tuple(replace(p, needs_ride=False) for p in evening.places))
    without = match(replace(walking, cars=()))
    with_cars = match(walking)
    assert with_cars.assignments == without.assignments
    assert with_cars.unplaced == without.unplaced


def test_joint_matching_houses_more_than_beds_then_rides() -> None:
    # The only car is a man driving alone: he may not drive a woman alone. Beds first send
    # the woman (vulnerable first) to the host who needs a driver, and nobody can take her.
    men_only = frozenset({GroupType.SINGLE_MEN})
    evening = Evening(
        (group(1), group(2, women=1, men=0), group(3)),
        (ride(1, 1), place(2, 1, accepts=men_only)),
        cars=(car(1, crew=Household.SINGLE_MAN),),
    )
    joint, sequential = match(evening), beds_then_rides(evening)
    assert {(a.group_id, a.place_id, a.car_id) for a in joint.assignments} == {
        (1, 2, None),
        (3, 1, 1),
    }
    assert joint.objective[1] == 2
    assert {(a.group_id, a.place_id, a.car_id) for a in sequential.assignments} == {(1, 2, None)}
    assert sequential.objective[1] == 1
    for result in (joint, sequential):
        assert next(u.reason for u in result.unplaced if u.group_id == 2).code == "no_ride"


def test_a_group_left_for_lack_of_trips_is_told_no_ride() -> None:
    evening = Evening((group(1), group(2)), (ride(1, 2),), cars=(car(1, trips=1),))
    result = match(evening)
    assert [(a.group_id, a.car_id) for a in result.assignments] == [(1, 1)]
    assert result.unplaced[0].reason == Reason("no_ride", {"size": 1})


def test_a_group_never_splits_and_children_need_child_seats() -> None:
    # A family of five: two four-seat cars could hold them together, but no one car can.
    family = group(1, women=1, men=1, children=3)
    small = (car(1, 4, child_seats=3, trips=3), car(2, 4, child_seats=3, trips=3))
    result = match(Evening((family,), (ride(1, 5),), cars=small))
    assert result.assignments == ()
    assert result.unplaced[0].reason.code == "no_ride"
    seats_short = (car(1, 5, child_seats=2, trips=3),)
    result = match(Evening((family,), (ride(1, 5),), cars=seats_short))
    assert result.assignments == ()
    roomy = (*small, car(3, 5, child_seats=3))
    result = match(Evening((family,), (ride(1, 5),), cars=roomy))
    assert [(a.place_id, a.car_id) for a in result.assignments] == [(1, 3)]


def test_trips_are_spent_where_no_one_could_walk() -> None:
    # One car trip. The man who came first can walk to a host who takes men only, so the trip
    # goes to the woman, whom only the host in need of a driver takes; the queue gives it away.
    evening = Evening(
        (group(1), group(2, women=1, men=0)),
        (ride(1, 1), place(2, 1, accepts=frozenset({GroupType.SINGLE_MEN}))),
        cars=(car(1, trips=1),),
    )
    joint = match(evening)
    assert {(a.group_id, a.place_id, a.car_id) for a in joint.assignments} == {
        (1, 2, None),
        (2, 1, 1),
    }
    queue = greedy(evening)
    assert [(a.group_id, a.place_id, a.car_id) for a in queue.assignments] == [(1, 1, 1)]


def test_a_malformed_car_is_refused() -> None:
    evening = Evening((group(1),), (ride(1),), cars=(car(1, trips=-1),))
    with pytest.raises(MalformedEvening, match="trips"):
        match(evening)
    twice = Evening((group(1),), (ride(1),), cars=(car(1), car(1)))
    with pytest.raises(MalformedEvening, match="duplicate car"):
        match(twice)


def test_beds_then_rides_gives_the_trips_in_arrival_order() -> None:
    evening = Evening(
        (group(1, arrival=2), group(2, arrival=1)),
        (ride(1, 1), ride(2, 1)),
        cars=(car(1, trips=1), car(2, trips=0)),
    )
    result = beds_then_rides(evening)
    assert [(a.group_id, a.car_id) for a in result.assignments] == [(2, 1)]
    assert result.unplaced[0].group_id == 1
    assert result.unplaced[0].reason == Reason("no_ride", {"size": 1})


def test_sites_with_cars_solved_in_parallel_give_the_same_answer() -> None:
    groups = tuple(group(i, site=1 + i % 3, men=1 + i % 2) for i in range(1, 16))
    places = tuple(
        replace(place(i, 1 + i % 3, site=1 + i % 3), needs_ride=i % 2 == 0) for i in range(1, 13)
    )
    fleet = tuple(car(i, 2, trips=1 + i % 2, site=1 + i % 3) for i in range(1, 5))
    evening = Evening(groups, places, cars=fleet)
    alone, together = match(evening), match(evening, workers=2)
    assert any(a.car_id for a in alone.assignments)
    assert (alone.assignments, alone.unplaced) == (together.assignments, together.unplaced)
