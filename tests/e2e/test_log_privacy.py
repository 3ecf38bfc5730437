"""A whole simulated evening logged at DEBUG, the way production logs: not one name, phone
number, typed text or the token may appear in the output."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.app import build_application
from bot.config import Config
from bot.context import BotContext
from bot.lifecycle import polling
from bot.logs import configure_logging
from dispatch.languages import SPOKEN
from emulator import BotApiEmulator, BotMessage
from jobs.purge import purge_expired
from jobs.ticks import evening_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person
from tests.e2e.test_evening import CUTOFF, ask_bed, code_in
from tests.e2e.test_hosts import approve

HOSTS = (
    ("Wilhelmina Oyelaran", "+32 471 98 76 54", "fr"),
    ("Thaddeus Kowalczyk", "0487112233", "nl"),
)
GUESTS = (("Zanele", "ar"), ("Oluwaseun", "en"))
WALK_IN = "Tsegereda"
NOTE = "Ring twice at Rue Verte"
FREE_TEXT = "Je m'appelle Zanele Mbeki, 0499 55 44 33"
LOGGERS = ("telegram", "aiosqlite", "httpx", "httpcore", "apscheduler", "aiohttp.access")


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """Production's logging set-up at DEBUG, writing into a buffer; restored afterwards."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in LOGGERS})
    buffer = io.StringIO()
    yield buffer
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def start_logging(buffer: io.StringIO, token: str) -> None:
    configure_logging(token, level=logging.DEBUG)
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(buffer)


async def register(person: Person, name: str, phone: str) -> None:
    await person.command("start", f"host_{person.locale}")
    await person.tap("📝 Register as a host")
    await person.tap("✅ I accept the charter")
    await person.say(name)
    await person.say(phone)
    await person.tap("A couple")
    await person.toggle(person._("Single women"))
    await person.toggle(person._("Single men"))
    await person.tap("✔️ Done")
    await person.toggle(SPOKEN["fr"])
    await person.tap("✔️ Done")
    await person.tap("Yes")
    await person.tap("No")
    await person.tap("Yes, I come myself")
    await person.tap("✅ Confirm")


async def offer_with_note(host: Person) -> None:
    await host.command("offer")
    await host.tap_label("1")
    await host.tap_label("21:30")
    await host.tap_label("1")
    await host.say(NOTE)
    await host.tap("✅ Publish my offer")


async def walk_in(dispatcher: Person) -> None:
    await dispatcher.command("walkin")
    await dispatcher.say(WALK_IN)
    await dispatcher.tap_label(dispatcher._("Alone"))
    await dispatcher.tap("Man")
    await dispatcher.toggle(SPOKEN["ti"])
    await dispatcher.tap("✔️ Done")
    await dispatcher.tap("No")  # no particular needs
    await dispatcher.tap("✅ Register the group")


async def until(person: Person, msgid: str) -> BotMessage:
    """Read this person's messages up to the one showing `msgid` (in text or buttons)."""
    while True:
        message = await person.reply()
        if person._(msgid) in f"{message.text} {message.buttons}":
            return message


async def pickup(host: Person) -> None:
    """Confirm the proposal, type a wrong code, then the right one."""
    proposal = await until(host, "✅ I confirm")
    code = code_in(str(proposal.text))
    await host.user.press(host._("✅ I confirm"), message=proposal)
    await until(host, "👥 My guests are with me")
    await host.tap("👥 My guests are with me")
    await host.say("ZZ9Q")
    await host.say(code)


async def evening(emulator: BotApiEmulator, context: BotContext, clock: Clock) -> None:
    """Hosts register and offer, guests ask, a walk-in, the cut-off, confirmations, pickups,
    the morning after with a problem, /mydata, /forget, and the purge weeks later."""
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    hosts = []
    for number, (name, phone, locale) in enumerate(HOSTS):
        host = Person.join(emulator, 8000 + number, locale, name)
        await register(host, name, phone)
        await approve(emulator, name)
        await host.reply()
        await offer_with_note(host)
        hosts.append(host)
    guests = []
    for number, (alias, locale) in enumerate(GUESTS):
        guest = Person.join(emulator, 8100 + number, locale, alias)
        await ask_bed(guest, alias, gender="Woman" if number == 0 else "Man")
        guests.append(guest)
    await walk_in(admin)
    await guests[0].say(FREE_TEXT)

    clock.now = CUTOFF
    await evening_tick(context)
    for host in hosts:
        await pickup(host)

    clock.now = CUTOFF + timedelta(hours=14)  # the morning after
    await evening_tick(context)
    await until(hosts[0], "⚠️ Report a problem")
    await hosts[0].tap("⚠️ Report a problem")
    for person in (guests[0], hosts[1]):
        await person.user.command("mydata")
        await until(person, "🗂 <b>What we keep about you</b>")
    await guests[1].user.command("forget")
    question = await until(guests[1], "Do you want to erase everything now?")
    await guests[1].user.press(guests[1]._("🗑 Yes, erase everything"), message=question)
    await guests[1].reply()
    clock.now = CUTOFF + timedelta(days=20)
    await purge_expired(context)


async def test_a_full_evening_logs_no_name_phone_text_or_token(
    emulator: BotApiEmulator, bot_config: Config, clock: Clock, log_output: io.StringIO
) -> None:
    start_logging(log_output, emulator.token)
    application = build_application(bot_config, clock=clock)
    async with polling(application):
        await evening(emulator, BotContext(application), clock)
        logging.getLogger("handlers.privacy").debug("end of the evening")  # the capture works
    output = log_output.getvalue()
    assert "end of the evening" in output
    secrets = [emulator.token, NOTE, FREE_TEXT, WALK_IN]
    secrets += [part for name, phone, _ in HOSTS for part in (*name.split(), phone, phone[-6:])]
    secrets += [alias for alias, _ in GUESTS] + ["Mbeki", "0499"]
    leaked = [line for line in output.splitlines() if any(s in line for s in secrets)]
    assert not leaked, "\n".join(leaked[:10])
