"""Crash the bot process many times: runs, kills, and what each check found.

Each run is a busy evening against `python -m bot run` (tests/e2e/crash_harness.py), SIGKILLed
once at a seeded moment, restarted, with three already-handled updates delivered again.
Prints the counts: lost acknowledged items, duplicate notices, rounds closed twice, updates
handled twice, and the notices caught mid-send by the kill (sent at most once, so possibly
missed).
Run: python benchmarks/crash.py [--seeds 40] [--first 1] [--people 3]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.crash_harness import Report, run_evening


async def measure(seeds: range, people: int) -> list[Report]:
    reports = []
    for seed in seeds:
        with tempfile.TemporaryDirectory(prefix="nightdispatch-crash-") as folder:
            started = time.perf_counter()
            try:
                report = await run_evening(seed, Path(folder), people)
            except AssertionError as error:  # the harness could not finish: say why, go on
                print(f"seed {seed:4d}: run failed: {str(error)[-600:]}", flush=True)
                continue
            reports.append(report)
            flags = [] if ok(report) else [f"PROBLEM {report}"]
            print(
                f"seed {seed:4d}: kill at send {report.kill_at:3d}/{report.sends:3d} "
                f"{'killed' if report.killed else 'not killed'}, "
                f"{report.acknowledged} acknowledged, {report.notices_sent} notices, "
                f"{report.interrupted} interrupted ({time.perf_counter() - started:.1f} s)",
                *flags,
                flush=True,
            )
    return reports


def ok(report: Report) -> bool:
    return not (
        report.lost
        or report.duplicate_notices
        or report.rounds_closed_twice
        or report.handled_again
    )


def summary(reports: list[Report], wall: float) -> None:
    def total(name: str) -> int:
        return sum(int(getattr(r, name)) for r in reports)

    print(
        f"\n{len(reports)} runs in {wall:.0f} s, {sum(r.killed for r in reports)} killed\n"
        f"acknowledged items: {total('acknowledged')}, "
        f"lost: {sum(len(r.lost) for r in reports)}\n"
        f"notices sent: {total('notices_sent')}, duplicates: {total('duplicate_notices')}, "
        f"caught mid-send by the kill (not resent): {total('interrupted')}\n"
        f"rounds closed twice: {total('rounds_closed_twice')}\n"
        f"updates delivered again: {total('redelivered')}, "
        f"handled twice: {total('handled_again')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=40)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--people", type=int, default=3, help="hosts (guests: two more)")
    args = parser.parse_args()
    # A kill cuts requests short: the emulator's server logs each one; they are expected.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    started = time.perf_counter()
    reports = asyncio.run(measure(range(args.first, args.first + args.seeds), args.people))
    summary(reports, time.perf_counter() - started)


if __name__ == "__main__":
    main()
