"""Tests only: shift the clock of a bot that runs as a separate process.

A crash test runs `python -m bot run` twice on one database and needs the evening at a known
hour, continuous across the restart. NIGHTDISPATCH_TEST_CLOCK_OFFSET (seconds, may be
negative) is added to the system clock; production never sets it, and then nothing changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from bot.context import Clock, system_clock

OFFSET_VARIABLE = "NIGHTDISPATCH_TEST_CLOCK_OFFSET"


def clock_from_environ(environ: Mapping[str, str]) -> Clock:
    """The system clock, shifted when a test asks for it."""
    raw = environ.get(OFFSET_VARIABLE, "").strip()
    if not raw:
        return system_clock
    offset = timedelta(seconds=float(raw))

    def shifted() -> datetime:
        return datetime.now(UTC) + offset

    return shifted


def offset_for(moment: datetime) -> str:
    """The variable's value that makes the bot's clock read `moment` now."""
    return repr((moment - datetime.now(UTC)).total_seconds())
