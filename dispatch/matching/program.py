"""The aggregated integer program of one site.

Variables (all counts): x[c,q] groups of class c sent to place class q; z[q,p] places of class
q filled with size pattern p; u[q] whether the lone place of class q is used, for a place with
too many patterns to list (a knapsack row instead); s[g,q] whether group g stays with last
night's host (fine classes); y[c,k] whether the k-th group of class c (in arrival order) is
housed, only when arrival order is optimised; w[c,k] groups of class c driven by cars of class
k, where some place needs a ride. Patterns make the packing exact: a place of class q takes
exactly the group sizes of its pattern, so beds are never exceeded and the groups per place are
known. The groups a class sends to places that need a ride are exactly those its cars drive,
one trip each, and a car class makes no more trips than its cars' shifts (`cars.py`). The y
variables may stay continuous: their weights fall along k, so an optimum fills them in order,
which is also how the handout picks the concrete groups. So may the w: once the x are whole,
the rides are a transportation problem (classes to car classes), which has a whole solution
whenever it has any; `cars.hand_out` finds one, car by car, as a maximum flow.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_array, csr_array  # type: ignore[import-untyped]

from dispatch.matching import cars, stages
from dispatch.matching.classes import SiteClasses
from dispatch.matching.model import Place
from dispatch.matching.score import LEVELS
from dispatch.matching.stages import Vector

ALL_LEVELS = tuple(range(len(LEVELS)))


@dataclass(frozen=True)
class Effort:
    """How hard to work, in units that do not depend on the machine's speed."""

    nodes: int = 1000  # branch-and-bound nodes a full MIP may spend
    # Levels whose stage gets a full MIP when the neighbourhoods fall short: vulnerable
    # people, people, recent nights without a bed. The others keep their best neighbourhood.
    prove: frozenset[int] = frozenset({0, 1, 2, 4})


DEFAULT = Effort()
EXACT = Effort(nodes=2**31 - 1, prove=frozenset(ALL_LEVELS))  # every level, no node limit


@dataclass(frozen=True)
class Solution:
    """Counts per class pair and per pattern, as the handout needs them."""

    pairs: dict[tuple[int, int], int]  # (group class, place class) -> groups
    patterns: dict[tuple[int, int], int]  # (place class, pattern index) -> places
    stays: dict[int, int]  # group id -> place class of last night's host
    optimal: bool  # every stage proven optimal
    gap: float  # relative gap on the most important level not proven
    unproven: tuple[int, ...] = ()  # levels kept at the best found, not proven optimal
    nodes: int = 0  # branch-and-bound nodes spent
    solves: int = 0  # HiGHS runs


class _Builder:
    def __init__(self) -> None:
        self.upper: list[float] = []
        self.integer: list[int] = []
        self.rows: list[tuple[dict[int, float], float, float]] = []
        self.levels: list[dict[int, float]] = [{} for _ in LEVELS]

    def add(self, upper: float, integer: bool = True) -> int:
        self.upper.append(upper)
        self.integer.append(int(integer))
        return len(self.upper) - 1

    def row(self, coefs: dict[int, float], low: float, high: float) -> None:
        self.rows.append((coefs, float(low), float(high)))

    def problem(
        self,
        wanted: Sequence[int],
        ranges: list[int],
        floors: list[int],
        nodes: int,
        prove: frozenset[int],
    ) -> stages.Problem:
        entries = [(r, c, v) for r, (coefs, _, _) in enumerate(self.rows) for c, v in coefs.items()]
        rows, cols, data = zip(*entries, strict=True) if entries else ((), (), ())
        shape = (len(self.rows), len(self.upper))
        return stages.Problem(
            matrix=csr_array(coo_array((data, (rows, cols)), shape=shape)),
            low=np.array([r[1] for r in self.rows], dtype=np.float64),
            high=np.array([r[2] for r in self.rows], dtype=np.float64),
            upper=np.array(self.upper, dtype=np.float64),
            integer=np.array(self.integer, dtype=np.int8),
            levels=self.levels,
            ranges=[reach if level in wanted else 0 for level, reach in enumerate(ranges)],
            floors=floors,
            nodes=nodes,
            prove=prove,
        )


def solve(
    site: SiteClasses,
    weights: Mapping[int, int],
    *,
    levels: Sequence[int] = ALL_LEVELS,
    place_all: bool = False,
    effort: Effort = DEFAULT,
    start: Mapping[int, Place] | None = None,
    riders: Mapping[int, int] | None = None,
) -> Solution:
    """Lexicographic optimum of `levels` on one site, within `effort`.

    With `place_all`, every group of the site must be placed (they are known to fit).
    `start` (group id -> place) is a known matching to begin from: no stage ends worse.
    `riders` (group class -> count) caps the groups of each class sent to places that need
    a ride, instead of counting the cars: a placement known to be drivable stays so.
    """
    if not site.pairs:
        return Solution({}, {}, {}, optimal=True, gap=0.0)
    b = _Builder()
    x: dict[tuple[int, int], int] = {}
    by_class: dict[int, list[int]] = defaultdict(list)
    by_place: dict[int, list[tuple[int, int]]] = defaultdict(list)  # (size, column)
    riding: dict[int, list[int]] = defaultdict(list)  # group class -> columns needing a car
    # The key holds what the levels read: (type, size, vulnerable, nights, languages, ...).
    keys = [cls.key for cls in site.groups]
    # With `riders`, a class that sends nobody to a place needing a ride has no column there.
    for c, q in (pair for pair in site.pairs if _kept(site, riders, *pair)):
        size, vulnerable, nights, languages = keys[c][1:5]
        place = site.places[q]
        x[c, q] = col = b.add(_pair_bound(site, c, q))
        by_class[c].append(col)
        by_place[q].append((size, col))
        if site.needs_ride(q):
            riding[c].append(col)
        b.levels[0][col] = vulnerable
        b.levels[1][col] = size
        b.levels[2][col] = size * nights
        b.levels[5][col] = float(not set(languages).isdisjoint(place.key[2]))
        b.levels[6][col] = -1.0  # every housed group counts; each used place earns one back
    stays: dict[tuple[int, int], int] = {}
    for c, group_id, q in (s for s in site.stays if _kept(site, riders, s[0], s[2])):
        stays[group_id, q] = col = b.add(1.0)
        by_class[c].append(col)
        by_place[q].append((site.groups[c].rep.size, col))
        if site.needs_ride(q):
            riding[c].append(col)
        b.levels[4][col] = 1.0
        b.levels[5][col] = b.levels[5][x[c, q]]
        b.levels[6][col] = -1.0
    per_group: dict[int, dict[int, float]] = defaultdict(dict)
    for (group_id, _), col in stays.items():
        per_group[group_id][col] = 1.0
    for coefs in per_group.values():
        b.row(coefs, 0.0, 1.0)  # a group stays at most once
    for c, cols in by_class.items():
        _housing(b, site, c, cols, weights, place_all or 3 not in levels, place_all)
    z: dict[tuple[int, int], int] = {}
    used: dict[int, int] = {}
    for q, entries in by_place.items():
        _packing(b, site, q, entries, z, used)
    w = _rides(b, site, riding, riders)
    ranges = _ranges(site, by_class, weights, b.levels)
    floors = [0] * (len(LEVELS) - 1) + [-ranges[-1]]
    problem = b.problem(levels, ranges, floors, effort.nodes, effort.prove)
    columns = (len(b.upper), x, stays, z, used, w)
    first = None if start is None else _point(site, start, *columns)
    outcome = stages.solve(problem, first)
    v = outcome.x
    return Solution(
        pairs={pair: round(v[col]) for pair, col in x.items() if v[col] > 0.5},
        patterns={key: round(v[col]) for key, col in z.items() if v[col] > 0.5},
        stays={group_id: q for (group_id, q), col in stays.items() if v[col] > 0.5},
        optimal=outcome.optimal,
        gap=outcome.gap,
        unproven=outcome.unproven,
        nodes=outcome.nodes,
        solves=outcome.solves,
    )


def _housing(
    b: _Builder,
    site: SiteClasses,
    c: int,
    cols: list[int],
    weights: Mapping[int, int],
    counted: bool,
    place_all: bool,
) -> None:
    """How many groups of class c are housed: a plain count, or arrival-ordered y's."""
    members = site.groups[c].members
    if counted:
        b.row(dict.fromkeys(cols, 1.0), float(len(members)) if place_all else 0.0, len(members))
        return
    ys = [b.add(1.0, integer=False) for _ in members]
    for y, member in zip(ys, members, strict=True):
        b.levels[3][y] = member.size * weights[member.id]
    b.row({**dict.fromkeys(cols, 1.0), **dict.fromkeys(ys, -1.0)}, 0.0, 0.0)


def _packing(
    b: _Builder,
    site: SiteClasses,
    q: int,
    entries: list[tuple[int, int]],
    z: dict[tuple[int, int], int],
    used_by: dict[int, int],
) -> None:
    """Beds of place class q: how many of its places take each pattern of group sizes, or a
    knapsack row for a place with too many patterns to list."""
    place = site.places[q]
    if not place.patterns:
        b.row({col: float(size) for size, col in entries}, 0.0, place.beds)
        used_by[q] = used = b.add(1.0)
        b.levels[6][used] = 1.0
        b.row({used: 1.0, **{col: -1.0 for _, col in entries}}, -math.inf, 0.0)
        return
    for p in range(len(place.patterns)):
        z[q, p] = col = b.add(float(len(place.members)))
        b.levels[6][col] = 1.0
    for size in sorted({s for pattern in place.patterns for s in pattern}):
        coefs = {col: 1.0 for s, col in entries if s == size}
        for p, pattern in enumerate(place.patterns):
            if size in pattern:
                coefs[z[q, p]] = -float(pattern.count(size))
        b.row(coefs, 0.0, 0.0)
    b.row({z[q, p]: 1.0 for p in range(len(place.patterns))}, 0.0, len(place.members))


def _kept(site: SiteClasses, riders: Mapping[int, int] | None, c: int, q: int) -> bool:
    """Whether class c gets a column at place class q: not where it may send nobody."""
    return riders is None or not site.needs_ride(q) or riders.get(c, 0) > 0


def _rides(
    b: _Builder,
    site: SiteClasses,
    riding: Mapping[int, list[int]],
    riders: Mapping[int, int] | None,
) -> dict[tuple[int, int], int]:
    """Cars: each group class sends to places that need a ride exactly the groups its cars
    drive, and each car class drives at most its trips, one group a trip. With `riders`,
    only a cap per class instead (see `solve`)."""
    w: dict[tuple[int, int], int] = {}
    if riders is not None:
        for c, cols in riding.items():
            b.row(dict.fromkeys(cols, 1.0), 0.0, riders.get(c, 0))
        return w
    by_car: dict[int, dict[int, float]] = defaultdict(dict)
    driven: dict[int, dict[int, float]] = defaultdict(dict)
    for c, k in site.carries:
        if c in riding:
            bound = min(len(site.groups[c].members), site.cars[k].trips)
            w[c, k] = col = b.add(float(bound), integer=False)
            by_car[k][col] = 1.0
            driven[c][col] = -1.0
    for c, cols in riding.items():
        b.row({**dict.fromkeys(cols, 1.0), **driven[c]}, 0.0, 0.0)
    for k, coefs in by_car.items():
        b.row(coefs, 0.0, site.cars[k].trips)
    return w


def _point(
    site: SiteClasses,
    placed: Mapping[int, Place],
    columns: int,
    x: Mapping[tuple[int, int], int],
    stays: Mapping[tuple[int, int], int],
    z: Mapping[tuple[int, int], int],
    used: Mapping[int, int],
    w: Mapping[tuple[int, int], int],
) -> Vector:
    """The program's columns for a concrete matching (group id -> place), with its cars."""
    point = np.zeros(columns)
    class_of = {g.id: c for c, cls in enumerate(site.groups) for g in cls.members}
    fleet = [car for cls in site.cars for car in cls.members]
    car_class = {car.id: k for k, cls in enumerate(site.cars) for car in cls.members}
    members = [g for cls in site.groups for g in cls.members]
    for group_id, car_id in cars.hand_out(members, placed, fleet).items():
        col = w.get((class_of[group_id], car_class[car_id]))
        if col is not None:
            point[col] += 1
    place_class = {p.id: q for q, cls in enumerate(site.places) for p in cls.members}
    sizes: dict[int, list[int]] = defaultdict(list)
    for group_id, place in placed.items():
        c, q = class_of[group_id], place_class[place.id]
        col = stays.get((group_id, q), x.get((c, q)))
        if col is None:
            continue  # not an allowed pair: the point will fail the stage's check
        point[col] += 1
        sizes[place.id].append(site.groups[c].rep.size)
    for place_id, taken in sizes.items():
        q = place_class[place_id]
        patterns = site.places[q].patterns
        if patterns and tuple(sorted(taken)) in patterns:
            point[z[q, patterns.index(tuple(sorted(taken)))]] += 1
        elif patterns:
            continue  # cannot happen (the stage checks the point anyway): leave it unmet
        else:
            point[used[q]] = 1
    return point


def _pair_bound(site: SiteClasses, c: int, q: int) -> float:
    """At most every group of the class, and no more than the place class could ever hold."""
    place = site.places[q]
    fit = place.beds // site.groups[c].key[1] * len(place.members)
    return float(min(len(site.groups[c].members), fit))


def _ranges(
    site: SiteClasses,
    by_class: Mapping[int, list[int]],
    weights: Mapping[int, int],
    levels: list[dict[int, float]],
) -> list[int]:
    """An upper bound on how far each level's value can move, for exact stage weights."""
    beds = sum(place.beds * len(place.members) for place in site.places)
    classes = [site.groups[c] for c in by_class]
    groups = min(beds, sum(len(cls.members) for cls in classes))
    people = min(beds, sum(cls.rep.size * len(cls.members) for cls in classes))

    def reachable(level: int) -> int:
        """Groups of the classes that score on this level with at least one place class."""
        scoring = [c for c, cols in by_class.items() if any(levels[level].get(k) for k in cols)]
        return min(groups, sum(len(site.groups[c].members) for c in scoring))

    return [
        min(people, sum(cls.rep.vulnerable * len(cls.members) for cls in classes)),
        people,
        sum(cls.rep.size * cls.rep.nights_without_bed * len(cls.members) for cls in classes),
        sum(g.size * weights.get(g.id, 0) for cls in classes for g in cls.members),
        len({group_id for _, group_id, _ in site.stays}),
        reachable(5),
        max(0, groups - 1),
    ]
