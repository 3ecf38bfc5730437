"""A busy evening against `python -m bot run`, SIGKILLed at a seeded moment and restarted.

Hosts register, are approved and offer beds while guests ask, concurrently; a dispatcher
closes the round; hosts confirm. The emulator answers as Telegram does under load (its
flood limits are on). The process is killed at a seeded moment of one phase: anywhere in
the evening, during the cut-off's sends (counted from the /close), or during the hosts'
confirmations; a few updates it had already handled are delivered again (as Telegram may
after a crash), and a new process carries on. Then the database and the emulator are
compared: nothing acknowledged lost, every proposal and every match notice received, no
notice twice unless marked as a repeat, every confirmation answered, the round closed once,
no update handled twice. Used by tests/e2e/test_crash.py and benchmarks/crash.py.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from emulator import BotApiEmulator, BotMessage
from emulator.faults import content_of
from emulator.limits import RateLimits
from emulator.state import ChatRecord
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.people import Person
from tests.e2e.shifted_bot import offset_for
from tests.e2e.test_evening import ask_bed, offer
from tests.e2e.test_hosts import approve, register_host
from tests.waiting import until
from views import common_texts, delivery_texts, round_texts

ROOT = Path(__file__).resolve().parents[2]
EVENING = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)  # 18:30 in Brussels, before the cut-off
GROUP_ID = -1009000
SENTINEL_ID = 9999
HOSTS = (("fr", "Marie"), ("nl", "Eva"), ("ar", "Rania"))
GUESTS = (("ar", "Amina"), ("en", "Hawa"), ("fr", "Selam"), ("nl", "Nour"), ("en", "Awa"))
SENDS_PER_HOST, SENDS_PER_GUEST = 22, 12  # the bot's sends and edits in a run (measured)
STEP_TIMEOUT = 6.0  # a person waits this long for an answer: long enough for a restart
PHASES = ("cut-off", "confirmations")  # benchmarks/crash.py takes turns; "evening": anywhere
PRESSES = 3  # a host who sees no answer presses Confirm again, as people do


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
    answered_again: list[str] = field(default_factory=list)  # what they were answered
    redelivered: int = 0
    sends: int = 0
    kill_at: int = 0
    phase: str = "evening"
    proposals: int = 0  # matches made: each host must have received its proposal
    proposals_lost: int = 0
    match_notices: int = 0  # confirmed stays: each guest must have been told
    match_notices_lost: int = 0
    repeats: int = 0  # notices sent again after the crash, each marked as a repeat
    confirmations: int = 0  # proposals a host pressed Confirm on
    unanswered: int = 0  # ... and never got an answer to, however often they pressed
    wrongly_answered: int = 0  # "no longer open" for a stay that stands


class Evening:
    """One run: the emulator, the bot process and the people."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        folder: Path,
        seed: int,
        people: int = len(HOSTS),
        phase: str | None = None,
    ) -> None:
        self.hosts, self.guests = HOSTS[:people], GUESTS[: people + 2]
        expected = SENDS_PER_HOST * len(self.hosts) + SENDS_PER_GUEST * len(self.guests)
        self.emulator, self.database = emulator, folder / "night.sqlite3"
        self.report = Report(seed)
        rng = random.Random(seed)
        self.report.phase = phase or PHASES[seed % len(PHASES)]
        if self.report.phase == "evening":
            self.kill_at = rng.randint(5, int(expected * 0.95))
        else:  # counted from the start of the phase: the first sends are the ones at risk
            self.kill_at = rng.randint(1, 3 * len(self.hosts) + 2)
        self.phase_start: int | None = 0 if self.report.phase == "evening" else None
        self.kill_delay = rng.uniform(0, 0.2)  # not always while a request is in flight
        self.offset = offset_for(EVENING)
        self.process: asyncio.subprocess.Process | None = None
        self.watch: dict[int, int] = {}  # chats of redelivered updates: events before
        self.logs: list[Path] = []

    def sends(self) -> int:
        return sum(1 for method, _ in self.emulator.calls if method.startswith(("send", "edit")))

    def begin(self, phase: str) -> None:
        """The play reached a phase: the kill, if seeded for it, counts sends from here."""
        if phase == self.report.phase:
            self.phase_start = self.sends()

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
        process, log_path = self.process, self.logs[-1]
        await until(  # started once it asks for updates
            lambda: self.polls() > polls or process.returncode is not None,
            what="the bot to poll",
            timeout=60,
        )
        assert process.returncode is None, log_path.read_text()[-2000:]

    def polls(self) -> int:
        return sum(1 for method, _ in self.emulator.calls if method == "getUpdates")

    async def stop(self, sig: signal.Signals) -> None:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(sig)
        await asyncio.wait_for(self.process.wait(), timeout=20)

    async def killer(self) -> None:
        """Kill at the seeded send of the seeded phase, hand a few handled updates back,
        start again."""
        while self.phase_start is None or self.sends() < self.phase_start + self.kill_at:
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
        # Not the sentinel's: check_redelivery asks it the same question again on purpose.
        quiet = waiting | {SENTINEL_ID}
        chosen = [u for u in queue.history if u["update_id"] in done and _chat(u) not in quiet]
        for update in chosen[-3:]:
            queue.redeliver(update)
        return chosen[-3:]

    async def check_redelivery(self, redelivered: list[dict[str, object]]) -> None:
        """Chats are handled in parallel, so the repeats are known handled once the bot has
        fetched every update and the sentinel (a later update) is answered; the people go on
        meanwhile, so tally() looks, in the repeats' chats, for an answer given twice."""
        chats = {_chat(u) for u in redelivered}
        chat_of = self.emulator.state.chats
        self.watch = {c: sum(not e.edited for e in chat_of[c].events) for c in chats}
        sentinel = Person.join(self.emulator, SENTINEL_ID, "en", "Sentinel")
        sentinel.timeout = 2 * STEP_TIMEOUT  # a restart, then the catch-up, on a busy machine
        await sentinel.command("help")
        self.report.redelivered = len(redelivered)

    def answered_twice(self) -> list[str]:
        """Since the repeats were pushed: messages (notices aside) that say again, word for
        word, what the bot had already said in that chat."""
        notices, found = self.notice_ids(), []
        for chat_id, before in self.watch.items():
            events = [e for e in self.emulator.state.chats[chat_id].events if not e.edited]
            said = {content_of(e.text, e.kind, e.reply_markup) for e in events[:before]}
            for event in events[before:]:
                if (chat_id, event.message_id) in notices:
                    continue
                if content_of(event.text, event.kind, event.reply_markup) in said:
                    found.append(event.describe())
        return found

    def notice_ids(self) -> set[tuple[int, int]]:
        with sqlite3.connect(self.database) as db:
            rows = db.execute("SELECT chat_id, message_id FROM outbox WHERE message_id NOT NULL")
            return {(r[0], r[1]) for r in rows}

    async def settle(self, timeout: float = 30.0) -> None:
        """Until the bot has nothing left to send (it may be restarting meanwhile)."""

        def idle() -> bool:
            with sqlite3.connect(self.database) as db:
                busy = db.execute(
                    "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
                ).fetchone()[0]
                due = db.execute(
                    "SELECT COUNT(*) FROM rounds WHERE matched_at IS NULL AND status = 'closed'"
                ).fetchone()[0]
            return not busy and not due

        await until(idle, what="an empty outbox and no round left to match", timeout=timeout)


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
    return last != common_texts.apology(person.t)


async def play(evening: Evening) -> list[tuple[str, int]]:
    """The evening; returns what the bot acknowledged: ('offer' | 'request', user id)."""
    emulator, acked = evening.emulator, list[tuple[str, int]]()
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    admin.timeout = STEP_TIMEOUT
    await attempt(admin, lambda: admin.command("start"))

    admin_turn = asyncio.Lock()  # one dispatcher, one screen: approvals one at a time

    # Everyone at once, as on a real evening: each chat keeps Telegram's 1 message a second.
    async def host_stream(number: int, locale: str, name: str) -> None:
        host = Person.join(emulator, 6000 + number, locale, name)
        host.timeout = STEP_TIMEOUT
        if not await attempt(host, lambda: register_host(host, name)):
            return
        async with admin_turn:
            if not await attempt(admin, lambda: approve(emulator, name)):
                return
        await attempt(host, host.reply)  # the approval notice
        if await attempt(host, lambda: offer(host, beds="2")):
            acked.append(("offer", host.user.id))

    async def guest_stream(number: int, locale: str, name: str) -> None:
        guest = Person.join(emulator, 7000 + number, locale, name)
        guest.timeout = STEP_TIMEOUT
        if await attempt(guest, lambda: ask_bed(guest, name)):
            acked.append(("request", guest.user.id))

    hosts = [host_stream(number, *person) for number, person in enumerate(evening.hosts)]
    guests = [guest_stream(number, *person) for number, person in enumerate(evening.guests)]
    if evening.report.phase == "evening":
        # A kill in the middle of everyone's forms would leave nothing acknowledged to check:
        # hosts one after the other, beside guests one after the other.
        await asyncio.gather(_one_by_one(hosts), _one_by_one(guests))
    else:  # the kill comes later: everyone at once, which is quicker
        await asyncio.gather(*hosts, *guests)
    evening.begin("cut-off")
    await attempt(admin, lambda: admin.command("close"))
    await evening.settle()
    evening.begin("confirmations")
    await _confirm_all(evening)
    await evening.settle()
    sentinel = Person.join(emulator, SENTINEL_ID, "en", "Sentinel")
    await attempt(sentinel, lambda: sentinel.command("help"))  # every update before it is handled
    await evening.settle()
    return acked


async def _confirm_all(evening: Evening) -> None:
    """Every host confirms every proposal they received; unanswered presses are counted."""
    for number, (locale, _) in enumerate(evening.hosts):
        host = Person.join(evening.emulator, 6000 + number, locale)
        host.timeout = STEP_TIMEOUT
        for proposal in [m for m in host.user.messages if m.button_data(host._("✅ I confirm"))]:
            evening.report.confirmations += 1
            if not await _confirm(host, proposal):
                evening.report.unanswered += 1


async def _one_by_one(flows: list[Coroutine[Any, Any, None]]) -> None:
    for flow in flows:
        await flow


async def _confirm(host: Person, proposal: BotMessage) -> bool:
    """Press Confirm and wait for the proposal to be edited into the answer; a host who sees
    nothing presses again. False if no press was ever answered."""
    shown = host.user._chat.bot_messages  # the test owns this emulator
    loop = asyncio.get_running_loop()
    for _ in range(PRESSES):
        await host.user.press(host._("✅ I confirm"), message=proposal)
        deadline = loop.time() + STEP_TIMEOUT
        while shown[proposal.message_id] == proposal and loop.time() < deadline:
            await asyncio.sleep(0.02)
        if shown[proposal.message_id] != proposal:
            return True
    return False


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
    _check_stays(evening, report)
    report.answered_again = evening.answered_twice()
    report.handled_again = len(report.answered_again)
    summaries = [e for e in chats[GROUP_ID].events if "Round closed" in (e.plain_text or "")]
    report.rounds_closed_twice = max(0, len(summaries) - 1)
    return report


def _check_stays(evening: Evening, report: Report) -> None:
    """Every match's proposal reached its host, every confirmed stay's notice its guest (each
    names the pickup code); repeats are marked; no stay that stands reads "no longer open"."""
    chats = evening.emulator.state.chats
    with sqlite3.connect(evening.database) as db:
        matches = db.execute(
            "SELECT m.pickup_code, m.status, h.user_id, g.user_id FROM matches m"
            " JOIN offers o ON o.id = m.offer_id JOIN hosts h ON h.id = o.host_id"
            " JOIN requests q ON q.id = m.request_id JOIN guests g ON g.id = q.guest_id"
        ).fetchall()

    def told(chat_id: int, code: str) -> bool:
        chat = chats.get(chat_id)
        return chat is not None and any(code in (e.plain_text or "") for e in chat.events)

    for code, status, host_id, guest_id in matches:
        report.proposals += 1
        report.proposals_lost += not told(host_id, code)
        if status in ("confirmed", "picked_up"):
            report.match_notices += 1
            report.match_notices_lost += not told(guest_id, code)
    people = [(6000 + i, locale) for i, (locale, _) in enumerate(evening.hosts)]
    people += [(7000 + i, locale) for i, (locale, _) in enumerate(evening.guests)]
    for user_id, locale in people:
        person = Person.join(evening.emulator, user_id, locale)
        mark = delivery_texts.repeated(person.t, "").strip()
        closed = round_texts.no_longer_open(person.t)
        stands = any(host == user_id and status != "proposed" for _, status, host, _ in matches)
        for event in chats[user_id].events if user_id in chats else ():
            text = event.plain_text or ""
            report.repeats += not event.edited and text.startswith(mark)
            report.wrongly_answered += stands and event.edited and text == closed


def _copies(chat: ChatRecord, message_id: int) -> int:
    """How many messages in the chat look exactly like this notice did when sent."""
    posted = [e for e in chat.events if not e.edited]
    original = next(e for e in posted if e.message_id == message_id)
    key = content_of(original.text, original.kind, original.reply_markup)
    return Counter(content_of(e.text, e.kind, e.reply_markup) for e in posted)[key]


async def run_evening(
    seed: int, folder: Path, people: int = len(HOSTS), phase: str | None = None
) -> Report:
    """One seeded run; the process is stopped cleanly at the end whatever happened."""
    async with BotApiEmulator(rate_limits=RateLimits()) as emulator:  # Telegram's limits
        emulator.group(GROUP_ID, "Dispatch")  # the bot checks it can reach it at start-up
        evening = Evening(emulator, folder, seed, people, phase)
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
