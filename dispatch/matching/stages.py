"""Lexicographic optimisation with HiGHS: levels solved in stages, each fixed by a cut.

Consecutive levels whose value ranges multiply to at most `STAGE_LIMIT` share a stage with
exact weights: a level's weight exceeds the whole range of the levels after it, so the
weighted optimum is the lexicographic one. Each stage's optimum then becomes a constraint of
the next stage. All level values are integers at integer points, so asking HiGHS for an
absolute gap below one half (`mip_rel_gap` scaled by the stage's range) proves each stage.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped]
from scipy.sparse import coo_array  # type: ignore[import-untyped]

STAGE_LIMIT = 10**7  # largest combined range solved in one stage, safe in double precision
MIN_TIME = 0.05  # seconds HiGHS gets even when the budget is spent, to find a first solution

Vector = NDArray[np.float64]


@dataclass(frozen=True)
class Problem:
    """Maximise `levels` lexicographically over integer points of the rows and bounds."""

    matrix: coo_array
    low: Vector
    high: Vector
    upper: Vector
    integer: NDArray[np.int8]
    levels: list[dict[int, float]]  # coefficients per level, most important first
    ranges: list[int]  # how far each level's value can move (its max minus its min)
    floors: list[int]  # the smallest value each level can take


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
    bounds = Bounds(np.zeros(columns), problem.upper)
    base = LinearConstraint(problem.matrix, problem.low, problem.high)
    cuts: list[LinearConstraint] = []
    best: Vector | None = None
    optimal, gap = True, 0.0
    for number, stage in enumerate(plan(problem.ranges)):
        objective, weights = _weighted(problem, stage, columns)
        remaining = deadline - time.perf_counter()
        if best is not None and remaining <= 0:
            return Outcome(best, False, gap)
        span = weights[0] * (problem.ranges[stage[0]] + 1)
        result = milp(
            -objective,
            integrality=problem.integer,
            bounds=bounds,
            constraints=[base, *cuts],
            options={
                "time_limit": max(remaining, MIN_TIME),
                "mip_rel_gap": 0.4 / span,
                "presolve": False,
            },
        )
        if result.x is None:
            return None if best is None else Outcome(best, False, gap)
        best = np.asarray(result.x, dtype=np.float64)
        if result.status != 0:
            optimal = False
            if number == 0:
                gap = _head_gap(problem, stage, weights, best, -float(result.mip_dual_bound))
        cuts.append(LinearConstraint(objective[None, :], float(objective @ best) - 0.5, np.inf))
    if best is None:
        best = np.zeros(columns)
    return Outcome(best, optimal, gap)


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
    rest = sum(w * problem.floors[k] for k, w in zip(stage[1:], weights[1:], strict=True))
    reached = sum(value * x[col] for col, value in problem.levels[stage[0]].items())
    ceiling = math.floor((bound - rest) / weights[0] + 1e-6)
    return max(0.0, (ceiling - reached) / ceiling) if ceiling > 0 else 0.0
