"""Every dispatcher command and button is refused to people without the role. The lists are
read from the handler registry, so a new command, button area or action cannot escape this
test; each forged press carries well-formed data, so the refusal is the handler's own."""

from __future__ import annotations

from typing import Any

from telegram.ext import CommandHandler

from bot.callbacks import unpack_any
from emulator import BotApiEmulator
from handlers.buttons import ButtonHandler
from tests.e2e.people import Person
from tests.waiting import until

# Commands anyone may send; everything else in the registry belongs to a role.
PUBLIC_COMMANDS = {
    "start",
    "language",
    "help",
    "cancel",
    "status",
    "offer",
    "profile",
    "appeals",
    "report",
    "mydata",
    "forget",
    "nearby",
    "drive",
    "shift",
}
# Button areas anyone may press (each re-checks that the record is the presser's own).
PUBLIC_AREAS = {
    "lang",
    "draft",  # carry on or drop one's own half-done form
    "role",
    "menu",
    "f",
    "host",
    "guest",
    "match",
    "appeal",
    "incident",
    "privacy",
    "meet",
    "near",
    "appeal.drive",  # a driver's answer to an appeal (recipients only)
    "appeal.driveroff",
    "appeal.driverset",  # a driver's own appeal setting
    # A driver's own buttons (each re-reads the presser's profile).
    "drive.home",
    "drive.register",
    "drive.shift",
    "drive.withdraw",
    "drive.pattern",
    "drive.remind",
    "ride.answer",  # the asked driver's own ride
    "ride.pickup",
    "ride.back",  # the driver hands their own ride back
    "ride.arrived",  # the host's own ride
    "ride.come",
}
ADMIN_ONLY = {"dispatchers", "sites", "roles", "site", "drivers.carrule"}
# Forged presses for each restricted area: every action a dispatcher's button carries.
FORGED = {
    "board": [
        "show:1",
        "waiting:1",
        "matches:1",
        "hosts:1",
        "rerun:1",
        "close:1",
        "move:1",
        "to:1:1",
        "out:1",
        "outyes:1",
    ],
    "vet": ["approve:1", "approve_yes:1", "card:1", "reject:1", "suspend:1", "reinstate:1"],
    "admin": ["approve:1"],
    "roles": ["invite:0", "revoke:1"],
    "site": ["list", "open:1", "add", "edit:1:cutoff", "text:1"],
    "walkin": ["new"],
    "stats": ["csv"],
    "board.rides": ["1"],  # tonight's drivers and rides (typed data: the site)
    "drivers.site": ["1"],
    "drivers.vet": ["1:vetted:0", "1:vetted:1", "1:rejected:1", "1:suspended:1"],
    "drivers.carrule": ["1:0"],
    "drivers.block": ["1"],
    "ride.move": ["1:1"],
}
# Dispatcher-only actions inside an area that hosts also use.
FORGED_IN_PUBLIC = {
    "appeal": ["send", "drop", "widen"],
    "incident": ["done:1", "block:1:host", "block:1:guest"],
    "near": ["add:1", "remove:1"],
}
FORGED_ALL = {**FORGED, **FORGED_IN_PUBLIC}
# The actions of those areas that are anyone's (each checks the record is the presser's own).
PUBLIC_ACTIONS = {"incident:report", "appeal:beds", "appeal:optout", "near:show"}


def _actions(bot: Any) -> set[str]:
    """The registry's actions (their prefixes) in the areas above."""
    return {
        handler.kind.__prefix__
        for handler in bot.handlers[0]
        if isinstance(handler, ButtonHandler)
        and handler.kind.__prefix__.split(":")[0] in FORGED_ALL
    }


def _registry(bot: Any) -> tuple[set[str], set[str]]:
    commands: set[str] = set()
    areas: set[str] = set()
    for handler in bot.handlers[0]:
        if isinstance(handler, CommandHandler):
            commands |= set(handler.commands)
        elif isinstance(handler, ButtonHandler):
            areas.add(handler.kind.__prefix__.split(":")[0])
    return commands, areas


async def _refusal(person: Person, data: str) -> str:
    before = len(person.user.callback_answers)
    await person.user.press_data(data)
    await until(lambda: len(person.user.callback_answers) > before, what=f"an answer to {data}")
    return str(person.user.callback_answers[before].get("text"))


async def test_every_restricted_command_and_button_is_refused(
    emulator: BotApiEmulator, bot: Any
) -> None:
    commands, areas = _registry(bot)
    assert areas - PUBLIC_AREAS == set(FORGED), "a new button area needs its forged presses"
    presses = [f"v1:{area}:{action}" for area, actions in FORGED_ALL.items() for action in actions]
    assert all(unpack_any(data) is not None for data in presses), "forged presses must unpack"
    pressed = {type(unpack_any(data)).__prefix__ for data in presses}
    assert _actions(bot) - PUBLIC_ACTIONS == pressed, "each restricted action needs its press"
    nobody = Person.join(emulator, 9900, "fr", "Nobody")
    await nobody.command("start")
    dispatchers_only = nobody._("This is reserved for dispatchers.")
    admins_only = nobody._("This is reserved for admins.")
    for command in sorted(commands - PUBLIC_COMMANDS):
        reply = await nobody.command(command)
        expected = admins_only if command in ADMIN_ONLY else dispatchers_only
        assert reply.text == expected, command
    for area, actions in FORGED_ALL.items():
        for action in actions:
            expected = admins_only if area in ADMIN_ONLY else dispatchers_only
            assert await _refusal(nobody, f"v1:{area}:{action}") == expected, (area, action)
    audit = await bot.bot_data.store.audit.recent()
    assert not [entry for entry in audit if entry.actor_id == 9900]
