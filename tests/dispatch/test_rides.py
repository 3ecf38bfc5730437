"""Which driver is asked next: the first car, in order, that may carry the group whole, has a
trip left and did not refuse it; silence counts from the moment the driver was asked."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from dispatch.groups import GroupType, Household
from dispatch.matching.model import Car, Group
from dispatch.rides import SILENCE, covers, first_fit, silent_since

EVERYONE = frozenset(GroupType)
WOMAN = Group(id=1, guest_id=1, site_id=1, women=1, men=0, children=0)
MOTHER = Group(id=2, guest_id=2, site_id=1, women=1, men=0, children=2)


def car(id: int, crew: Household = Household.COUPLE, **kw: int) -> Car:
    values = {"seats": 4, "child_seats": 0, "trips": 1} | kw
    return Car(id, id, 1, values["seats"], values["child_seats"], values["trips"], crew, EVERYONE)


def test_the_first_car_that_may_carry_the_group_is_asked() -> None:
    cars = [car(1, Household.SINGLE_MAN), car(2), car(3)]
    assert first_fit(cars, WOMAN) == cars[1]  # a man alone does not drive a woman alone


def test_refusals_used_trips_seats_and_child_seats_count() -> None:
    cars = [car(1), car(2, trips=2), car(3, child_seats=2)]
    assert first_fit(cars, WOMAN, refused=frozenset({1})) == cars[1]
    assert first_fit(cars, WOMAN, refused=frozenset({1}), used={2: 2}) == cars[2]
    assert first_fit(cars, MOTHER) == cars[2]  # a child seat per child
    assert first_fit([car(4, seats=2, child_seats=2)], MOTHER) is None  # never split
    assert first_fit([], WOMAN) is None


def test_silence_is_fifteen_minutes_after_the_question() -> None:
    now = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
    assert timedelta(minutes=15) == SILENCE and silent_since(now) == now - SILENCE


def test_a_shift_covers_its_hours_also_past_midnight() -> None:
    assert covers(time(20), time(23, 30), time(21, 15))
    assert not covers(time(20), time(23, 30), time(19, 30))
    assert covers(time(22), time(1), time(0, 30)) and covers(time(22), time(1), time(22, 45))
    assert not covers(time(22), time(1), time(2))
