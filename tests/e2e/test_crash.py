"""The bot process is SIGKILLed at a seeded moment of a busy evening and restarted: nothing
acknowledged is lost, every proposal and match notice arrives, no notice arrives twice
unmarked, every confirmation is answered, the round closes once, no update is handled
twice. benchmarks/crash.py runs many more seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.crash_harness import run_evening


@pytest.mark.parametrize(("seed", "phase"), [(1, "evening"), (2, "cut-off"), (3, "confirmations")])
async def test_a_crash_mid_evening_loses_nothing_and_repeats_nothing(
    tmp_path: Path, seed: int, phase: str
) -> None:
    report = await run_evening(seed, tmp_path, people=2, phase=phase)  # 2 hosts, 4 guests
    assert report.killed and report.acknowledged > 0, report
    assert report.proposals > 0, report  # the evening reached its matching: nothing vacuous
    assert report.lost == [], report
    assert report.duplicate_notices == 0, report
    assert report.proposals_lost == report.match_notices_lost == 0, report
    assert report.unanswered == report.wrongly_answered == 0, report
    assert report.rounds_closed_twice == 0, report
    assert report.handled_again == 0, report
