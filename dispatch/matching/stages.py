"""Lexicographic optimisation with HiGHS: levels solved in stages, each fixed by a cut.

Consecutive levels whose value ranges multiply to at most `STAGE_LIMIT` share a stage with
exact weights: a level's weight exceeds the whole range of the levels after it, so the
weighted optimum is the lexicographic one. Each stage's optimum then becomes a constraint of
the next stage. Level values are integers at integer points, so a stage is proven optimal as
soon as a solution reaches the floor of an upper bound.

Each stage first solves the LP relaxation (the bound). If the previous stage's solution
already reaches it, the stage is proven at once and nothing else runs. Otherwise, until a
point reaches the bound (which proves it):
1. a small MIP around the LP point: integer columns that the LP left integral stay fixed,
   except those sharing a row with a fractional one;
2. a MIP around the best point known (RINS): the columns on which it and the LP agree stay;
3. for a stage that must be proven, the neighbourhood of step 1 two rows wide;
4. for a stage that must be proven and reads few columns (last night's host), everything
   within two rows of those columns is set free;
5. for a stage that must be proven, the full MIP. Its root cuts cost several times all the
   rest, so the other stages keep their best point instead, and say so.

Every effort is bounded by a number of branch-and-bound nodes, never by the clock: the same
evening gives the same answer however busy the machine is. A stage left unproven keeps the
best solution found (never worse than the previous stage's) and is reported as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped]
from scipy.sparse import csr_array, vstack  # type: ignore[import-untyped]

STAGE_LIMIT = 10**8  # largest combined range solved in one stage, safe in double precision
NEAR_NODES = 50  # branch-and-bound nodes for a neighbourhood MIP
# Levels that start a stage (recent nights; shared language, so that last night's host stands
# alone): merged with the level before, a proof costs far more than apart (400 nodes instead
# of 3 for recent nights on a scarce site).
FRESH = frozenset({2, 5})
AIMED = 0.05  # largest share of scoring columns for a neighbourhood aimed at them

Vector = NDArray[np.float64]


@dataclass(frozen=True)
class Problem:
    """Maximise `levels` lexicographically over integer points of the rows and bounds."""

    matrix: csr_array
    low: Vector
    high: Vector
    upper: Vector
    integer: NDArray[np.int8]
    levels: list[dict[int, float]]  # coefficients per level, most important first
    ranges: list[int]  # how far each level's value can move (its max minus its min)
    floors: list[int]  # the smallest value each level can take
    nodes: int = 1000  # node budget of a full MIP, the same on any machine
    prove: frozenset[int] = frozenset()  # levels whose stage runs the full MIP if need be


@dataclass(frozen=True)
class Outcome:
    x: Vector
    optimal: bool  # every stage proven optimal
    gap: float  # relative gap on the most important level not proven (0 if all are)
    unproven: tuple[int, ...] = ()  # levels whose stage the node budget could not prove
    nodes: int = 0  # branch-and-bound nodes spent, a measure of effort that ignores the clock
    solves: int = 0  # HiGHS runs (LPs and MIPs)


def plan(ranges: list[int], prove: frozenset[int] = frozenset()) -> list[list[int]]:
    """Consecutive non-trivial levels merged while their combined range stays small; a level
    that must be proven never shares a stage with one that need not be (its proof would
    then have to cover both), and a FRESH level always starts a stage."""
    stages: list[list[int]] = []
    span = STAGE_LIMIT + 1
    for level, reach in enumerate(ranges):
        if reach == 0:
            continue
        alike = bool(stages) and (stages[-1][-1] in prove) == (level in prove)
        if alike and level not in FRESH and span * (reach + 1) <= STAGE_LIMIT:
            stages[-1].append(level)
            span *= reach + 1
        else:
            stages.append([level])
            span = reach + 1
    return stages


def solve(problem: Problem, start: Vector | None = None) -> Outcome:
    """Stage after stage, each starting from the previous stage's solution (the first from
    `start`, a known feasible point, if given)."""
    columns = problem.matrix.shape[1]
    cuts: list[tuple[Vector, float]] = []  # earlier stages' objectives and the values reached
    best = start if start is not None and _meets(problem, start) else None
    unproven: list[int] = []
    gap, nodes, solves = 0.0, 0, 0
    for stage in plan(problem.ranges, problem.prove):
        objective, weights = _weighted(problem, stage, columns)
        span = weights[0] * (problem.ranges[stage[0]] + 1)  # exceeds any value of the stage
        prove = not problem.prove.isdisjoint(stage)
        step = _Stage(problem, objective, span, cuts, best, problem.nodes, prove)
        found, proven, bound = step.run()
        nodes, solves = nodes + step.nodes, solves + step.solves
        if found is None:  # no point at all: nothing more can be built on
            everything = tuple(range(len(problem.ranges)))
            return Outcome(np.zeros(columns), False, 1.0, everything, nodes, solves)
        best = found
        if not proven:
            if not unproven:
                gap = _head_gap(problem, stage, weights, best, bound)
            unproven.extend(stage)
        cuts.append((objective, float(objective @ best) - 0.5))
    final = np.zeros(columns) if best is None else best
    return Outcome(final, not unproven, gap, tuple(unproven), nodes, solves)


def _meets(problem: Problem, x: Vector) -> bool:
    """Whether x keeps every row and bound: a start is checked, never trusted."""
    activity = problem.matrix @ x
    return bool(
        np.all(activity >= problem.low - 1e-6)
        and np.all(activity <= problem.high + 1e-6)
        and np.all(x <= problem.upper + 1e-6)
        and np.all(x >= -1e-6)
    )


class _Stage:
    """One stage: LP bound, neighbourhood MIP, and the full MIP if still unproven."""

    def __init__(
        self,
        problem: Problem,
        objective: Vector,
        span: int,
        cuts: list[tuple[Vector, float]],
        previous: Vector | None,
        budget: int,
        prove: bool,
    ) -> None:
        self.problem, self.objective, self.budget = problem, objective, budget
        self.previous = previous  # the last stage's solution, feasible here too
        self.nodes = self.solves = 0
        self.prove = prove  # run the full MIP if the neighbourhoods fall short of the bound
        self.gap = 0.4 / span  # an absolute gap below one half: integer optimum proven
        self.matrix = vstack([problem.matrix, *(csr_array(c[None, :]) for c, _ in cuts)], "csr")
        self.low = np.concatenate([problem.low, [floor for _, floor in cuts]])
        self.high = np.concatenate([problem.high, np.full(len(cuts), np.inf)])
        self.ints = problem.integer.astype(bool)

    def run(self) -> tuple[Vector | None, bool, float]:
        """(solution, proven optimal, upper bound on the stage's value)."""
        everything = np.ones(len(self.objective), dtype=bool)
        lp = self._milp(everything, np.zeros(len(self.objective)), relax=True, nodes=0)
        if lp is None:  # no LP point: the program is infeasible, keep what is known
            return self.previous, False, math.inf
        bound = math.floor(float(self.objective @ lp) + 1e-6)
        if self.previous is not None and self._value(self.previous) >= bound - 0.5:
            return self.previous, True, bound  # already at the LP bound: nothing to gain
        fractional = self.ints & (np.abs(lp - np.round(lp)) > 1e-6)
        if not fractional.any():
            return np.where(self.ints, np.round(lp), lp), True, bound
        near = self._neighbourhood(lp, fractional)
        if near is not None and self._value(near) >= bound - 0.5:
            return near, True, bound
        around = self._around(lp, near)
        if around is not None and self._value(around) >= bound - 0.5:
            return around, True, bound
        wider = self._neighbourhood(lp, fractional, hops=2) if self.prove else None
        if wider is not None and self._value(wider) >= bound - 0.5:
            return wider, True, bound
        aimed = self._aimed(lp, fractional)
        if aimed is not None and self._value(aimed) >= bound - 0.5:
            return aimed, True, bound
        full, proven, full_bound = self._full() if self.prove else (None, False, bound)
        found = [x for x in (full, near, around, wider, aimed, self.previous) if x is not None]
        best = max(found, key=self._value) if found else None
        return best, proven, min(bound, full_bound)

    def _value(self, x: Vector) -> float:
        return float(self.objective @ x)

    def _neighbourhood(
        self, lp: Vector, fractional: NDArray[np.bool_], hops: int = 1
    ) -> Vector | None:
        """Best integer point that keeps the LP's integral columns, bar those within `hops`
        rows of a fraction.

        The fixed columns are substituted out, so HiGHS only sees the few hundred free ones.
        """
        base = self.problem.matrix
        free = ~self.ints | fractional
        for _ in range(hops):
            rows = np.unique(base[:, np.flatnonzero(free & self.ints)].tocoo().row)
            free[np.unique(base[rows, :].tocoo().col)] = True
        x = self._milp(free, np.where(free, 0.0, np.round(lp)), relax=False, nodes=NEAR_NODES)
        if x is None or not self._feasible(x):
            return None
        return x

    def _aimed(self, lp: Vector, fractional: NDArray[np.bool_]) -> Vector | None:
        """For a level that reads few columns (last night's host: a few dozen), everything
        within two rows of them is set free: the moves that level needs, at a third of the
        cost of a full branch and bound."""
        scores = (self.objective != 0) & self.ints
        if not self.prove or scores.sum() > AIMED * len(self.objective):
            return None
        return self._neighbourhood(lp, fractional | scores, hops=2)

    def _around(self, lp: Vector, near: Vector | None) -> Vector | None:
        """Best integer point that keeps the columns on which the LP and the best point known
        agree (HiGHS's RINS, run once by hand): that point itself is always inside."""
        known = [x for x in (near, self.previous) if x is not None]
        if not known:
            return None
        incumbent = max(known, key=self._value)
        free = ~self.ints | (np.abs(lp - incumbent) > 1e-6)
        x = self._milp(free, np.where(free, 0.0, incumbent), relax=False, nodes=NEAR_NODES)
        if x is None or not self._feasible(x):
            return None
        return x

    def _full(self) -> tuple[Vector | None, bool, float]:
        """The whole stage by branch and bound, within the node budget."""
        result = self._highs(
            self.matrix,
            self.low,
            self.high,
            self.objective,
            self.problem.upper,
            self.problem.integer,
            self.budget,
        )
        dual = result.mip_dual_bound if result.status != 0 else result.fun
        bound = math.floor(-float(dual) + 1e-6) if dual is not None else math.inf
        if result.x is None:
            return None, False, bound
        return np.asarray(result.x, dtype=np.float64), result.status == 0, bound

    def _milp(
        self, free: NDArray[np.bool_], fixed: Vector, *, relax: bool, nodes: int
    ) -> Vector | None:
        """Solve over the `free` columns, the others held at `fixed`; the full-length point."""
        shift = self.matrix @ fixed
        sub = csr_array(self.matrix[:, np.flatnonzero(free)])
        used = np.diff(sub.indptr) > 0
        integrality = np.zeros(int(free.sum()), np.int8) if relax else self.problem.integer[free]
        result = self._highs(
            sub[np.flatnonzero(used)],
            (self.low - shift)[used],
            (self.high - shift)[used],
            self.objective[free],
            self.problem.upper[free],
            integrality,
            nodes,
        )
        if result.x is None:
            return None
        x = fixed.copy()
        x[free] = result.x
        return x

    def _feasible(self, x: Vector) -> bool:
        """Rows dropped as fully fixed were met by the LP; check anyway, never trust blindly."""
        activity = self.matrix @ x
        return bool(np.all(activity >= self.low - 1e-6) and np.all(activity <= self.high + 1e-6))

    def _highs(
        self,
        matrix: csr_array,
        low: Vector,
        high: Vector,
        objective: Vector,
        upper: Vector,
        integrality: NDArray[np.int8],
        nodes: int,
    ) -> Any:
        result = milp(
            -objective,
            integrality=integrality,
            bounds=Bounds(np.zeros_like(upper), upper),
            constraints=LinearConstraint(matrix, low, high) if matrix.shape[0] else None,
            options={
                "node_limit": max(nodes, 1),
                "mip_rel_gap": self.gap,
                "presolve": False,  # slower than the solve itself on these small models
            },
        )
        self.nodes += int(result.get("mip_node_count") or 0)
        self.solves += 1
        return result


def _weighted(problem: Problem, stage: list[int], columns: int) -> tuple[Vector, list[int]]:
    """The stage's single objective, and each level's exact weight in it."""
    weights = [math.prod(problem.ranges[k] + 1 for k in stage[i + 1 :]) for i in range(len(stage))]
    objective = np.zeros(columns)
    for level, weight in zip(stage, weights, strict=True):
        for col, value in problem.levels[level].items():
            objective[col] += weight * value
    return objective, weights


def _head_gap(
    problem: Problem, stage: list[int], weights: list[int], x: Vector, bound: float
) -> float:
    """Relative gap on the stage's first level, from HiGHS's bound on the whole stage."""
    if not math.isfinite(bound):
        return 1.0  # no bound known: nothing proven
    rest = sum(w * problem.floors[k] for k, w in zip(stage[1:], weights[1:], strict=True))
    reached = sum(value * x[col] for col, value in problem.levels[stage[0]].items())
    ceiling = math.floor((bound - rest) / weights[0] + 1e-6)
    return max(0.0, (ceiling - reached) / ceiling) if ceiling > 0 else 0.0
