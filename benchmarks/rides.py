"""Rides benchmark: beds and cars matched together, against beds first and rides afterwards.

Two kinds of evening, 800 people each at one site (groups of every make-up, from
`matching_evenings.py`), 40 % of the hosts needing a driver:
- plenty: 600 hosts (about 1,580 beds) and 25 drivers;
- scarce: 300 hosts (about 780 beds) and 15 drivers.
Drivers have 3-7 seats, 0-3 child seats, 1-4 trips, a crew of a man alone, a woman alone or a
couple, and accept most groups. For each evening: people home with the joint matching
(`engine.match`), with beds then first-fit rides (`sequential.beds_then_rides`, the baseline
asked for) and with beds then the most rides the cars can make after them (a maximum flow:
what any ride assignment could do once the beds are fixed) and first come, first served
(`greedy`, which also respects rides); the joint match's wall and CPU
seconds, HiGHS runs and nodes; and broken rules, beds and rides, checked independently.

    .venv/bin/python benchmarks/rides.py [--evenings 30] [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from matching_evenings import make_group, make_place, pick, violations

from dispatch.groups import Household, acceptable_for
from dispatch.matching import cars
from dispatch.matching.engine import match
from dispatch.matching.greedy import greedy
from dispatch.matching.model import Car, Evening, Group, Result
from dispatch.matching.sequential import beds_then_rides

CREWS = ((Household.SINGLE_MAN, 0.45), (Household.SINGLE_WOMAN, 0.25), (Household.COUPLE, 0.30))
SEATS = ((3, 0.15), (4, 0.55), (5, 0.15), (6, 0.10), (7, 0.05))
CHILD_SEATS = ((0, 0.4), (1, 0.3), (2, 0.2), (3, 0.1))
TRIPS = ((1, 0.15), (2, 0.35), (3, 0.35), (4, 0.15))
KINDS = {"plenty": (600, 25), "scarce": (300, 15)}  # hosts, drivers


def make_car(rng: random.Random, cid: int, site: int) -> Car:
    crew = pick(rng, CREWS)
    allowed = acceptable_for(crew)
    accepts = frozenset(t for t in allowed if rng.random() < 0.9) or frozenset(allowed[:1])
    return Car(
        id=cid,
        driver_id=700_000 + cid,
        site_id=site,
        seats=pick(rng, SEATS),
        child_seats=pick(rng, CHILD_SEATS),
        trips=pick(rng, TRIPS),
        crew=crew,
        accepts=accepts,
    )


def evening(seed: int, hosts: int, drivers: int, people: int = 800) -> Evening:
    """`people` guests, `hosts` hosts (40 % need a driver) and `drivers` cars at one site."""
    rng = random.Random(seed)
    places = tuple(
        replace(make_place(rng, pid, 1), needs_ride=rng.random() < 0.4)
        for pid in range(1, hosts + 1)
    )
    groups: list[Group] = []
    blocked: set[tuple[int, int]] = set()
    count = 0
    while count < people:
        group = make_group(rng, len(groups) + 1, 1)
        if rng.random() < 0.08:  # a multi-night stay: last night's host offers again
            group = replace(group, previous_host_id=rng.choice(places).host_id)
        if rng.random() < 0.01:
            blocked.add((rng.choice(places).host_id, group.guest_id))
        groups.append(group)
        count += group.size
    fleet = tuple(make_car(rng, cid, 1) for cid in range(1, drivers + 1))
    return Evening(tuple(groups), places, frozenset(blocked), fleet)


def ride_violations(ev: Evening, result: Result) -> int:
    """Broken ride rules, from the head counts (DOMAIN.md), not from the engine's rules: a
    place that needs a ride without a car or one that does not with a car, a car over its
    seats, child seats or trips, a crew driving whom non-mixité forbids."""
    groups = {g.id: g for g in ev.groups}
    places = {p.id: p for p in ev.places}
    fleet = {c.id: c for c in ev.cars}
    bad, trips = 0, Counter[int]()
    for a in result.assignments:
        group, place = groups[a.group_id], places[a.place_id]
        if a.car_id is None:
            bad += place.needs_ride
            continue
        car = fleet.get(a.car_id)
        if car is None or not place.needs_ride or car.site_id != group.site_id:
            bad += 1
            continue
        trips[car.id] += 1
        women_only = group.men == 0
        men_only = group.women == 0 and group.children == 0
        bad += group.women + group.men + group.children > car.seats
        bad += group.children > car.child_seats
        bad += car.crew is Household.SINGLE_MAN and women_only
        bad += car.crew is Household.SINGLE_WOMAN and men_only
    return bad + sum(1 for cid, used in trips.items() if used > fleet[cid].trips)


@dataclass
class Run:
    seed: int
    beds: int
    ride_beds: int
    trips: int
    joint: int
    sequential: int
    best_after: int
    queue: int
    wall: float
    cpu: float
    solves: int
    nodes: int
    bad: int


def best_rides_after(ev: Evening, result: Result) -> int:
    """People home if the beds of `result` were kept and the most rides made after them."""
    groups = {g.id: g for g in ev.groups}
    places = {p.id: p for p in ev.places}
    placed = {a.group_id: places[a.place_id] for a in result.assignments}
    blind = [groups[g] for g in placed]
    driven = cars.hand_out(blind, placed, ev.cars)
    return sum(g.size for g in blind if not placed[g.id].needs_ride or g.id in driven)


def one(seed: int, kind: str) -> Run:
    hosts, drivers = KINDS[kind]
    ev = evening(seed, hosts, drivers)
    wall, cpu = time.perf_counter(), time.process_time()
    joint = match(ev)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    sequential = beds_then_rides(ev)
    blind = replace(ev, places=tuple(replace(p, needs_ride=False) for p in ev.places), cars=())
    after = best_rides_after(ev, match(blind))
    queue = greedy(ev)
    bad = sum(violations(ev, r) + ride_violations(ev, r) for r in (joint, sequential, queue))
    return Run(
        seed,
        sum(p.beds for p in ev.places if p.eligible),
        sum(p.beds for p in ev.places if p.eligible and p.needs_ride),
        sum(c.trips for c in ev.cars),
        joint.objective[1],
        sequential.objective[1],
        after,
        queue.objective[1],
        wall,
        cpu,
        joint.solves,
        joint.nodes,
        bad,
    )


def spread(values: list[int] | list[float], fmt: str = "g") -> str:
    return (
        f"min {min(values):{fmt}}  median {statistics.median(values):{fmt}}  "
        f"max {max(values):{fmt}}"
    )


def report(kind: str, runs: list[Run]) -> None:
    hosts, drivers = KINDS[kind]
    print(f"\n{kind}: 800 people, {hosts} hosts (40 % need a driver), {drivers} drivers")
    head = ("seed", "beds", "ride", "trips", "joint", "seq", "best", "queue", "+", "wall s",
            "cpu s", "runs", "nodes", "bad")  # fmt: skip
    print("".join(f"{h:>7}" for h in head))
    for r in runs:
        cells = (r.seed, r.beds, r.ride_beds, r.trips, r.joint, r.sequential, r.best_after,
                 r.queue, f"{r.joint - r.sequential:+d}", f"{r.wall:.3f}", f"{r.cpu:.3f}",
                 r.solves, r.nodes, r.bad)  # fmt: skip
        print("".join(f"{c:>7}" for c in cells))
    print(f"people home, joint:                  {spread([r.joint for r in runs])}")
    print(f"people home, beds then first-fit:    {spread([r.sequential for r in runs])}")
    print(f"people home, beds then most rides:   {spread([r.best_after for r in runs])}")
    print(f"people home, first come (greedy):    {spread([r.queue for r in runs])}")
    print(f"more people home, joint - first-fit: {spread([r.joint - r.sequential for r in runs])}")
    print(f"more people home, joint - most rides:{spread([r.joint - r.best_after for r in runs])}")
    worse = sum(r.joint < max(r.sequential, r.best_after, r.queue) for r in runs)
    print(f"evenings where the joint matching houses fewer people: {worse}/{len(runs)}")
    for name, values in (("wall", [r.wall for r in runs]), ("cpu", [r.cpu for r in runs])):
        print(f"joint match {name} seconds: median {statistics.median(values):.3f}  "
              f"worst {max(values):.3f}")  # fmt: skip
    solves, nodes = [r.solves for r in runs], [r.nodes for r in runs]
    print(f"effort: HiGHS runs {min(solves)}-{max(solves)}, B&B nodes {min(nodes)}-{max(nodes)}")
    bad = sum(r.bad for r in runs)
    print(f"rule violations, beds and rides (joint, sequential, first come): {bad}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--evenings", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="5 evenings of each kind")
    args = parser.parse_args()
    count = 5 if args.quick else args.evenings
    match(evening(0, 40, 3, 60))  # warm up (lazy imports): the bot is a long-running process
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for kind in KINDS:
        report(kind, [one(seed, kind) for seed in range(1, count + 1)])
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
