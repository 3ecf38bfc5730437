"""Every dispatcher command and button is refused to people without the role. The lists are
read from the handler registry, so a new command or button area cannot escape this test."""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackQueryHandler, CommandHandler

from emulator import BotApiEmulator
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
    "ride.answer",  # the asked driver's own ride
    "ride.pickup",
    "ride.arrived",  # the host's own ride
    "ride.come",
}
ADMIN_ONLY = {"dispatchers", "sites", "roles", "site"}
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
    "site": ["new", "edit:1", "texts:1"],
    "walkin": ["start"],
    "stats": ["csv"],
    "ride.move": ["1:1"],
}
# Dispatcher-only actions inside an area that hosts also use.
FORGED_IN_PUBLIC = {
    "appeal": ["send", "drop", "widen"],
    "incident": ["done:1", "block:1:host", "block:1:guest"],
    "near": ["add:1", "remove:1"],
}


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
    nobody = Person.join(emulator, 9900, "fr", "Nobody")
    await nobody.command("start")
    dispatchers_only = nobody._("This is reserved for dispatchers.")
    admins_only = nobody._("This is reserved for admins.")
    for command in sorted(commands - PUBLIC_COMMANDS):
        reply = await nobody.command(command)
        expected = admins_only if command in ADMIN_ONLY else dispatchers_only
        assert reply.text == expected, command
    for area, actions in {**FORGED, **FORGED_IN_PUBLIC}.items():
        for action in actions:
            expected = admins_only if area in ADMIN_ONLY else dispatchers_only
            assert await _refusal(nobody, f"v1:{area}:{action}") == expected, (area, action)
    audit = await bot.bot_data.store.audit.recent()
    assert not [entry for entry in audit if entry.actor_id == 9900]
