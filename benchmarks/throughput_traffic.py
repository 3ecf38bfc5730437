"""An evening's traffic for the throughput benchmark: guests and hosts mid-form, visitors.

Each actor plays a script of single updates (a command, a button press, a typed answer);
a pacer hands out one slot every 1/rate seconds to whichever actor is ready, so the bot
gets a steady stream at the target rate however long each reply takes.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from dispatch.languages import SPOKEN
from emulator import BotApiEmulator, FakeUser
from tools.actors import TRANSLATORS

LANGUAGES = ("fr", "nl", "en", "ar")
Step = tuple[str, str, str | None]  # (kind, msgid / label / text / command, payload)


def guest_script(locale: str, number: int) -> list[Step]:
    return [
        ("command", "start", f"guest_{locale}"),
        ("tap", "🛏 Yes, ask for a bed", None),  # the short notice's consent in the same tap
        ("tap", "👩 Me, a woman alone" if number % 2 else "👨 Me, a man alone", None),
        ("tap", "✔️ Done", None),  # the chat's language is ticked already
        ("tap", "No", None),  # no special needs
        ("say", f"G{number}", None),
        ("tap", "✅ Send my request", None),
        ("command", "status", None),
    ]


def host_script(locale: str, number: int) -> list[Step]:
    return [
        ("command", "start", f"host_{locale}"),
        ("tap", "📝 Register as a host", None),
        ("tap", "✅ I accept the charter", None),
        ("say", f"Host {number}", None),
        ("tap", "⏭ Skip", None),
        ("tap", "A woman living alone", None),
        ("toggle_msgid", "Single women", None),
        ("tap", "✔️ Done", None),
        ("toggle", SPOKEN[locale], None),
        ("tap", "✔️ Done", None),
        ("tap", "Yes", None),
        ("tap", "No", None),
        ("tap", "Yes, I come myself", None),
        ("tap", "✅ Confirm", None),
        ("command", "help", None),
    ]


def visitor_script(locale: str, number: int) -> list[Step]:
    return [
        ("command", "start", None),
        ("command", "help", None),
        ("say", "hello?", None),
        ("command", "status", None),
    ]


def echo_script(locale: str, number: int) -> list[Step]:
    """The echo bot has no buttons: the same rate of plain messages and commands."""
    return [("say", f"hello {number} {step}", None) for step in range(6)]


SCRIPTS = (guest_script, guest_script, guest_script, host_script, visitor_script)


@dataclass
class Traffic:
    """Latencies, and how many slots found no actor ready (should stay 0)."""

    latencies: list[float] = field(default_factory=list)
    lost: int = 0
    idle_slots: int = 0
    in_flight: int = 0
    last_reply: float = 0.0
    steps: list[tuple[float, float, str]] = field(default_factory=list)  # (start, latency, step)


async def _drain(user: FakeUser) -> None:
    """Forget messages beyond each step's first reply (a form's extra notes)."""
    while True:
        try:
            await user.next_message(timeout=0)
        except AssertionError:
            return


async def _perform(user: FakeUser, locale: str, step: Step) -> None:
    kind, value, payload = step
    gettext = TRANSLATORS[locale].gettext
    if kind == "command":
        await user.command(value, payload)
    elif kind == "tap":
        await user.press(gettext(value))
    elif kind == "toggle":
        await user.press("▫️ " + value)
    elif kind == "toggle_msgid":
        await user.press("▫️ " + gettext(value))
    else:
        await user.send(value)


async def _actor(
    user: FakeUser,
    locale: str,
    script: list[Step],
    ready: asyncio.Queue[asyncio.Future[None]],
    traffic: Traffic,
) -> None:
    for step in script:
        slot: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        await ready.put(slot)
        await slot
        await _drain(user)
        started = time.perf_counter()
        traffic.in_flight += 1
        try:
            await _perform(user, locale, step)
            await user.next_message(timeout=30)
        except (AssertionError, LookupError):
            traffic.lost += 1  # a button not found, or no answer: the script stops here
            return
        finally:
            traffic.in_flight -= 1
        traffic.last_reply = time.perf_counter()
        traffic.latencies.append(traffic.last_reply - started)
        traffic.steps.append((started, traffic.last_reply - started, f"{step[0]} {step[1]}"))


async def drive(
    emulator: BotApiEmulator,
    *,
    rate: float,
    seconds: float,
    first_user: int,
    scripts: tuple[Callable[[str, int], list[Step]], ...] = SCRIPTS,
) -> Traffic:
    """Send `rate` updates per second for `seconds`, from as many actors as it takes."""
    traffic = Traffic()
    ready: asyncio.Queue[asyncio.Future[None]] = asyncio.Queue()
    numbers = itertools.count(first_user)
    actors: list[asyncio.Task[None]] = []

    def spawn() -> None:
        number = next(numbers)
        locale = LANGUAGES[number % len(LANGUAGES)]
        script = scripts[number % len(scripts)](locale, number)
        user = emulator.user(number, first_name=f"P{number}", language_code=locale)
        actors.append(asyncio.create_task(_actor(user, locale, script, ready, traffic)))

    for _ in range(int(rate * 2)):
        spawn()
    loop = asyncio.get_running_loop()
    start = loop.time()
    for slot in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, start + slot / rate - loop.time()))
        if ready.qsize() < rate:  # keep a second's worth of people waiting to speak
            for _ in range(int(rate)):
                spawn()
            await asyncio.sleep(0)
        try:
            ready.get_nowait().set_result(None)
        except asyncio.QueueEmpty:
            traffic.idle_slots += 1
    while traffic.in_flight and loop.time() < start + seconds + 30:
        await asyncio.sleep(0.01)  # the last replies count too: they are the slow ones
    for task in actors:
        task.cancel()
    await asyncio.gather(*actors, return_exceptions=True)
    return traffic
