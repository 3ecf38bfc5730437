"""benchmarks/evening.py on a small evening, through the same code: the bot as its own process,
Telegram's limits on, a dispatcher's /close, hosts confirming and drivers taking rides. The
bot gets home as many people as its engine does in-process, every ride is taken, and nothing
left faster than 30 messages a second allow."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from evening import OVERALL, one

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


async def test_a_small_evening_with_drivers_at_telegrams_limits() -> None:
    args = argparse.Namespace(people=60, hosts=40, drivers=4)
    run = await one(3, args)
    assert run.cast.people >= 60 and len(run.cast.drivers) == 4
    assert run.home.joint >= run.home.sequential
    assert run.bot["home"] == run.bot["matched"] == run.home.joint
    assert run.bot["riding"] > 0 and run.bot["no_driver"] == 0
    times = run.times
    assert times.proposals > 0 and times.ride_offers > 0
    assert times.last_proposal is not None and times.last_guest_notice is not None
    assert times.last_guest_notice > times.last_proposal
    # The emulator held the bot to 30 a second (after a first burst of 30).
    assert times.last_message is not None
    assert times.last_message >= (times.sent - OVERALL) / OVERALL
