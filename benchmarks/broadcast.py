"""An urgent appeal to thousands of hosts, through the emulator with Telegram's limits enforced.

The real bot runs as a separate process (`python -m bot run`, BOT_API_BASE_URL pointing at the
emulator this script serves), so it can be SIGKILLed mid-appeal and started again. Two runs on
fresh databases: a clean one, then one killed and restarted part-way. Each prints the achieved
rate as a share of the allowed rate, the 429 answers, duplicates and recipients missed.

Default: a scaled run with limits ten times Telegram's (300 messages/s overall, 10/s per chat;
the bot sends with PAID_BROADCAST=true and APPEAL_RATE=300, the emulator's paid bucket is held
to the same 300/s) and 15,000 hosts, about a minute in all. `--full`: 30,000 hosts at Telegram's
real limits (30/s overall, 1/s per chat, APPEAL_RATE=30): about 35 minutes.
Run: python benchmarks/broadcast.py [--full] [--hosts N] [--kill-at 0.4]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as dt_time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dispatch.appeals import AppealFilters, NewAppeal  # noqa: E402
from dispatch.models import Site  # noqa: E402
from emulator import BotApiEmulator  # noqa: E402
from emulator.bot_message import BotMessage  # noqa: E402
from emulator.limits import RateLimits  # noqa: E402
from storage.store import Store  # noqa: E402

DISPATCHER = 9000
DISPATCH_CHAT = -1009000
FIRST_HOST = 100_000
LOCALES = ("fr", "nl", "en", "ar")


@dataclass(frozen=True)
class Setup:
    hosts: int
    rate: int
    limits: RateLimits
    paid: bool


def seed(database: Path, hosts: int, site_id: int) -> None:
    """Vetted hosts straight into a fresh database: forms would take hours, not seconds."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    ids = range(FIRST_HOST, FIRST_HOST + hosts)
    with sqlite3.connect(database) as db:
        db.executemany(
            "INSERT INTO users (id, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
            [(i, LOCALES[i % 4], now, now) for i in ids],
        )
        db.executemany(
            "INSERT INTO hosts (id, user_id, display_name, household, accepts, languages,"
            " status, created_at, updated_at) VALUES (?, ?, 'H', 'couple', ?, ?, 'vetted', ?, ?)",
            [(i, i, json.dumps(["men"]), json.dumps([LOCALES[i % 4]]), now, now) for i in ids],
        )
        db.executemany("INSERT INTO host_sites VALUES (?, ?)", [(i, site_id) for i in ids])
        db.execute(
            "INSERT INTO users (id, locale, created_at, last_seen_at) VALUES (?, 'en', ?, ?)",
            (DISPATCHER, now, now),
        )


async def prepare(database: Path, hosts: int) -> None:
    """Migrate through the storage layer, add the site the bot will find, seed the hosts."""
    store = Store(database)
    await store.open()
    site = Site(0, "Brussels", "Europe/Brussels", dt_time(19), dt_time(23))
    site_id = (await store.sites.ensure_default(site, datetime.now(UTC))).id
    await store.close()
    seed(database, hosts, site_id)


async def create_appeal(database: Path, emulator: BotApiEmulator) -> tuple[int, int, float]:
    """What the dispatcher's compose screen does: the audience, the appeal, its message."""
    store = Store(database)
    await store.open()
    try:
        [site] = await store.sites.all()
        now = datetime.now(UTC)
        filters = AppealFilters(site.id)
        started = time.perf_counter()
        audience = await store.appeals.audience(filters, now.date(), now, ZoneInfo(site.timezone))
        query = time.perf_counter() - started
        appeal = NewAppeal(site.id, now.date(), DISPATCHER, 40, 6, "", filters, DISPATCHER)
        appeal_id = await store.appeals.create(appeal, audience, now)
        chat = emulator.state.chats[DISPATCHER]
        shown = emulator.state.bot_message_dict(chat, text="📤 Sending…")
        chat.add_event(BotMessage(shown["message_id"], DISPATCHER, shown["text"], None, None, None))
        await store.appeals.set_progress_message(appeal_id, shown["message_id"])
    finally:
        await store.close()
    return appeal_id, len(audience), query


async def start_bot(
    emulator: BotApiEmulator, database: Path, setup: Setup
) -> asyncio.subprocess.Process:
    """`python -m bot run`, unmodified, against the emulator; ready once it polls."""
    environ = {
        **os.environ,
        "BOT_TOKEN": emulator.token,
        "BOT_API_BASE_URL": emulator.base_url,
        "DATABASE": str(database),
        "DISPATCH_CHAT_ID": str(DISPATCH_CHAT),
        "APPEAL_RATE": str(setup.rate),
        "PAID_BROADCAST": "true" if setup.paid else "false",
        "PYTHONPATH": str(ROOT),
    }
    polls = sum(1 for method, _ in emulator.calls if method == "getUpdates")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=database.parent,
        env=environ,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=(database.parent / "bot.log").open("ab"),
    )
    while sum(1 for method, _ in emulator.calls if method == "getUpdates") == polls:
        if process.returncode is not None:
            log = (database.parent / "bot.log").read_text(errors="replace")[-3000:]
            raise SystemExit(f"the bot exited with {process.returncode}:\n{log}")
        await asyncio.sleep(0.05)
    return process


def reached(emulator: BotApiEmulator) -> list[tuple[float, int]]:
    return [(at, chat) for at, chat in emulator.posts if chat >= FIRST_HOST]


async def wait_for(
    emulator: BotApiEmulator, count: int, timeout: float, database: Path | None = None
) -> None:
    """Until `count` hosts got a message, or (with `database`) the bot closed the appeal."""
    deadline = time.monotonic() + timeout
    while len(reached(emulator)) < count and time.monotonic() < deadline:
        if database is not None and finished(database):
            return
        await asyncio.sleep(0.25)


def finished(database: Path) -> bool:
    with sqlite3.connect(database) as db:
        row = db.execute("SELECT COUNT(*) FROM appeals WHERE status = 'sending'").fetchone()
    return row[0] == 0


async def one_run(setup: Setup, kill_at: float | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        await prepare(database, setup.hosts)
        async with BotApiEmulator(rate_limits=setup.limits) as emulator:
            for user_id in (DISPATCHER, *range(FIRST_HOST, FIRST_HOST + setup.hosts)):
                emulator.state.ensure_user(user_id, "H").started = True
            emulator.group(DISPATCH_CHAT, "Dispatch")
            bot = await start_bot(emulator, database, setup)
            appeal_id, total, query = await create_appeal(database, emulator)
            budget = 3 * total / setup.rate + 60
            killed_at: int | None = None
            if kill_at is not None:
                await wait_for(emulator, int(total * kill_at), budget)
                bot.kill()  # SIGKILL: no clean-up at all
                await bot.wait()
                killed_at = len(reached(emulator))
                bot = await start_bot(emulator, database, setup)
            await wait_for(emulator, total, budget, database)
            await asyncio.sleep(4)  # the final progress edit and the group's closing line
            bot.terminate()
            await bot.wait()
            report(setup, emulator, total, query, killed_at, await uncertain(database, appeal_id))


async def uncertain(database: Path, appeal_id: int) -> int:
    store = Store(database)
    await store.open()
    try:
        return (await store.appeals.progress(appeal_id)).uncertain
    finally:
        await store.close()


def report(
    setup: Setup,
    emulator: BotApiEmulator,
    total: int,
    query: float,
    killed_at: int | None,
    unsure: int,
) -> None:
    posts = reached(emulator)
    counts = emulator.messages_per_chat()
    duplicates = sum(n - 1 for chat, n in counts.items() if chat >= FIRST_HOST and n > 1)
    missed = total - sum(1 for chat in counts if chat >= FIRST_HOST)
    span = posts[-1][0] - posts[0][0] if len(posts) > 1 else 0.0
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(posts)]
    downtime = max(gaps) if killed_at is not None and gaps else 0.0
    sending = span - downtime
    rate = (len(posts) - 1) / sending if sending > 0 else 0.0
    edits = sum(
        1
        for method, params in emulator.calls
        if method == "editMessageText" and params.get("chat_id") == DISPATCHER
    )
    title = "killed and restarted" if killed_at is not None else "clean run"
    print(f"\n{title}: {total:,} hosts, allowed {setup.rate}/s overall")
    print(f"  audience query: {query * 1000:.0f} ms")
    if killed_at is not None:
        print(f"  SIGKILL after {killed_at:,} messages; restart gap {downtime:.1f} s (excluded)")
    print(f"  {len(posts):,} messages in {sending:.1f} s of sending = {rate:.1f}/s")
    print(f"  achieved rate: {100 * rate / setup.rate:.1f} % of the allowed rate")
    print(f"  429 answers: {emulator.rate_limited}")
    print(f"  duplicates: {duplicates}; missed: {missed}; marked uncertain: {unsure}")
    group = len(emulator.group(DISPATCH_CHAT).messages)
    print(f"  progress message edits: {edits}; dispatch group messages: {group}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="30,000 hosts at Telegram's limits")
    parser.add_argument("--hosts", type=int, default=None)
    parser.add_argument("--kill-at", type=float, default=0.4, help="share sent before SIGKILL")
    args = parser.parse_args()
    if args.full:
        setup = Setup(args.hosts or 30_000, 30, RateLimits(), paid=False)
    else:
        limits = RateLimits(paid_per_second=30.0).scaled(10)  # 300/s, 10/s per chat
        setup = Setup(args.hosts or 15_000, 300, limits, paid=True)
    asyncio.run(one_run(setup, None))
    asyncio.run(one_run(setup, args.kill_at))


if __name__ == "__main__":
    main()
