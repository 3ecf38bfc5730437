"""An evening with drivers at Telegram's limits: 800 people, 600 hosts (40 % need a driver),
25 drivers at one site, from the cut-off to the last notice.

The people are counted in people, in groups of every make-up (benchmarks/evening_seed.py),
and written into the database before the bot starts. The bot runs as its own process
(`python -m bot run`, unmodified, HEALTH_PORT set: its health endpoint counts the outbox), the
emulator in this one with Telegram's flood limits on (30 messages/s overall, 1/s per chat
after a burst of 3). A dispatcher sends /close (the cut-off: the same close and matching the
evening tick runs at the site's cut-off, which comes up to 30 s later, the tick's period);
hosts confirm their proposals at once and type their address when they need a driver, drivers
take every ride they are offered (benchmarks/evening_crowd.py). Printed, per seed and worst
over the seeds:
- people home with the joint matching (beds and cars together) and with beds first then
  first-fit rides, computed in this process on the same evening as the bot reads it;
- what the bot did: people proposed a bed, of whom with a host who collects, in a car, with no
  car (needs a ride, none planned); people home (host confirmed, and collecting or a driver
  took the ride);
- seconds from the cut-off to the last proposal, the last ride offer, the last message to a
  driver (the ride's card included) and the last guest notice, beside the floor Telegram's
  limits impose: messages sent / 30 s, and the busiest chat at 1 a second after its burst;
  the 429 answers, and in whose chats sends were refused.
Run: python benchmarks/evening.py [--seeds 2] [--first 1] [--people 800] [--hosts 600]
     [--drivers 25]
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
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from evening_crowd import PER_CHAT_BURST, Crowd, Timeline, timeline  # noqa: E402
from evening_seed import DISPATCHER, Cast, Home, build, people_home, planned  # noqa: E402
from throughput import wait_for_polling  # noqa: E402

from emulator import BotApiEmulator, RateLimits  # noqa: E402
from tests.ports import free_port  # noqa: E402

OVERALL, PER_CHAT = 30.0, 1.0
QUIET_SECONDS = 5.0  # nothing sent for this long, the outbox empty: the evening has settled
LONGEST = 900.0


@dataclass(frozen=True)
class Run:
    seed: int
    cast: Cast
    home: Home
    bot: dict[str, int]
    times: Timeline
    close_reply: float

    @property
    def floor(self) -> float:
        """Seconds Telegram's limits impose on what was sent: the overall rate, or the busiest
        chat at 1 a second after its burst, whichever is longer."""
        busiest = max(0, self.times.busiest_chat - PER_CHAT_BURST) / PER_CHAT
        return max(self.times.sent / OVERALL, busiest)


async def settled(health: str, crowd: Crowd, cut_off: float) -> None:
    """Wait until the outbox is empty and nobody has been sent anything for a while."""
    async with aiohttp.ClientSession() as http:
        while time.time() - cut_off < LONGEST:
            await asyncio.sleep(0.5)
            async with http.get(health) as response:
                pending = (await response.json()).get("outbox_pending")
            if pending == 0 and time.time() - crowd.last_event > QUIET_SECONDS:
                return
    raise RuntimeError("the evening never settled")


async def one(seed: int, args: argparse.Namespace) -> Run:
    folder = Path(tempfile.mkdtemp(prefix="evening-"))
    try:
        database = folder / "night.sqlite3"
        started = time.perf_counter()
        cast = await build(database, seed, args.people, args.hosts, args.drivers)
        home = await people_home(database, cast)
        print(f"seed {seed}: {cast.people} people in {cast.groups} groups, {cast.beds} beds"
              f" ({cast.ride_beds} at hosts who need a driver), {len(cast.drivers)} drivers,"
              f" {cast.seats_trips} trips (built in {time.perf_counter() - started:.0f} s)",
              flush=True)  # fmt: skip
        limits = RateLimits(per_chat_per_second=PER_CHAT, overall_per_second=OVERALL)
        async with BotApiEmulator(rate_limits=limits) as emulator:
            for user_id in [*cast.locale, DISPATCHER]:
                locale = cast.locale.get(user_id, "en")
                emulator.user(user_id, f"U{user_id}", language_code=locale).record.started = True
            port = free_port()
            environ = {
                **os.environ, "BOT_TOKEN": emulator.token, "BOT_API_BASE_URL": emulator.base_url,
                "DATABASE": str(database), "DEFAULT_LOCALE": "en", "HEALTH_PORT": str(port),
            }  # fmt: skip
            with (folder / "bot.log").open("wb") as log:
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot", "run", env=environ, cwd=ROOT, stdout=log,
                    stderr=log,
                )  # fmt: skip
                try:
                    await wait_for_polling(emulator, process)
                    times, close_reply = await evening(emulator, cast, port)
                finally:
                    process.terminate()
                    await asyncio.wait_for(process.wait(), timeout=30)
        return Run(seed, cast, home, await planned(database), times, close_reply)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def evening(emulator: BotApiEmulator, cast: Cast, port: int) -> tuple[Timeline, float]:
    """The dispatcher closes the round; the crowd answers until the evening settles."""
    crowd = Crowd(emulator, cast)
    dispatcher = emulator.user(DISPATCHER)
    crowd.mark()
    before = {cid: sum(not e.edited for e in c.events) for cid, c in emulator.state.chats.items()}
    limited, calls = emulator.rate_limited, len(emulator.calls)
    answering = asyncio.create_task(crowd.run())
    try:
        cut_off = time.time()
        await dispatcher.command("close")
        await dispatcher.next_message(timeout=300)
        close_reply = time.time() - cut_off
        await settled(f"http://127.0.0.1:{port}/healthz", crowd, cut_off)
    finally:
        answering.cancel()
    return timeline(crowd, cut_off, before, limited, calls), close_reply


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def show(run: Run) -> None:
    home, bot, t = run.home, run.bot, run.times
    print(f"  people home (engine, in-process): joint {home.joint}, beds then rides"
          f" {home.sequential} ({home.joint - home.sequential:+d}); joint match"
          f" {home.joint_seconds:.1f} s")  # fmt: skip
    print(f"  the bot: {bot['matched']} people proposed a bed: {bot['collected']} collected by"
          f" their host, {bot['riding']} in a car, {bot['no_driver']} needing a ride with no car;"
          f" home at the end: {bot['home']}")  # fmt: skip
    print(f"  cut-off → /close answered {run.close_reply:.1f} s, last proposal"
          f" {seconds(t.last_proposal)} s ({t.proposals}), last ride offer"
          f" {seconds(t.last_ride_offer)} s ({t.ride_offers}), last to a driver"
          f" {seconds(t.last_to_driver)} s, last guest notice {seconds(t.last_guest_notice)} s,"
          f" last message {seconds(t.last_message)} s")  # fmt: skip
    serial = max(0, t.busiest_chat - PER_CHAT_BURST) / PER_CHAT
    print(f"  floor: {t.sent} messages and edits / {OVERALL:g} per s = {t.sent / OVERALL:.0f} s;"
          f" busiest chat (a {t.busiest_role}'s) {t.busiest_chat} (≥ {serial:.0f} s at 1/s);"
          f" 429 answers: {t.rate_limited}", flush=True)  # fmt: skip
    print(f"  refused sends by whose chat: {t.refused}")


def summary(runs: list[Run]) -> None:
    print(f"\nover {len(runs)} seeds (median, worst):")
    rows = (
        ("people home, joint", [r.home.joint for r in runs], min),
        ("people home, beds then rides", [r.home.sequential for r in runs], min),
        ("more home with joint", [r.home.joint - r.home.sequential for r in runs], min),
        ("people home, the bot", [r.bot["home"] for r in runs], min),
        ("needing a ride, no car (bot)", [r.bot["no_driver"] for r in runs], max),
        ("s to the last proposal", [r.times.last_proposal or 0 for r in runs], max),
        ("s to the last ride offer", [r.times.last_ride_offer or 0 for r in runs], max),
        ("s to the last message to a driver", [r.times.last_to_driver or 0 for r in runs], max),
        ("s to the last guest notice", [r.times.last_guest_notice or 0 for r in runs], max),
        ("floor s (30 msg/s, 1/s per chat)", [r.floor for r in runs], max),
        ("last message ÷ floor", [(r.times.last_message or 0) / r.floor for r in runs], max),
    )
    for name, values, worst in rows:
        digits = 2 if name.endswith("floor") else 0
        print(f"  {name:36} {statistics.median(values):7.{digits}f} {worst(values):7.{digits}f}")


async def main_async(args: argparse.Namespace) -> None:
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    runs = []
    for seed in range(args.first, args.first + args.seeds):
        runs.append(await one(seed, args))
        show(runs[-1])
    summary(runs)
    print(f"load average: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--people", type=int, default=800)
    parser.add_argument("--hosts", type=int, default=600)
    parser.add_argument("--drivers", type=int, default=25)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
