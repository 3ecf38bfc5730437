"""One person floods the bot: do the others still get their answers at once?

`python -m bot run`, unmodified, in its own process, against the emulator with Telegram's
per-chat limits on (1 message a second per chat, bursts of 3, a 429 with retry_after beyond;
20 a minute per group). Ordinary traffic at --rate updates/s (guests and hosts mid-form,
visitors: benchmarks/throughput_traffic.py) while one person sends --flood messages in
--flood-seconds. Run twice: alone, then while an urgent appeal to --hosts hosts is going out.
Prints, for each run: the others' update → first reply p50/p99/max (target p99 ≤ 1 s), their
steps lost, the flooder's answers (how many, how many "one moment"), whether every update
was handled (none left unprocessed), and the appeal's progress during the run.

The emulator's overall bucket counts every message, replies and edits included, while
Telegram's 30/s is the budget for bulk notifications: at 50 updates/s the replies alone
exceed it. It is raised here to --overall (default 200/s); the bot itself paces its bulk
sends (appeal, outbox) at 30/s, which the appeal's rate printed below shows.
Run: python benchmarks/fairness.py [--rate 50] [--seconds 20] [--flood 200]
     [--flood-seconds 10] [--hosts 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as day_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import wait_for_polling  # noqa: E402
from throughput_traffic import drive  # noqa: E402

from dispatch.appeals import AppealFilters, NewAppeal, Recipient  # noqa: E402
from dispatch.groups import GroupType, Household  # noqa: E402
from dispatch.models import HostDetails, HostStatus, Site  # noqa: E402
from emulator import BotApiEmulator, FakeUser  # noqa: E402
from emulator.limits import RateLimits  # noqa: E402
from storage.store import Store  # noqa: E402
from tools.actors import TRANSLATORS  # noqa: E402
from views import delivery_texts  # noqa: E402  # noqa: E402

TARGET_P99_S = 1.0
ADMIN = 9000
FLOODER = 8_000_000
FIRST_HOST = 1_000_000
NOW = datetime.now(UTC)
LOCALES = ("fr", "nl", "en", "ar")


@dataclass
class Run:
    title: str
    p50: float
    p99: float
    worst: float
    answered: int
    lost: int
    flood_answers: int
    one_moments: int
    unprocessed: int
    refused: int  # 429s the emulator answered during the run
    seconds: float  # from the bot's start to the end of the run
    appeal_sent: int = 0


async def seed_appeal(database: Path, hosts: int) -> None:
    """`hosts` vetted hosts who never chose a language, and an appeal to all of them."""
    store = Store(database)
    await store.open()
    try:
        site = await store.sites.ensure_default(
            Site(0, "Brussels", "Europe/Brussels", day_time(19), day_time(23)), NOW
        )
        await store.users.touch(ADMIN, NOW)
        recipients = []
        for number in range(hosts):
            user_id = FIRST_HOST + number
            await store.users.touch(user_id, NOW, LOCALES[number % 4])
            details = HostDetails(
                f"H{number}",
                None,
                Household.COUPLE,
                frozenset({GroupType.SINGLE_MEN}),
                ("fr",),
                False,
                False,
                True,
                (site.id,),
            )
            host = await store.hosts.register(user_id, details, 1, NOW)
            await store.hosts.set_status(host.id, HostStatus.VETTED, NOW)
            recipients.append(Recipient(user_id, host.id))
        appeal = NewAppeal(site.id, NOW.date(), ADMIN, 7, 2, "", AppealFilters(site.id), ADMIN)
        await store.appeals.create(appeal, recipients, NOW)
    finally:
        await store.close()


async def flood(user: FakeUser, count: int, seconds: float) -> None:
    """One person sending `count` messages, evenly over `seconds`."""
    for number in range(count):
        await user.send(f"hello? {number}")
        await asyncio.sleep(seconds / count)


async def one_run(
    emulator: BotApiEmulator, title: str, database: Path, args: argparse.Namespace, first: int
) -> Run:
    environ = {
        **os.environ,
        "BOT_TOKEN": emulator.token,
        "BOT_API_BASE_URL": emulator.base_url,
        "DATABASE": str(database),
        "ADMIN_IDS": str(ADMIN),
        "DEFAULT_LOCALE": "en",
    }
    log = Path(os.environ.get("FAIRNESS_LOG", database.with_suffix(".log")))
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=environ, cwd=ROOT, stdout=output, stderr=output
        )
        try:
            already = len(emulator.state.updates.history)
            begun = time.perf_counter()
            refused = emulator.rate_limited
            await wait_for_polling(emulator, process)
            # Warm-up: imports, catalogs and SQLite caches are paid before the clock starts.
            await drive(emulator, rate=args.rate / 5, seconds=3, first_user=first + 50_000)
            started = time.perf_counter()
            flooder = emulator.user(FLOODER + first, first_name="Flood", language_code="nl")
            flooding = asyncio.create_task(flood(flooder, args.flood, args.flood_seconds))
            traffic = await drive(emulator, rate=args.rate, seconds=args.seconds, first_user=first)
            await flooding
            unprocessed = await settle(emulator, database, already)
        finally:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), timeout=60)
            except TimeoutError:
                print(log.read_text()[-3000:])
                raise
    for at, latency, step in sorted(traffic.steps, key=lambda s: -s[1])[:3]:
        print(f"  slowest: +{at - started:5.1f} s {latency * 1000:5.0f} ms {step}")
    texts = [m.plain_text or "" for m in flooder.messages]
    moment = delivery_texts.one_moment(TRANSLATORS["nl"])
    ms = sorted(traffic.latencies)
    quantiles = statistics.quantiles(ms, n=100)
    return Run(
        title,
        quantiles[49],
        quantiles[98],
        ms[-1],
        len(ms),
        traffic.lost + traffic.idle_slots,
        len(texts),
        sum(text == moment for text in texts),
        unprocessed,
        emulator.rate_limited - refused,
        time.perf_counter() - begun,
        appeal_sent(database),
    )


async def settle(
    emulator: BotApiEmulator, database: Path, already: int, timeout: float = 30.0
) -> int:
    """Wait until every update pushed in this run has been handled; how many never were."""
    pushed = {u["update_id"] for u in emulator.state.updates.history[already:]}
    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(database) as db:
            done = {r[0] for r in db.execute("SELECT update_id FROM processed_updates")}
        missing = len(pushed - done)
        if not missing or time.monotonic() > deadline:
            return missing
        await asyncio.sleep(0.2)


def appeal_sent(database: Path) -> int:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT COUNT(*) FROM appeal_recipients WHERE status = 'sent'").fetchone()
    return int(row[0])


def show(run: Run, args: argparse.Namespace) -> None:
    met = run.p99 <= TARGET_P99_S and run.lost == 0 and run.unprocessed == 0
    print(
        f"{run.title}: others' update → first reply p50 {run.p50 * 1000:.0f} ms, "
        f"p99 {run.p99 * 1000:.0f} ms, max {run.worst * 1000:.0f} ms over {run.answered} steps, "
        f"{run.lost} lost; flooder ({args.flood} messages in {args.flood_seconds:g} s) got "
        f"{run.flood_answers} answers, {run.one_moments} 'one moment'; updates never handled: "
        f"{run.unprocessed}; 429s answered: {run.refused}"
        + (
            f"; appeal messages sent meanwhile: {run.appeal_sent} "
            f"({run.appeal_sent / run.seconds:.1f}/s)"
            if run.appeal_sent
            else ""
        )
    )
    print(f"  {'met   ' if met else 'MISSED'} p99 ≤ {TARGET_P99_S:g} s, nothing lost")


async def main_async(args: argparse.Namespace) -> None:
    limits = RateLimits(overall_per_second=args.overall)
    with tempfile.TemporaryDirectory(prefix="fairness-") as folder:
        async with BotApiEmulator(rate_limits=limits) as emulator:
            plain = Path(folder) / "plain.sqlite3"
            show(await one_run(emulator, "flood", plain, args, 100_000), args)
            with_appeal = Path(folder) / "appeal.sqlite3"
            started = time.perf_counter()
            await seed_appeal(with_appeal, args.hosts)
            print(f"({args.hosts} hosts seeded in {time.perf_counter() - started:.0f} s)")
            for number in range(args.hosts):
                emulator.user(FIRST_HOST + number).record.started = True
            title = f"flood + appeal to {args.hosts} hosts"
            show(await one_run(emulator, title, with_appeal, args, 200_000), args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--flood", type=int, default=200)
    parser.add_argument("--flood-seconds", type=float, default=10.0)
    parser.add_argument("--hosts", type=int, default=5000)
    parser.add_argument("--overall", type=float, default=200.0)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
