"""`nightdispatch demo`: a whole evening at one site, offline, through real updates.

Hosts and guests in four languages register, offer and ask through the emulator; the cut-off
closes the round; hosts confirm (one stays silent and is replaced); then the outcome is read
back from the database and checked against the safety rules, independently of the engine.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time as timer
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import NightApplication, build_application
from bot.context import BotContext
from bot.lifecycle import emulator_config, polling
from bot.logs import configure_logging
from dispatch.groups import GroupType, Household, may_host
from dispatch.languages import SPOKEN
from emulator import BotApiEmulator
from jobs.delivery import delivered
from jobs.ticks import evening_tick
from tools.actors import Person
from tools.demo_meeting import play_meeting
from tools.demo_rides import DRIVER_NAME, play_rides, register_driver

Say = Callable[[str], None]
ADMIN = 1
# Monday 23 November 2026, 18:00 in Brussels; the cut-off is at 19:00.
EVENING = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
LOCALES = ("fr", "nl", "en", "ar")


@dataclass(frozen=True)
class HostPlan:
    name: str
    household: str  # the English label of the household option
    accepts: tuple[str, ...]
    beds: str
    collects: bool = True  # False: "No, I need a driver"


HOSTS = (
    HostPlan("Marie", "A woman living alone", ("Single women", "Women with children"), "2"),
    HostPlan("Paul", "A man living alone", ("Single men",), "2"),
    HostPlan(
        "Sofie", "A family with children", ("Families", "Women with children", "Single women"), "4"
    ),
    HostPlan("Ahmed", "A couple", ("Single men", "Couples"), "3"),
    HostPlan("Lea", "A shared flat", ("Single men", "Single women"), "2"),
    HostPlan("Jan", "A man living alone", ("Single men",), "1"),
    HostPlan("Nadia", "A couple", ("Single men", "Single women", "Families"), "3"),
    HostPlan("Tom", "A shared flat", ("Single men",), "2"),
    HostPlan("Eva", "A couple", ("Single women",), "1", collects=False),
)
SILENT = "Tom"  # stays silent after the cut-off: his guests go back to the dispatch
# (name, who, women, men, children)
GUESTS = (
    ("Amina", "alone-woman", 0, 0, 0),
    ("Yonas", "alone-man", 0, 0, 0),
    ("Hawa", "group", 1, 0, 2),
    ("Bilal", "alone-man", 0, 0, 0),
    ("Selam", "alone-woman", 0, 0, 0),
    ("Omar", "alone-man", 0, 0, 0),
    ("Samir", "group", 1, 1, 1),
    ("Kofi", "alone-man", 0, 0, 0),
    ("Dawit", "alone-man", 0, 0, 0),
    ("Idris", "alone-man", 0, 0, 0),
    ("Musa", "alone-man", 0, 0, 0),
    ("Farah", "group", 1, 0, 1),
    ("Tesfay", "alone-man", 0, 0, 0),
    ("Abdi", "alone-man", 0, 0, 0),
    ("Rahel", "alone-woman", 0, 0, 0),
)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def register_host(admin: Person, host: Person, plan: HostPlan, host_number: int) -> None:
    await register_only(admin, host, plan)
    await admin.command("approve", str(host_number))
    await host.reply()  # approved
    await host.command("offer")
    for label in (plan.beds, "21:30", "1"):
        await host.tap_label(label)
    await host.tap("⏭ Skip")
    await host.tap("✅ Publish my offer")


async def register_only(admin: Person, host: Person, plan: HostPlan) -> None:
    """Registration up to the vetting queue (the chat's trainer approves later, or not)."""
    await host.command("start", f"host_{host.locale}")
    await host.tap("📝 Register as a host")
    await host.tap("✅ I accept the charter")
    await host.say(plan.name)
    await host.tap("⏭ Skip")
    await host.tap(plan.household)
    for label in plan.accepts:
        await host.toggle(host._(label))
    await host.tap("✔️ Done")
    await host.toggle(SPOKEN[host.locale])
    await host.tap("✔️ Done")
    fetch = "Yes, I come myself" if plan.collects else "No, I need a driver"
    for answer in ("Yes", "No", fetch, "✅ Confirm"):
        await host.tap(answer)
    await admin.reply()  # the new-host alert


async def ask_for_a_bed(guest: Person, name: str, who: str, counts: tuple[int, int, int]) -> None:
    await guest.command("start", f"guest_{guest.locale}")
    await guest.tap("🛏 Yes, ask for a bed")  # the short notice above it, agreed in the same tap
    if who == "group":
        await guest.tap("Me and other people (family, friends)")
        for count in counts:
            await guest.tap_label(str(count))
        if counts[2]:
            await guest.toggle(guest._("Children (3–11)"))
            await guest.tap("✔️ Done")
    else:
        await guest.tap("👩 Me, a woman alone" if who == "alone-woman" else "👨 Me, a man alone")
    if guest.locale == "en":  # their own language is ticked already; an English reader adds one
        await guest.toggle(SPOKEN["ar"])
    await guest.tap("✔️ Done")
    await guest.tap("No")  # no particular needs
    await guest.say(name)
    await guest.tap("✅ Send my request")


async def play(
    emulator: BotApiEmulator, application: NightApplication, clock: Clock, say: Say
) -> None:
    admin = Person.join(emulator, ADMIN, "en", "Admin")
    await admin.command("start")
    hosts = []
    for number, plan in enumerate(HOSTS, start=1):
        host = Person.join(emulator, 100 + number, LOCALES[number % 4], plan.name)
        await register_host(admin, host, plan, number)
        hosts.append(host)
    say(f"{len(hosts)} hosts registered, approved and offering beds, in four languages.")
    guests = []
    for index, (name, who, women, men, children) in enumerate(GUESTS):
        guest = Person.join(emulator, 500 + index, LOCALES[index % 4], name)
        await ask_for_a_bed(guest, name, who, (women, men, children))
        guests.append(guest)
    say(f"{len(GUESTS)} groups asked for a bed tonight.")
    driver = Person.join(emulator, 900, "ar", DRIVER_NAME)
    await register_driver(admin, driver)
    say(f"{DRIVER_NAME} registered as a volunteer driver, was approved and drives tonight.")

    context = BotContext(application)
    clock.now = EVENING + timedelta(hours=1, seconds=5)
    started = timer.perf_counter()
    await evening_tick(context)
    say(f"19:00 cut-off: round closed and matched in {timer.perf_counter() - started:.2f} s.")
    await delivered(application)
    silent = next(h for h in hosts if h.user.record.first_name == SILENT)
    for host in hosts:
        proposals = [m for m in host.user.messages if m.button_data(host._("✅ I confirm"))]
        for proposal in proposals:
            if host is not silent:
                await host.user.press(host._("✅ I confirm"), message=proposal)
                await host.reply()
    # Chats are handled in parallel: wait until the presses are recorded, not for a barrier.
    await confirmed_all_but(application, silent.user.chat_id)
    clock.now += timedelta(minutes=31)
    await evening_tick(context)
    await delivered(application)
    say("19:31: hosts confirmed; one stayed silent, its guests went back to the dispatch.")
    eva = next(h for h in hosts if h.user.record.first_name == "Eva")
    shown = await play_rides(application, eva, guests, driver, say)
    await play_meeting(application, hosts, guests, lambda now: setattr(clock, "now", now), say)
    for person in [g for g in (guests[0], guests[3], guests[4]) if g is not shown][:2]:
        sample = next(
            (
                m
                for m in reversed(person.user.messages)
                if m.plain_text and ("🛏" in m.plain_text or "🏠" in m.plain_text)
            ),
            None,
        )
        if sample is not None:
            say(
                f"\n— what {person.user.record.first_name} ({person.locale}) read:\n"
                f"{sample.plain_text}"
            )


async def confirmed_all_but(application: NightApplication, silent_chat: int) -> None:
    """Until every proposal but the silent host's is answered (10 s at most)."""
    store = application.bot_data.store
    for _ in range(500):
        rows = await store.db.every(
            "SELECT COUNT(*) FROM matches m JOIN offers o ON o.id = m.offer_id JOIN hosts h"
            " ON h.id = o.host_id WHERE m.status = 'proposed' AND h.user_id != ?",
            (silent_chat,),
        )
        if rows[0][0] == 0:
            return
        await asyncio.sleep(0.02)


async def report(application: NightApplication, say: Say) -> None:
    """Read the outcome back and check the hard rules without trusting the engine."""
    placements = await application.bot_data.store.evening.placements()
    housed, waiting, used, violations = Counter[str](), Counter[str](), Counter[int](), 0
    for p in placements:
        kind = p.party.group_type
        label, people = (kind.value if kind else "minors"), p.party.size
        if p.match_status is None or p.offer_id is None:
            waiting[label] += people
            continue
        housed[f"{label} ({p.match_status})"] += people
        used[p.offer_id] += people
        accepted = frozenset(GroupType(a) for a in p.accepts)
        allowed = (
            kind is not None
            and p.household is not None
            and may_host(Household(p.household), accepted, kind)
        )
        if not allowed or used[p.offer_id] > (p.beds or 0):
            violations += 1
    say("People placed by group type: " + ", ".join(f"{k}: {v}" for k, v in sorted(housed.items())))
    say(
        "People still waiting: "
        + (", ".join(f"{k}: {v}" for k, v in sorted(waiting.items())) or "none")
    )
    say(f"Rule checks (non-mixité, acceptance, beds): {violations} violation(s).")


async def run_demo(say: Say = print) -> int:
    configure_logging("", level=logging.WARNING)
    started = timer.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nightdispatch-demo-") as folder:
        async with BotApiEmulator() as emulator:
            config = emulator_config(
                emulator,
                Path(folder) / "demo.sqlite3",
                admin_ids=frozenset({ADMIN}),
                site_meeting_point="Gare du Nord, entrance rue du Progrès",
            )
            clock = Clock(EVENING)
            application = build_application(config, clock=clock)
            async with polling(application):
                await play(emulator, application, clock, say)
                await report(application, say)
    say(f"Demo evening done in {timer.perf_counter() - started:.1f} s.")
    return 0
