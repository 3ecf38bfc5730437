"""Crash the bot process many times: runs, kills, and what each check found.

Each run is a busy evening against `python -m bot run` (tests/e2e/crash_harness.py), with
the emulator's Telegram-like flood limits on, SIGKILLed once at a seeded moment, restarted,
with three already-handled updates delivered again. The seeds take turns: a kill anywhere in
the evening, one during the cut-off's sends, one during the hosts' confirmations.
Prints the counts: lost acknowledged items, proposals and match notices never received,
unmarked duplicate notices, repeats (marked), confirmations never answered or answered
"no longer open" for a stay that stands, rounds closed twice, updates handled twice, and
the notices caught mid-send that are kept at most once ("perhaps delivered").
Run: python benchmarks/crash.py [--seeds 42] [--first 1] [--people 3]
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

from tests.e2e.crash_harness import PHASES, Report, run_evening


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
            if report.acknowledged == 0:
                flags.append("(nothing acknowledged: the checks found nothing to check)")
            print(
                f"seed {seed:4d}: {report.phase:13s} kill at send {report.kill_at:3d}"
                f"/{report.sends:3d} "
                f"{'killed' if report.killed else 'not killed'}, "
                f"{report.acknowledged} acknowledged, {report.notices_sent} notices, "
                f"{report.repeats} repeated, {report.proposals} proposals "
                f"({report.proposals_lost} lost), {report.confirmations} confirmations "
                f"({report.unanswered} unanswered) ({time.perf_counter() - started:.1f} s)",
                *flags,
                flush=True,
            )
    return reports


def ok(report: Report) -> bool:
    return not (
        report.lost
        or report.proposals_lost
        or report.match_notices_lost
        or report.unanswered
        or report.wrongly_answered
        or report.duplicate_notices
        or report.rounds_closed_twice
        or report.handled_again
    )


def summary(reports: list[Report], wall: float) -> None:
    def total(name: str) -> int:
        return sum(int(getattr(r, name)) for r in reports)

    for phase in PHASES:
        runs = [r for r in reports if r.phase == phase]
        print(f"kills during {phase}: {sum(r.killed for r in runs)} of {len(runs)} runs")
    print(
        f"\n{len(reports)} runs in {wall:.0f} s, {sum(r.killed for r in reports)} killed\n"
        f"proposals: {total('proposals')}, never received: {total('proposals_lost')}\n"
        f"match notices: {total('match_notices')}, never received: "
        f"{total('match_notices_lost')}\n"
        f"repeats sent after a crash (marked): {total('repeats')}\n"
        f"confirmations pressed: {total('confirmations')}, unanswered: {total('unanswered')}, "
        f"answered 'no longer open' for a stay that stands: {total('wrongly_answered')}\n"
        f"acknowledged items: {total('acknowledged')}, "
        f"lost: {sum(len(r.lost) for r in reports)}\n"
        f"notices sent: {total('notices_sent')}, unmarked duplicates: "
        f"{total('duplicate_notices')}, kept at most once (perhaps delivered): "
        f"{total('interrupted')}\n"
        f"rounds closed twice: {total('rounds_closed_twice')}\n"
        f"updates delivered again: {total('redelivered')}, "
        f"handled twice: {total('handled_again')}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=42)
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
