"""Who may do what, where (issue 15, finding 2): every command and every button area of the
handler registry, pressed by a guest, a host, a dispatcher of site 1, a dispatcher of every site
and an admin, on the records of site 1 and of site 2. A dispatcher of site 1 acts at site 1 and
nowhere else; the lists are read from the registry, so nothing new escapes this test."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import time
from typing import Any

from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.sites import tonight
from dispatch.accounts import Account, Role
from dispatch.models import HostStatus, Site
from dispatch.party import Party
from emulator import BotApiEmulator
from handlers import walkin
from storage.requests import NewRequest
from storage.store import Store
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person
from tests.e2e.test_permissions import (
    ADMIN_ONLY,
    FORGED,
    FORGED_IN_PUBLIC,
    PUBLIC_AREAS,
    PUBLIC_COMMANDS,
)
from tests.storage.people import vetted_host

GUEST, HOST, LOCAL, EVERYWHERE = 7001, 7002, 7003, 7004
ROLES = ("guest", "host", "dispatcher of site 1", "dispatcher of every site", "admin")
# Buttons whose first argument is a site, a host, a request, an offer or an incident.
SITE_BUTTONS = {
    "board": ["show:{site}", "waiting:{site}", "matches:{site}", "hosts:{site}"],
    "board-offer": ["out:{offer}"],
    "board-request": ["move:{request}"],
    "vet": ["suspend:{vetted}", "approve:{pending}"],
    "admin": ["approve:{pending}"],
    "incident": ["block:{incident}:host"],
}


@dataclass(frozen=True)
class Records:
    """What belongs to one site: a waiting group, an offer, hosts, an incident."""

    site: int
    guest: int
    request: int
    offer: int
    vetted: int
    pending: int
    pending_name: str
    incident: int


async def _site_records(store: Store, site: Site, base: int, now: Any) -> Records:
    night, closes_at = tonight(site, now)
    guest = base + 1
    for user_id in (guest, base + 2, base + 3):
        await store.users.touch(user_id, now)
    await store.requests.record_consent(guest, 1, now)
    request = await store.requests.save_for_user(
        guest,
        NewRequest(
            site.id, night, closes_at, f"Guest{base}", Party(1, 0, 0), ("fr",), False, False
        ),
        now,
    )
    host = await vetted_host(store, base + 2, site.id, now, name=f"Vetted{base}")
    offer = await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=night,
        closes_at=closes_at,
        beds=2,
        latest_pickup=time(21, 30),
        nights=1,
        note=None,
        now=now,
    )
    pending = await vetted_host(store, base + 3, site.id, now, name=f"Waiting{base}")
    await store.hosts.set_status(pending.id, HostStatus.PENDING, now)
    incident = await store.incidents.open(guest, f"report {base}", None, now)
    assert incident is not None and incident.site_id == site.id
    return Records(
        site.id, guest, request.id, offer.id, host.id, pending.id, f"Waiting{base}", incident.id
    )


def _registry(bot: Any) -> tuple[set[str], set[str]]:
    commands: set[str] = set()
    areas: set[str] = set()
    for handler in bot.handlers[0]:
        if isinstance(handler, CommandHandler):
            commands |= set(handler.commands)
        elif isinstance(handler, CallbackQueryHandler) and handler.pattern is not None:
            # "^v1:board:" or, for a typed button, "^v1:ride\\.move(?::|$)": its prefix.
            areas.add(handler.pattern.pattern.split(":")[1].replace("\\.", ".").split("(")[0])
    return commands, areas


async def _settle(bot: Any, person: Person, update: dict[str, Any]) -> list[str]:
    """Wait until the bot has processed the update; every text and alert it answered."""
    store: Store = bot.bot_data.store
    for _ in range(500):
        if await store.updates.seen(int(update["update_id"])):
            break
        await asyncio.sleep(0.01)
    texts = []
    while True:
        try:
            texts.append(str((await person.user.next_message(timeout=0.05)).plain_text))
        except AssertionError:
            return texts


async def _press(bot: Any, person: Person, data: str) -> list[str]:
    before = len(person.user.callback_answers)
    texts = await _settle(bot, person, await person.user.press_data(data))
    answers = person.user.callback_answers[before:]
    return [str(a.get("text") or "") for a in answers] + texts


def _refused(person: Person, texts: list[str]) -> bool:
    refusals = {
        person._("This is reserved for dispatchers."),
        person._("This is reserved for admins."),
        person._("There is no host waiting with that number."),
    }
    return any(text in refusals for text in texts)


async def _people(emulator: BotApiEmulator, bot: Any, clock: Clock) -> dict[str, Person]:
    store: Store = bot.bot_data.store
    now = clock.now
    for user_id in (GUEST, HOST, LOCAL, EVERYWHERE):
        await store.users.touch(user_id, now)
    await vetted_host(store, HOST, 1, now, name="Hostess")
    await store.users.grant(LOCAL, Role.DISPATCHER, now, site_id=1)
    await store.users.grant(EVERYWHERE, Role.DISPATCHER, now)
    ids = (GUEST, HOST, LOCAL, EVERYWHERE, ADMIN_ID)
    return {
        role: Person.join(emulator, uid, "en", role) for role, uid in zip(ROLES, ids, strict=True)
    }


def _may(role: str, admin_only: bool, site: int | None) -> bool:
    if role == "admin":
        return True
    if role in ("guest", "host") or admin_only:
        return False
    return role == "dispatcher of every site" or site in (None, 1)


async def test_every_command_and_button_by_role_and_site(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    store: Store = bot.bot_data.store
    [brussels] = await store.sites.all()
    lisbon = await store.sites.add(
        Site(0, "Lisboa", "Europe/Lisbon", time(19), time(23)), clock.now
    )
    assert lisbon is not None
    records = {1: await _site_records(store, brussels, 8100, clock.now)}
    records[2] = await _site_records(store, lisbon, 8200, clock.now)
    people = await _people(emulator, bot, clock)
    commands, areas = _registry(bot)
    assert areas - PUBLIC_AREAS == set(FORGED), "a new button area needs its place here"

    for role, person in people.items():
        for command in sorted(commands - {"close", "cancel"}):
            texts = await _settle(bot, person, await person.user.command(command))
            public = command in PUBLIC_COMMANDS
            expected = public or _may(role, command in ADMIN_ONLY, None)
            assert _refused(person, texts) is not expected, (role, command, texts)
            await _settle(bot, person, await person.user.command("cancel"))
        for area, actions in {**FORGED, **FORGED_IN_PUBLIC}.items():
            if area in ("board", "vet", "incident", "admin"):
                continue  # site by site below
            for action in actions:
                texts = await _press(bot, person, f"v1:{area}:{action}")
                expected = _may(role, area in ADMIN_ONLY, None)
                assert _refused(person, texts) is not expected, (role, area, action, texts)
                await _settle(bot, person, await person.user.command("cancel"))
        for area in sorted(PUBLIC_AREAS - set(FORGED_IN_PUBLIC)):
            # Open to everyone: each action checks that the record is the presser's own.
            texts = await _press(bot, person, f"v1:{area}:unknown")
            assert not _refused(person, texts), (role, area, texts)
        for site, mine in records.items():
            await _site_checks(bot, role, person, site, mine)

    await _close_checks(bot, people)
    await _walk_in_sites(bot)


async def _site_checks(bot: Any, role: str, person: Person, site: int, mine: Records) -> None:
    """The same actions on the records of one site."""
    expected = _may(role, False, site)
    values = {
        "site": mine.site,
        "offer": mine.offer,
        "request": mine.request,
        "vetted": mine.vetted,
        "pending": mine.pending,
        "incident": mine.incident,
    }
    for area, actions in SITE_BUTTONS.items():
        for action in actions:
            data = f"v1:{area.split('-')[0]}:{action.format(**values)}"
            texts = await _press(bot, person, data)
            assert _refused(person, texts) is not expected, (role, site, data, texts)
            await _settle(bot, person, await person.user.command("cancel"))
    found = await _settle(bot, person, await person.user.command("hosts", mine.pending_name))
    shown = any(mine.pending_name in text for text in found)
    nothing = person._("No host matches “{text}”.", text=mine.pending_name)
    assert (shown and nothing not in found) is expected, (role, site, found)
    for command in ("block", "unblock"):
        texts = await _settle(bot, person, await person.user.command(command, str(mine.guest)))
        assert _refused(person, texts) is not expected, (role, site, command, texts)
        await _settle(bot, person, await person.user.command("cancel"))
    listed = "\n".join(await _settle(bot, person, await person.user.command("incidents")))
    assert (f"report {mine.site * 100 + 8000}" in listed) is expected, (role, site, listed)


async def _close_checks(bot: Any, people: dict[str, Person]) -> None:
    """/close closes the dispatcher's own site; with several sites it asks which."""
    store: Store = bot.bot_data.store
    local, everywhere = people["dispatcher of site 1"], people["dispatcher of every site"]
    texts = await _press(bot, local, "v1:board:close:2")
    assert _refused(local, texts)
    asked = await _settle(bot, everywhere, await everywhere.user.command("close"))
    assert everywhere._("Which site's round do you close now?") in asked
    closed = await _settle(bot, local, await local.user.command("close"))
    assert not _refused(local, closed), closed
    clock_now = bot.bot_data.clock()
    sites = {s.id: s for s in await store.sites.all()}
    assert (await store.evening.state(1, tonight(sites[1], clock_now)[0]))[0]
    assert not (await store.evening.state(2, tonight(sites[2], clock_now)[0]))[0]
    for texts in (
        await _settle(bot, people["guest"], await people["guest"].user.command("close")),
        await _press(bot, people["guest"], "v1:board:close:2"),
        await _press(bot, people["host"], "v1:board:close:2"),
    ):
        assert texts and any("reserved" in text for text in texts)
    await _press(bot, everywhere, "v1:board:close:2")
    assert (await store.evening.state(2, tonight(sites[2], clock_now)[0]))[0]


async def _walk_in_sites(bot: Any) -> None:
    """A walk-in is registered only at a site of the dispatcher registering it."""
    context = BotContext(bot)
    context.account = Account(LOCAL, roles=frozenset({Role.DISPATCHER}), sites=frozenset({1}))
    choices, _ = await walkin._my_sites(context)
    assert choices == {"sites": ("1",)}
    context.account = Account(EVERYWHERE, roles=frozenset({Role.DISPATCHER}))
    choices, _ = await walkin._my_sites(context)
    assert choices == {"sites": ("1", "2")}
