"""Lexicographic optimisation with HiGHS: levels solved in stages, each fixed by a cut.

Consecutive levels whose value ranges multiply to at most `STAGE_LIMIT` share a stage with
exact weights: a level's weight exceeds the whole range of the levels after it, so the
weighted optimum is the lexicographic one. Each stage's optimum then becomes a constraint of
the next stage. Level values are integers at integer points, so a stage is proven optimal as
soon as a solution reaches the floor of an upper bound.

Each stage first solves the LP relaxation (the bound) and then a small MIP around it: integer
columns that the LP left integral stay fixed, except those sharing a row with a fractional one.
On these models that neighbourhood almost always reaches the bound, which proves optimality in
a fraction of the time of a full branch and bound. Otherwise, when the problem asks for it,
the full MIP runs (with HiGHS's own bound and gap).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped]
from scipy.sparse import csr_array, vstack  # type: ignore[import-untyped]

STAGE_LIMIT = 10**8  # largest combined range solved in one stage, safe in double precision
MIN_TIME = 0.05  # seconds HiGHS gets even when the budget is spent, to find a first solution

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
    exact: bool = True  # run the full MIP when the neighbourhood cannot prove a stage


@dataclass(frozen=True)
class Outcome:
    x: Vector
    optimal: bool  # every stage proven optimal
    gap: float  # relative gap on the most important non-trivial level


def plan(ranges: list[int]) -> list[list[int]]:
    """Consecutive non-trivial levels merged while their combined range stays small."""
    stages: list[list[int]] = []
    span = STAGE_LIMIT + 1
    for level, reach in enumerate(ranges):
        if reach == 0:
            continue
        if stages and span * (reach + 1) <= STAGE_LIMIT:
            stages[-1].append(level)
            span *= reach + 1
        else:
            stages.append([level])
            span = reach + 1
    return stages


def solve(problem: Problem, deadline: float) -> Outcome | None:
    """Stage after stage; None if HiGHS found no solution to the first stage in time."""
    columns = problem.matrix.shape[1]
    cuts: list[tuple[Vector, float]] = []  # earlier stages' objectives and the values reached
    best: Vector | None = None
    optimal, gap = True, 0.0
    for number, stage in enumerate(plan(problem.ranges)):
        if best is not None and deadline <= time.perf_counter():
            return Outcome(best, False, gap)
        objective, weights = _weighted(problem, stage, columns)
        span = weights[0] * (problem.ranges[stage[0]] + 1)  # exceeds any value of the stage
        step = _Stage(problem, objective, span, cuts, best, deadline).run()
        if step is None:
            return None if best is None else Outcome(best, False, gap)
        best, proven, bound = step
        if not proven:
            optimal = False
            if number == 0:
                gap = _head_gap(problem, stage, weights, best, bound)
        cuts.append((objective, float(objective @ best) - 0.5))
    return Outcome(np.zeros(columns) if best is None else best, optimal, gap)


class _Stage:
    """One stage: LP bound, neighbourhood MIP, and the full MIP if still unproven."""

    def __init__(
        self,
        problem: Problem,
        objective: Vector,
        span: int,
        cuts: list[tuple[Vector, float]],
        previous: Vector | None,
        deadline: float,
    ) -> None:
        self.problem, self.objective, self.deadline = problem, objective, deadline
        self.previous = previous  # the last stage's solution, feasible here too
        self.gap = 0.4 / span  # an absolute gap below one half: integer optimum proven
        self.matrix = vstack([problem.matrix, *(csr_array(c[None, :]) for c, _ in cuts)], "csr")
        self.low = np.concatenate([problem.low, [floor for _, floor in cuts]])
        self.high = np.concatenate([problem.high, np.full(len(cuts), np.inf)])
        self.ints = problem.integer.astype(bool)

    def run(self) -> tuple[Vector, bool, float] | None:
        """(solution, proven optimal, upper bound on the stage's value), or None."""
        everything = np.ones(len(self.objective), dtype=bool)
        lp = self._milp(everything, np.zeros(len(self.objective)), relax=True)
        if lp is None:  # out of time already
            return self._settle(None, math.inf)
        bound = math.floor(float(self.objective @ lp) + 1e-6)
        fractional = self.ints & (np.abs(lp - np.round(lp)) > 1e-6)
        if not fractional.any():
            return np.where(self.ints, np.round(lp), lp), True, bound
        near = self._neighbourhood(lp, fractional)
        if near is not None and float(self.objective @ near) >= bound - 0.5:
            return near, True, bound
        return self._settle(near, bound)

    def _settle(self, near: Vector | None, bound: float) -> tuple[Vector, bool, float] | None:
        """An unproven stage: the full MIP when exactness is asked for or nothing else is at
        hand, else the better of the neighbourhood and the previous stage's solution."""
        found = [x for x in (near, self.previous) if x is not None]
        if self.problem.exact or not found:
            return self._full()
        return max(found, key=lambda x: float(self.objective @ x)), False, bound

    def _neighbourhood(self, lp: Vector, fractional: NDArray[np.bool_]) -> Vector | None:
        """Best integer point that keeps the LP's integral columns, bar those near a fraction.

        The fixed columns are substituted out, so HiGHS only sees the few hundred free ones.
        """
        base = self.problem.matrix
        rows = np.unique(base[:, np.flatnonzero(fractional)].tocoo().row)
        free = ~self.ints
        free[np.unique(base[rows, :].tocoo().col)] = True
        x = self._milp(free, np.where(free, 0.0, np.round(lp)), relax=False)
        if x is None or not self._feasible(x):
            return None
        return x

    def _full(self) -> tuple[Vector, bool, float] | None:
        result = self._highs(
            self.matrix,
            self.low,
            self.high,
            self.objective,
            self.problem.upper,
            self.problem.integer,
        )
        if result.x is None:
            return None
        dual = result.mip_dual_bound if result.status != 0 else result.fun
        bound = -float(dual) if dual is not None else math.inf
        return np.asarray(result.x, dtype=np.float64), result.status == 0, bound

    def _milp(self, free: NDArray[np.bool_], fixed: Vector, *, relax: bool) -> Vector | None:
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
    ) -> Any:
        return milp(
            -objective,
            integrality=integrality,
            bounds=Bounds(np.zeros_like(upper), upper),
            constraints=LinearConstraint(matrix, low, high) if matrix.shape[0] else None,
            options={
                "time_limit": max(self.deadline - time.perf_counter(), MIN_TIME),
                "mip_rel_gap": self.gap,
                "presolve": False,  # slower than the solve itself on these small models
            },
        )


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
