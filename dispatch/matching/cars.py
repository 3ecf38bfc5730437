"""Rides: tonight's cars as the engine counts them, and which car drives which group.

A trip carries one group, whole, from the meeting point to one door: a car with `trips`
trips can bring that many groups home tonight, each on its own run, and a group never rides
in two cars. Whether a car may take a group (seats, a child seat per child, the crew in the
non-mixité table) is `rules.may_carry`.

Cars that may carry exactly the same group classes are interchangeable: they are gathered
into classes whose capacity is their trips put together. The program counts groups per
(group class, car class); since a trip takes any group its car may carry, any such counts
within each class's trips can be driven by concrete cars, which `hand_out` finds as a
maximum flow (groups -> cars, a car taking at most its trips).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_array  # type: ignore[import-untyped]
from scipy.sparse.csgraph import maximum_flow  # type: ignore[import-untyped]

from dispatch.matching.model import Car, Group, Place
from dispatch.matching.rules import may_carry
from dispatch.matching.score import priority


@dataclass(frozen=True)
class CarClass:
    key: tuple[int, ...]  # the group classes these cars may carry
    members: tuple[Car, ...]  # by id

    @property
    def rep(self) -> Car:
        return self.members[0]

    @property
    def trips(self) -> int:
        return sum(car.trips for car in self.members)


def gather(cars: Sequence[Car], reps: Sequence[Group]) -> tuple[CarClass, ...]:
    """Cars gathered by the group classes (one representative each) they may carry; cars
    that may carry none of tonight's groups are left out."""
    buckets: dict[tuple[int, ...], list[Car]] = defaultdict(list)
    for car in cars:
        key = tuple(c for c, rep in enumerate(reps) if may_carry(car, rep))
        if key:
            buckets[key].append(car)
    return tuple(
        CarClass(key, tuple(sorted(buckets[key], key=lambda car: car.id)))
        for key in sorted(buckets)
    )


def carriers(classes: Sequence[CarClass]) -> tuple[tuple[int, int], ...]:
    """Every (group class, car class) where the car may carry the group, sorted."""
    return tuple(sorted((c, k) for k, cls in enumerate(classes) for c in cls.key))


def hand_out(
    groups: Sequence[Group], placed: Mapping[int, Place], cars: Sequence[Car]
) -> dict[int, int]:
    """Group id -> car id for the groups placed at a place that needs a ride: as many as the
    cars' trips can take (every one of them when the placement came from the engine, which
    only places what its cars can carry). Deterministic: the same input, the same cars."""
    riders = sorted((g for g in groups if g.id in placed and placed[g.id].needs_ride), key=priority)
    fleet = sorted((car for car in cars if car.trips > 0), key=lambda car: car.id)
    if not riders or not fleet:
        return {}
    source, sink = 0, len(riders) + len(fleet) + 1
    edges: list[tuple[int, int, int]] = []  # (from, to, capacity)
    for i, group in enumerate(riders):
        edges.append((source, 1 + i, 1))
        edges += [
            (1 + i, 1 + len(riders) + j, 1) for j, car in enumerate(fleet) if may_carry(car, group)
        ]
    edges += [(1 + len(riders) + j, sink, car.trips) for j, car in enumerate(fleet)]
    rows, cols, caps = (np.array(column) for column in zip(*edges, strict=True))
    graph = csr_array((caps.astype(np.int32), (rows, cols)), shape=(sink + 1, sink + 1))
    flow = maximum_flow(graph, source, sink, method="dinic").flow.tocoo()
    driven: dict[int, int] = {}
    for row, col, value in zip(flow.row, flow.col, flow.data, strict=True):
        if value > 0 and 1 <= row <= len(riders) and col > len(riders) and col < sink:
            driven[riders[row - 1].id] = fleet[col - 1 - len(riders)].id
    return driven


def first_fit(
    riders: Sequence[Group], cars: Sequence[Car], used: dict[int, int] | None = None
) -> dict[int, int]:
    """Group id -> car id, each group in turn taking the first car (by id) that may carry it
    and has a trip left; `used` counts the trips already taken and is updated."""
    taken = {} if used is None else used
    fleet = sorted(cars, key=lambda car: car.id)
    driven: dict[int, int] = {}
    for group in riders:
        car = free_car(group, fleet, taken)
        if car is not None:
            taken[car.id] = taken.get(car.id, 0) + 1
            driven[group.id] = car.id
    return driven


def free_car(group: Group, fleet: Sequence[Car], used: Mapping[int, int]) -> Car | None:
    """The first car of `fleet` that may carry the group and has a trip left (`used`: trips
    taken so far per car id)."""
    return next(
        (car for car in fleet if used.get(car.id, 0) < car.trips and may_carry(car, group)),
        None,
    )


def check(groups: Sequence[Group], placed: Mapping[int, Place], driven: Mapping[int, int],
          cars: Sequence[Car]) -> None:  # fmt: skip
    """The last line of defence for rides: every group at a place that needs a ride has one
    car that may carry it whole, no car runs more trips than its shift, and nobody else has
    a car."""
    by_id = {car.id: car for car in cars}
    trips: dict[int, int] = defaultdict(int)
    for group in groups:
        place, car_id = placed.get(group.id), driven.get(group.id)
        if place is None or not place.needs_ride:
            if car_id is not None:
                raise RuntimeError(f"matching bug: group {group.id} has a car it does not need")
            continue
        car = by_id.get(car_id) if car_id is not None else None
        if car is None or not may_carry(car, group):
            raise RuntimeError(f"matching bug: no car may take group {group.id} to its door")
        trips[car.id] += 1
        if trips[car.id] > car.trips:
            raise RuntimeError(f"matching bug: car {car.id} over its trips")
