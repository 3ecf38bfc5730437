"""Beds first, rides afterwards: the baseline the joint matching is measured against.

The engine matches beds as if every host came to the meeting point; then the groups sent to a
host who needs a driver take, in arrival order, the first car (by id) that may carry them and
has a trip left. A group no car takes goes home unplaced ("no_ride"), its bed left empty.
"""

from __future__ import annotations

import time
from dataclasses import replace

from dispatch.matching import assemble, cars, program
from dispatch.matching.engine import match
from dispatch.matching.model import Evening, Place, Reason, Result
from dispatch.matching.score import priority


def beds_then_rides(evening: Evening, *, effort: program.Effort = program.DEFAULT) -> Result:
    """The engine's beds, blind to rides, then first-fit rides."""
    start = time.perf_counter()
    blind = replace(
        evening, places=tuple(replace(p, needs_ride=False) for p in evening.places), cars=()
    )
    beds = match(blind, effort=effort)
    places = {place.id: place for place in evening.places}
    placed: dict[int, Place] = {a.group_id: places[a.place_id] for a in beds.assignments}
    reasons = {u.group_id: u.reason for u in beds.unplaced}
    riders = sorted(
        (g for g in evening.groups if g.id in placed and placed[g.id].needs_ride), key=priority
    )
    trips: dict[int, int] = {}
    driven: dict[int, int] = {}
    for site in assemble.sites(evening):
        here = [g for g in riders if g.site_id == site.id]
        driven.update(cars.first_fit(here, site.cars, trips))
    for group in riders:
        if group.id not in driven:
            del placed[group.id]
            reasons[group.id] = Reason("no_ride", {"size": group.size})
    return assemble.result(
        evening,
        placed,
        reasons,
        beds.gap,
        time.perf_counter() - start,
        unproven=beds.unproven,
        nodes=beds.nodes,
        solves=beds.solves,
        driven=driven,
    )
