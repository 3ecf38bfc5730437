"""How fast the first slice answers: N people send /start, through the emulator.

Two runs: a burst (everyone at once: throughput, bounded by the 30 messages/s that
AIORateLimiter allows overall, as Telegram does) and a steady evening pace (--rate updates/s:
time from update to reply). Prints p50/p95/p99/max latency, CPU time per update (this process
runs the emulator too, so it is an upper bound for the bot alone) and peak memory.
Run: python benchmarks/first_reply.py [--users 300] [--rate 20]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_application
from bot.config import Config
from bot.lifecycle import polling
from emulator import BotApiEmulator, FakeUser

LANGUAGES = ("fr", "nl", "en", "ar")


async def one_round_trip(user: FakeUser) -> float:
    started = time.perf_counter()
    await user.start()
    await user.next_message(timeout=60)
    return time.perf_counter() - started


async def paced(people: list[FakeUser], rate: float) -> list[float]:
    """Start one round trip every 1/rate seconds, as people arrive over an evening."""
    tasks = []
    for person in people:
        tasks.append(asyncio.create_task(one_round_trip(person)))
        await asyncio.sleep(1 / rate)
    return list(await asyncio.gather(*tasks))


def report(title: str, latencies: list[float], wall: float, cpu: float) -> None:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    print(
        f"{title}: {len(ms)} updates in {wall:.1f} s = {len(ms) / wall:.1f} updates/s; "
        f"update → reply p50 {q[49]:.0f} / p95 {q[94]:.0f} / p99 {q[98]:.0f} / "
        f"max {ms[-1]:.0f} ms; CPU {cpu / len(ms) * 1000:.2f} ms per update"
    )


async def measure(users: int, rate: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator() as emulator:
            config = Config(
                token=emulator.token,
                api_base_url=emulator.base_url,
                database=Path(folder) / "bench.sqlite3",
            )
            async with polling(build_application(config)):
                await one_round_trip(emulator.user(1, first_name="warm", language_code="en"))
                for title, start in (("burst", None), (f"steady {rate:g}/s", rate)):
                    offset = 10_000 if start is None else 20_000
                    people = [
                        emulator.user(offset + i, first_name="U", language_code=LANGUAGES[i % 4])
                        for i in range(users)
                    ]
                    cpu, wall = time.process_time(), time.perf_counter()
                    if start is None:
                        latencies = await asyncio.gather(*(one_round_trip(u) for u in people))
                    else:
                        latencies = await paced(people, start)
                    report(
                        title,
                        list(latencies),
                        time.perf_counter() - wall,
                        time.process_time() - cpu,
                    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {rss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--rate", type=float, default=20.0)
    args = parser.parse_args()
    asyncio.run(measure(args.users, args.rate))


if __name__ == "__main__":
    main()
