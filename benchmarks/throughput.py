"""An evening burst against the emulator: nightdispatch beside a bare python-telegram-bot echo bot.

Both bots run as their own processes (`python -m bot run`, unmodified, and a 20-line PTB echo
bot with the same settings: long polling, HTML by default), one after the other against the
same emulator, which lives in this process. Each gets the same steady rate of updates for the
same time; ours gets guests and hosts in the middle of their forms and visitors, with the
database of a deployment after a year (30,000 hosts, 365 nights). Printed side by side:
updates/s sustained, update → reply p50/p99, CPU time per update (the bot process's own, from
psutil), and peak resident memory (the kernel's high-water mark, VmHWM).

Targets (issue 7): CPU per update ≤ 2× the echo bot's; p99 ≤ 100 ms at 50 updates/s; peak
memory ≤ 150 MB with 30,000 hosts and a year of history.
With --rounds N the two bots alternate N times and each figure is the median of its rounds.
Run: python benchmarks/throughput.py [--rate 50] [--seconds 60] [--rounds 1] [--hosts 30000]
     [--nights 365]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from history import build_history, row_counts  # noqa: E402
from throughput_traffic import SCRIPTS, Traffic, drive, echo_script  # noqa: E402

from emulator import BotApiEmulator  # noqa: E402

ECHO_BOT = """
import os
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults, MessageHandler, filters

async def echo(update: Update, context) -> None:
    await update.effective_message.reply_text(update.effective_message.text or "?")

application = (
    Application.builder().token(os.environ["BOT_TOKEN"]).base_url(os.environ["BOT_API_BASE_URL"])
    .defaults(Defaults(parse_mode=ParseMode.HTML)).build()
)
application.add_handler(MessageHandler(filters.ALL, echo))
application.run_polling(allowed_updates=Update.ALL_TYPES)
"""
TARGET_P99_MS = 100.0
TARGET_CPU_RATIO = 2.0
TARGET_PEAK_MB = 150.0


@dataclass
class Figures:
    name: str
    updates: int
    per_second: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float
    peak_mb: float
    lost: int


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most the process ever held in RAM, sampled by the kernel, not by us."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def wait_for_polling(emulator: BotApiEmulator, process: asyncio.subprocess.Process) -> None:
    already = sum(1 for method, _ in emulator.calls if method == "getUpdates")
    for _ in range(1200):
        if sum(1 for method, _ in emulator.calls if method == "getUpdates") > already:
            return
        if process.returncode is not None:
            raise RuntimeError(f"the bot exited with {process.returncode}")
        await asyncio.sleep(0.05)
    raise RuntimeError("the bot never started polling")


async def measure(
    emulator: BotApiEmulator,
    name: str,
    command: list[str],
    environ: dict[str, str],
    scripts: tuple,
    rate: float,
    seconds: float,
    first_user: int,
    log: Path,
) -> Figures:
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            *command, env=environ, cwd=log.parent, stdout=output, stderr=output
        )
        try:
            await wait_for_polling(emulator, process)
            # Warm-up: imports, catalogs and SQLite caches are paid before the clock starts.
            await drive(emulator, rate=rate / 5, seconds=3, first_user=first_user, scripts=scripts)
            bot = psutil.Process(process.pid)
            calls_before = len(emulator.calls)
            cpu = sum(bot.cpu_times()[:2])
            started = time.perf_counter()
            traffic: Traffic = await drive(
                emulator, rate=rate, seconds=seconds, first_user=first_user + 5000, scripts=scripts
            )
            used = sum(bot.cpu_times()[:2]) - cpu
            calls = Counter(method for method, _ in emulator.calls[calls_before:])
            print(f"{name}: API calls during the burst: {dict(calls.most_common())}")
            peak = peak_rss_mb(process.pid)
        finally:
            process.terminate()
            await asyncio.wait_for(process.wait(), timeout=30)
    ms = sorted(latency * 1000 for latency in traffic.latencies)
    if os.environ.get("THROUGHPUT_SLOWEST"):
        for at, latency, step in sorted(traffic.steps, key=lambda s: -s[1])[:15]:
            print(f"  slow: +{at - started:6.2f} s {latency * 1000:6.0f} ms {step}")
    quantiles = statistics.quantiles(ms, n=100)
    return Figures(
        name=name,
        updates=len(ms),
        per_second=len(ms) / (traffic.last_reply - started),
        p50_ms=quantiles[49],
        p99_ms=quantiles[98],
        cpu_ms=used / len(ms) * 1000,
        peak_mb=peak,
        lost=traffic.lost + traffic.idle_slots,
    )


def median_of(runs: list[Figures]) -> Figures:
    """Each figure's median over the rounds (the figures of one run when there is one)."""
    values = {
        name: statistics.median(getattr(run, name) for run in runs)
        for name in ("updates", "per_second", "p50_ms", "p99_ms", "cpu_ms", "peak_mb", "lost")
    }
    return Figures(name=runs[0].name, **values)


def report(echo: Figures, ours: Figures, rate: float) -> None:
    rows = (
        ("updates answered", "{:.0f}", "updates", None),
        ("updates/s sustained", "{:.1f}", "per_second", f"≥ {rate:g}"),
        ("update → reply p50 (ms)", "{:.1f}", "p50_ms", None),
        ("update → reply p99 (ms)", "{:.1f}", "p99_ms", f"≤ {TARGET_P99_MS:g}"),
        ("CPU per update (ms)", "{:.2f}", "cpu_ms", f"≤ {TARGET_CPU_RATIO:g}× echo"),
        ("peak memory (MB)", "{:.0f}", "peak_mb", f"≤ {TARGET_PEAK_MB:g}"),
        ("steps lost", "{:.0f}", "lost", "0"),
    )
    print(f"\n{'':26}{'echo bot':>12}{'nightdispatch':>15}   target")
    for title, pattern, attribute, target in rows:
        left = pattern.format(getattr(echo, attribute))
        right = pattern.format(getattr(ours, attribute))
        print(f"{title:26}{left:>12}{right:>15}   {target or ''}")
    ratio = ours.cpu_ms / echo.cpu_ms
    verdicts = {
        f"CPU per update {ratio:.2f}× the echo bot's": ratio <= TARGET_CPU_RATIO,
        f"p99 {ours.p99_ms:.0f} ms at {rate:g} updates/s": ours.p99_ms <= TARGET_P99_MS,
        f"peak memory {ours.peak_mb:.0f} MB": ours.peak_mb <= TARGET_PEAK_MB,
        f"sustained {ours.per_second:.1f} updates/s": ours.per_second >= 0.95 * rate,
    }
    for text, met in verdicts.items():
        print(f"  {'met   ' if met else 'MISSED'} {text}")


async def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="throughput-"))
    try:
        database = folder / "night.sqlite3"
        started = time.perf_counter()
        await asyncio.to_thread(build_history, database, hosts=args.hosts, nights=args.nights)
        counts = ", ".join(f"{n:,} {table}" for table, n in row_counts(database).items())
        size = database.stat().st_size / 1e6
        print(f"history: {counts} ({size:.0f} MB, {time.perf_counter() - started:.0f} s)")
        (folder / "echo.py").write_text(ECHO_BOT)
        ours_environ = {
            "DATABASE": str(database),
            "ADMIN_IDS": "9000",
            "RETENTION_DAYS": "365",  # keep the year of history the target is about
            "DEFAULT_LOCALE": "en",
        }
        profiler = ["-m", "pyinstrument", "-r", "text", "-o", str(folder / "profile.txt")]
        command = [sys.executable, *(profiler if args.profile else []), "-m", "bot", "run"]
        rounds: list[tuple[Figures, Figures]] = []
        async with BotApiEmulator() as emulator:
            base = {
                **os.environ,
                "BOT_TOKEN": emulator.token,
                "BOT_API_BASE_URL": emulator.base_url,
            }
            # Rounds alternate the two bots, so a busy moment of the machine falls on both.
            for number in range(args.rounds):
                first_user = 100_000 + number * 20_000
                echo = await measure(
                    emulator,
                    "echo",
                    [sys.executable, str(folder / "echo.py")],
                    base,
                    (echo_script,),
                    args.rate,
                    args.seconds,
                    first_user,
                    folder / "echo.log",
                )
                ours = await measure(
                    emulator,
                    "nightdispatch",
                    command,
                    {**base, **ours_environ},
                    SCRIPTS,
                    args.rate,
                    args.seconds,
                    first_user + 10_000,
                    folder / "bot.log",
                )
                rounds.append((echo, ours))
                if args.rounds > 1:
                    print(f"round {number + 1}: CPU per update {ours.cpu_ms / echo.cpu_ms:.2f}×")
        report(median_of([e for e, _ in rounds]), median_of([o for _, o in rounds]), args.rate)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=50.0, help="updates per second")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--hosts", type=int, default=30_000)
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--rounds", type=int, default=1, help="alternate the bots N times")
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    parser.add_argument("--profile", action="store_true", help="run our bot under pyinstrument")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
