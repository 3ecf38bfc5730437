"""Input checks: the engine refuses an evening it cannot make sense of instead of guessing.

A wrong type is not a detail here: an unknown household would escape the non-mixité table, a
fractional bed count would let the program split a bed, a negative head count would turn a
woman into "men". Each check names the record and the field, so a caller's bug is found fast.
"""

from __future__ import annotations

from collections.abc import Iterable

from dispatch.groups import GroupType, Household
from dispatch.matching.model import Car, Evening, Group, MalformedEvening, Place


def validate(evening: Evening) -> None:
    """Raise MalformedEvening on the first thing no matching can make sense of."""
    _unique("group", (group.id for group in evening.groups))
    _unique("place", (place.id for place in evening.places))
    for group in evening.groups:
        _group(group)
    for place in evening.places:
        _place(place)
    _unique("car", (car.id for car in evening.cars))
    for car in evening.cars:
        _car(car)
    for pair in evening.blocked_pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(_is_int(v) for v in pair)):
            raise MalformedEvening(f"blocked pair {pair!r} is not (host id, guest id)")


def _group(group: Group) -> None:
    what = f"group {group.id!r}"
    _integers(what, id=group.id, guest_id=group.guest_id, site_id=group.site_id)
    _integers(what, arrival=group.arrival)
    _counts(what, women=group.women, men=group.men, children=group.children)
    _counts(what, nights_without_bed=group.nights_without_bed)
    if group.size < 1:
        raise MalformedEvening(f"{what} has nobody in it")
    if group.women + group.men == 0:
        raise MalformedEvening(f"{what} has children and no adult")
    if group.previous_host_id is not None:
        _integers(what, previous_host_id=group.previous_host_id)
    _flags(what, step_free=group.step_free, medical=group.medical)
    _languages(what, group.languages)


def _place(place: Place) -> None:
    what = f"place {place.id!r}"
    _integers(what, id=place.id, host_id=place.host_id, site_id=place.site_id)
    _counts(what, beds=place.beds)
    if not isinstance(place.household, Household):
        raise MalformedEvening(f"{what} has an unknown household {place.household!r}")
    if not isinstance(place.accepts, frozenset) or not all(
        isinstance(kind, GroupType) for kind in place.accepts
    ):
        raise MalformedEvening(f"{what} accepts unknown group types {place.accepts!r}")
    _flags(what, step_free=place.step_free, eligible=place.eligible, needs_ride=place.needs_ride)
    _languages(what, place.languages)


def _car(car: Car) -> None:
    what = f"car {car.id!r}"
    _integers(what, id=car.id, driver_id=car.driver_id, site_id=car.site_id)
    _counts(what, seats=car.seats, child_seats=car.child_seats, trips=car.trips)
    if not isinstance(car.crew, Household):
        raise MalformedEvening(f"{what} has an unknown crew {car.crew!r}")
    if not isinstance(car.accepts, frozenset) or not all(
        isinstance(kind, GroupType) for kind in car.accepts
    ):
        raise MalformedEvening(f"{what} carries unknown group types {car.accepts!r}")
    _flags(what, non_mixite=car.non_mixite)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _integers(what: str, **values: object) -> None:
    for name, value in values.items():
        if not _is_int(value):
            raise MalformedEvening(f"{what}: {name} must be a whole number, not {value!r}")


def _counts(what: str, **values: object) -> None:
    _integers(what, **values)
    for name, value in values.items():
        if isinstance(value, int) and value < 0:
            raise MalformedEvening(f"{what}: {name} cannot be negative ({value})")


def _flags(what: str, **values: object) -> None:
    for name, value in values.items():
        if not isinstance(value, bool):
            raise MalformedEvening(f"{what}: {name} must be true or false, not {value!r}")


def _languages(what: str, languages: object) -> None:
    if not isinstance(languages, frozenset) or not all(isinstance(x, str) for x in languages):
        raise MalformedEvening(f"{what}: languages must be a set of language codes")


def _unique(kind: str, ids: Iterable[object]) -> None:
    seen: set[object] = set()
    for value in ids:
        if value in seen:
            raise MalformedEvening(f"duplicate {kind} id {value!r}")
        seen.add(value)
