"""First come, first served: the way a queue at the meeting point works, as a baseline.

Groups in arrival order each take the first allowed place (by id) that still has the beds,
and, if that place needs a ride, a car (the first by id) that may carry them with a trip left;
without one they try the next place.
It keeps every hard rule but ignores vulnerability, waiting and packing. It also serves as the
engine's fallback when a level that must be proven is not.
"""

from __future__ import annotations

import time

from dispatch.matching import assemble, cars, classes, intake
from dispatch.matching.explain import unplaced_reasons
from dispatch.matching.model import Evening, Place, Reason, Result
from dispatch.matching.score import LEVELS, priority

NO_BOUND = 1.0  # the greedy proves nothing: report the largest possible gap


def first_come(model: classes.SiteClasses) -> dict[int, Place]:
    """Group id -> place for one site's classes, in arrival order."""
    options: dict[int, list[Place]] = {c: [] for c in range(len(model.groups))}
    for c, q in model.pairs:
        options[c].extend(model.places[q].members)
    for allowed in options.values():
        allowed.sort(key=lambda place: place.id)
    free = {place.id: place.beds for pc in model.places for place in pc.members}
    queue = sorted(
        ((group, c) for c, cls in enumerate(model.groups) for group in cls.members),
        key=lambda item: priority(item[0]),
    )
    fleet = sorted((car for cls in model.cars for car in cls.members), key=lambda car: car.id)
    trips: dict[int, int] = {}
    placed: dict[int, Place] = {}
    for group, c in queue:
        car = cars.free_car(group, fleet, trips)
        for place in options[c]:
            if free[place.id] < group.size or (place.needs_ride and car is None):
                continue
            if place.needs_ride and car is not None:
                trips[car.id] = trips.get(car.id, 0) + 1
            free[place.id] -= group.size
            placed[group.id] = place
            break
    return placed


def greedy(evening: Evening) -> Result:
    """The first-come-first-served Result, scored and explained like the engine's."""
    start = time.perf_counter()
    intake.validate(evening)
    placed: dict[int, Place] = {}
    reasons: dict[int, Reason] = {}
    driven: dict[int, int] = {}
    for site in assemble.sites(evening):
        model = classes.build(site.groups, site.places, evening.blocked_pairs, cars=site.cars)
        site_placed = first_come(model)
        placed.update(site_placed)
        driven.update(cars.hand_out(site.groups, site_placed, site.cars))
        for group_id, reason in unplaced_reasons(model, site_placed).items():
            # First come, first served: whoever took the beds simply came first.
            outranked = reason.code == "outranked"
            reasons[group_id] = Reason("outranked", {"by": "arrival"}) if outranked else reason
    took = time.perf_counter() - start
    return assemble.result(evening, placed, reasons, NO_BOUND, took, unproven=LEVELS, driven=driven)
