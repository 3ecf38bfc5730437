"""A busy evening against `python -m bot run`, SIGKILLed at a seeded moment and restarted.

Hosts register, are approved and offer beds while guests ask, concurrently; a dispatcher
closes the round; hosts confirm. The process is killed once the bot has made a seeded number
of sends, a few updates it had already handled are delivered again (as Telegram may after a
crash), and a new process carries on. Then the database and the emulator are compared:
nothing acknowledged lost, no notice twice, the round closed once, no update handled twice.
Used by tests/e2e/test_crash.py (a few seeds) and benchmarks/crash.py (many).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot import render
from emulator import BotApiEmulator, BotMessage
from emulator.faults import content_of
from emulator.state import ChatRecord
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.people import Person
from tests.e2e.shifted_bot import offset_for
from tests.e2e.test_evening import ask_bed, offer
from tests.e2e.test_hosts import approve, register_host

ROOT = Path(__file__).resolve().parents[2]
EVENING = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)  # 18:30 in Brussels, before the cut-off
GROUP_ID = -1009000
SENTINEL_ID = 9999
HOSTS = (("fr", "Marie"), ("nl", "Eva"), ("ar", "Rania"))
GUESTS = (("ar", "Amina"), ("en", "Hawa"), ("fr", "Selam"), ("nl", "Nour"), ("en", "Awa"))
SENDS_PER_HOST, SENDS_PER_GUEST = 22, 12  # the bot's sends and edits in a run (measured)
STEP_TIMEOUT = 6.0  # a person waits this long for an answer: long enough for a restart


@dataclass
class Report:
    seed: int
    killed: bool = False
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    duplicate_notices: int = 0
    rounds_closed_twice: int = 0
    interrupted: int = 0  # notices caught mid-send by the kill: never resent
    notices_sent: int = 0
    handled_again: int = 0  # redelivered updates, already processed, answered again
    redelivered: int = 0
    sends: int = 0
    kill_at: int = 0


class Evening:
    """One run: the emulator, the bot process and the people."""

    def __init__(
        self, emulator: BotApiEmulator, folder: Path, seed: int, people: int = len(HOSTS)
    ) -> None:
        self.hosts, self.guests = HOSTS[:people], GUESTS[: people + 2]
        expected = SENDS_PER_HOST * len(self.hosts) + SENDS_PER_GUEST * len(self.guests)
        self.emulator, self.database = emulator, folder / "night.sqlite3"
        self.report = Report(seed)
        rng = random.Random(seed)
        self.kill_at = rng.randint(5, int(expected * 0.95))
        self.kill_delay = rng.uniform(0, 0.2)  # not always while a request is in flight
        self.offset = offset_for(EVENING)
        self.process: asyncio.subprocess.Process | None = None
        self.logs: list[Path] = []

    def sends(self) -> int:
        return sum(1 for method, _ in self.emulator.calls if method.startswith(("send", "edit")))

    async def start(self) -> None:
        environ = {
            **os.environ,
            "BOT_TOKEN": self.emulator.token,
            "BOT_API_BASE_URL": self.emulator.base_url,
            "DATABASE": str(self.database),
            "DEFAULT_LOCALE": "en",
            "ADMIN_IDS": str(ADMIN_ID),
            "DISPATCH_CHAT_ID": str(GROUP_ID),
        }
        self.logs.append(self.database.with_suffix(f".{len(self.logs)}.log"))
        polls = self.polls()
        with self.logs[-1].open("wb") as log:  # the child keeps its own copy of the handle
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.e2e.shifted_bot",
                self.offset,
                "run",
                cwd=ROOT,
                env=environ,
                stdout=log,
                stderr=log,
            )
        while self.polls() == polls:  # started once it asks for updates
            assert self.process.returncode is None, self.logs[-1].read_text()[-2000:]
            await asyncio.sleep(0.02)

    def polls(self) -> int:
        return sum(1 for method, _ in self.emulator.calls if method == "getUpdates")

    async def stop(self, sig: signal.Signals) -> None:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(sig)
        await asyncio.wait_for(self.process.wait(), timeout=20)

    async def killer(self) -> None:
        """Kill at the seeded send, hand a few handled updates back, start again."""
        while self.sends() < self.kill_at:
            await asyncio.sleep(0.002)
        await asyncio.sleep(self.kill_delay)
        await self.stop(signal.SIGKILL)
        self.report.killed = True
        redelivered = self.redeliver()
        await self.start()
        await self.check_redelivery(redelivered)

    def redeliver(self) -> list[dict[str, object]]:
        """The last three handled updates from chats with nothing pending, pushed again."""
        queue = self.emulator.state.updates
        with sqlite3.connect(self.database) as db:
            done = {r[0] for r in db.execute("SELECT update_id FROM processed_updates")}
        waiting = {_chat(u) for u in queue._pending}  # the test owns this emulator
        chosen = [u for u in queue.history if u["update_id"] in done and _chat(u) not in waiting]
        for update in chosen[-3:]:
            queue.redeliver(update)
        return chosen[-3:]

    async def check_redelivery(self, redelivered: list[dict[str, object]]) -> None:
        """Updates are handled in order: once the sentinel is answered, so were the repeats;
        any answer in their chats meanwhile (notices aside) means one was handled twice."""
        chats = {_chat(u) for u in redelivered}
        before = {c: len(self.emulator.state.chats[c].events) for c in chats}
        sentinel = Person.join(self.emulator, SENTINEL_ID, "en", "Sentinel")
        sentinel.timeout = STEP_TIMEOUT
        await sentinel.command("help")
        notices = self.notice_ids()
        for chat_id in chats:
            events = self.emulator.state.chats[chat_id].events[before[chat_id] :]
            fresh = [e for e in events if not e.edited and (chat_id, e.message_id) not in notices]
            self.report.handled_again += len(fresh)
        self.report.redelivered = len(redelivered)

    def notice_ids(self) -> set[tuple[int, int]]:
        with sqlite3.connect(self.database) as db:
            rows = db.execute("SELECT chat_id, message_id FROM outbox WHERE message_id NOT NULL")
            return {(r[0], r[1]) for r in rows}

    async def settle(self, timeout: float = 30.0) -> None:
        """Until the bot has nothing left to send (it may be restarting meanwhile)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            with sqlite3.connect(self.database) as db:
                busy = db.execute(
                    "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
                ).fetchone()[0]
                due = db.execute(
                    "SELECT COUNT(*) FROM rounds WHERE matched_at IS NULL AND status = 'closed'"
                ).fetchone()[0]
            if not busy and not due:
                return
            await asyncio.sleep(0.1)


def _chat(update: dict[str, object]) -> int:
    body = next(v for k, v in update.items() if k != "update_id")
    assert isinstance(body, dict)
    if "message" in body and "chat" not in body:  # a callback query
        return int(body["from"]["id"])
    return int(body["chat"]["id"])


async def attempt(person: Person, flow: Callable[[], Awaitable[object]]) -> bool:
    """Play one person's flow; a crash may cut it short (no answer, a different screen).
    It counts as acknowledged only if the bot's last word was not an apology."""
    try:
        await flow()
    except (AssertionError, LookupError):
        return False
    last = person.user.messages[-1].plain_text if person.user.messages else None
    return last != render.apology(person.t)


async def play(evening: Evening) -> list[tuple[str, int]]:
    """The evening; returns what the bot acknowledged: ('offer' | 'request', user id)."""
    emulator, acked = evening.emulator, []
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    admin.timeout = STEP_TIMEOUT
    await attempt(admin, lambda: admin.command("start"))

    async def host_stream() -> None:
        for number, (locale, name) in enumerate(evening.hosts):
            host = Person.join(emulator, 6000 + number, locale, name)
            host.timeout = STEP_TIMEOUT
            if not await attempt(host, lambda h=host, n=name: register_host(h, n)):
                continue
            if not await attempt(admin, lambda n=name: approve(emulator, n)):
                continue
            await attempt(host, host.reply)  # the approval notice
            if await attempt(host, lambda h=host: offer(h, beds="2")):
                acked.append(("offer", host.user.id))

    async def guest_stream() -> None:
        for number, (locale, name) in enumerate(evening.guests):
            guest = Person.join(emulator, 7000 + number, locale, name)
            guest.timeout = STEP_TIMEOUT
            if await attempt(guest, lambda g=guest, n=name: ask_bed(g, n)):
                acked.append(("request", guest.user.id))

    await asyncio.gather(host_stream(), guest_stream())
    await attempt(admin, lambda: admin.command("close"))
    await evening.settle()
    for number, (locale, _) in enumerate(evening.hosts):
        host = Person.join(emulator, 6000 + number, locale)
        for proposal in [m for m in host.user.messages if m.button_data(host._("✅ I confirm"))]:
            await attempt(host, lambda h=host, p=proposal: _confirm(h, p))
    sentinel = Person.join(emulator, SENTINEL_ID, "en", "Sentinel")
    await attempt(sentinel, lambda: sentinel.command("help"))  # every update before it is handled
    await evening.settle()
    return acked


async def _confirm(host: Person, proposal: BotMessage) -> None:
    """Press confirm, then wait for the proposal to be edited into the answer."""
    await host.user.press(host._("✅ I confirm"), message=proposal)
    shown = host.user._chat.bot_messages  # the test owns this emulator
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STEP_TIMEOUT
    while shown[proposal.message_id] == proposal:
        assert loop.time() < deadline, "the confirmation was never answered"
        await asyncio.sleep(0.02)


def tally(evening: Evening, acked: list[tuple[str, int]]) -> Report:
    """Compare what people were told with what the database and Telegram hold."""
    report, chats = evening.report, evening.emulator.state.chats
    report.acknowledged = len(acked)
    report.sends, report.kill_at = evening.sends(), evening.kill_at
    with sqlite3.connect(evening.database) as db:
        for kind, user_id in acked:
            table, owner = ("offers", "hosts") if kind == "offer" else ("requests", "guests")
            column = "host_id" if kind == "offer" else "guest_id"
            found = db.execute(
                f"SELECT COUNT(*) FROM {table} x JOIN {owner} o ON o.id = x.{column}"
                " WHERE o.user_id = ?",
                (user_id,),
            ).fetchone()[0]
            if not found:
                report.lost.append(f"{kind} of {user_id}")
        sent = db.execute("SELECT chat_id, message_id FROM outbox WHERE message_id NOT NULL")
        notices = [(r[0], r[1]) for r in sent]
        report.interrupted = db.execute(
            "SELECT COUNT(*) FROM outbox WHERE last_error = 'interrupted'"
        ).fetchone()[0]
    report.notices_sent = len(notices)
    report.duplicate_notices = sum(_copies(chats[c], m) - 1 for c, m in notices if c in chats)
    summaries = [e for e in chats[GROUP_ID].events if "Round closed" in (e.plain_text or "")]
    report.rounds_closed_twice = max(0, len(summaries) - 1)
    return report


def _copies(chat: ChatRecord, message_id: int) -> int:
    """How many messages in the chat look exactly like this notice did when sent."""
    posted = [e for e in chat.events if not e.edited]
    original = next(e for e in posted if e.message_id == message_id)
    key = content_of(original.text, original.kind, original.reply_markup)
    return Counter(content_of(e.text, e.kind, e.reply_markup) for e in posted)[key]


async def run_evening(seed: int, folder: Path, people: int = len(HOSTS)) -> Report:
    """One seeded run; the process is stopped cleanly at the end whatever happened."""
    async with BotApiEmulator() as emulator:
        emulator.group(GROUP_ID, "Dispatch")  # the bot checks it can reach it at start-up
        evening = Evening(emulator, folder, seed, people)
        await evening.start()
        killer = asyncio.create_task(evening.killer())
        try:
            acked = await play(evening)
            if killer.done() or evening.sends() >= evening.kill_at:
                await killer
                await evening.settle()
            else:
                killer.cancel()
        finally:
            await evening.stop(signal.SIGTERM)
        return tally(evening, acked)
