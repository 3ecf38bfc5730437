"""Tests only: run the bot's command line as a process whose clock is shifted.

A crash test runs the bot twice on one database and needs the evening at a known hour,
continuous across the restart: `python -m tests.e2e.shifted_bot SECONDS run` runs
`python -m bot run` with SECONDS (may be negative) added to the system clock. The clock is
injected into `bot.__main__.main`; production reads no test setting.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from bot.__main__ import main
from bot.state import Clock


def shifted(offset: timedelta) -> Clock:
    """The system clock, `offset` ahead (or behind)."""

    def now() -> datetime:
        return datetime.now(UTC) + offset

    return now


def offset_for(moment: datetime) -> str:
    """The argument that makes the bot's clock read `moment` now."""
    return repr((moment - datetime.now(UTC)).total_seconds())


if __name__ == "__main__":
    seconds, *arguments = sys.argv[1:]
    raise SystemExit(main(arguments, clock=shifted(timedelta(seconds=float(seconds)))))
