"""The bot process is SIGKILLed at a seeded moment of a busy evening and restarted: nothing
acknowledged is lost, no notice arrives twice, the round closes once, no update is handled
twice. benchmarks/crash.py runs many more seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.crash_harness import run_evening


@pytest.mark.parametrize("seed", [1, 2])
async def test_a_crash_mid_evening_loses_nothing_and_repeats_nothing(
    tmp_path: Path, seed: int
) -> None:
    report = await run_evening(seed, tmp_path, people=2)  # 2 hosts, 4 guests: under 15 s
    assert report.killed and report.acknowledged > 0, report
    assert report.lost == [], report
    assert report.duplicate_notices == 0, report
    assert report.rounds_closed_twice == 0, report
    assert report.handled_again == 0, report
