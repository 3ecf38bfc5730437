"""A whole evening while Telegram answers 10 % of sends with 429, 5 % with 500 and lets 5 %
time out: every notice still arrives exactly once, and people still get their answers."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.config import Config
from bot.context import BotContext
from bot.lifecycle import polling
from emulator import BotApiEmulator
from emulator.faults import Faults
from jobs.ticks import evening_tick
from tests.e2e.conftest import ADMIN_ID, FIXED_NOW, Clock
from tests.e2e.people import Person
from tests.e2e.test_evening import CUTOFF, ask_bed, code_in, offer, vetted_host
from tests.waiting import until

SPEED = 10  # the bot's clock runs ten times faster than the wall: retries come due sooner
FAULTS = {"share_429": 0.10, "share_500": 0.05, "share_timeout": 0.05}


class RunningClock(Clock):
    """A clock that moves on by itself (retries are scheduled on it); tests still set it."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self._base, self._started = now, time.monotonic()

    @property  # type: ignore[override]
    def now(self) -> datetime:
        return self._base + timedelta(seconds=(time.monotonic() - self._started) * SPEED)

    @now.setter
    def now(self, moment: datetime) -> None:
        self._base, self._started = moment, time.monotonic()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return RunningClock()


@pytest.fixture
def faulty(emulator: BotApiEmulator, tmp_path: Path, clock: Clock) -> Config:
    emulator.faults = Faults(**FAULTS, seed=6)
    return Config(
        token=emulator.token,
        api_base_url=emulator.base_url,
        database=tmp_path / "night.sqlite3",
        admin_ids=frozenset({ADMIN_ID}),
        api_timeout=2.0,  # a lost call is given up on, and sent again, after 2 s
    )


@pytest.fixture
async def faulty_bot(faulty: Config, clock: Clock) -> AsyncIterator[Any]:
    async with polling(build_application(faulty, clock=clock)) as running:
        yield running


async def settled(bot: Any, timeout: float = 40.0) -> dict[str, int]:
    """Poll the outbox until nothing is left to send (retries included)."""
    counts: dict[str, int] = {}

    async def empty() -> bool:
        counts.clear()
        counts.update(await bot.bot_data.store.outbox.counts())
        return not counts.get("pending") and not counts.get("sending")

    await until(empty, what=lambda: f"an empty outbox: {counts}", timeout=timeout, every=0.1)
    return counts


async def timed(person: Person, command: str) -> float:
    started = time.monotonic()
    await person.command(command)
    return time.monotonic() - started


async def test_every_notice_arrives_once_and_people_get_answers_under_faults(
    emulator: BotApiEmulator, faulty_bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    hosts = [
        await vetted_host(emulator, 4400 + i, loc, n)
        for i, (loc, n) in enumerate((("fr", "Marie"), ("ar", "Rania")))
    ]
    for host in hosts:
        await offer(host, beds="1")
    guests = [
        Person.join(emulator, 4500 + i, loc, n)
        for i, (loc, n) in enumerate((("ar", "Amina"), ("en", "Hawa"), ("nl", "Nour")))
    ]
    for guest, name in zip(guests, ("Amina", "Hawa", "Nour"), strict=True):
        await ask_bed(guest, name)

    clock.now = CUTOFF
    await evening_tick(BotContext(faulty_bot))  # returns at once: the notices go out behind
    waits = [await timed(guest, "status") for guest in guests]  # answered meanwhile
    proposals = [await host.reply() for host in hosts]
    for host, proposal in zip(hosts, proposals, strict=True):
        await host.user.press(host._("✅ I confirm"), message=proposal)
        await host.reply()
    told = {code_in(str(p.text)) for p in proposals}
    counts = await settled(faulty_bot)

    assert counts == {"sent": counts["sent"]}  # nothing given up, nothing left over
    assert emulator.duplicates() == {}
    housed = [m for g in guests for m in g.user.messages if code_in_any(m.plain_text) in told]
    assert len(housed) == len(hosts)  # each confirmed guest heard once, with their code
    assert all(emulator.faults and emulator.faults.injected[k] for k in ("429", "500", "timeout"))
    waits.append(await timed(guests[-1], "help"))
    assert max(waits) < 10, waits


def code_in_any(text: str | None) -> str | None:
    try:
        return code_in(text or "")
    except AssertionError:
        return None
