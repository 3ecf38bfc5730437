"""Buttons on messages already in people's chats when typed callback data came in: those whose
code kept its shape still work; the others, and forged presses, are answered as expired,
never with silence nor a crash."""

from __future__ import annotations

from typing import Any

import pytest

from dispatch.deeplinks import Intent
from emulator import BotApiEmulator
from tests.e2e.people import Person
from tests.waiting import until
from views import common_texts
from views.common_keys import ChooseRole

pytestmark = pytest.mark.usefixtures("bot")


async def _answer(person: Person, data: str) -> dict[str, Any]:
    before = len(person.user.callback_answers)
    await person.user.press_data(data)
    await until(lambda: len(person.user.callback_answers) > before, what=f"an answer to {data}")
    return person.user.callback_answers[before]


async def test_a_button_of_before_keeps_working_and_old_shapes_are_expired(
    emulator: BotApiEmulator, bot: Any
) -> None:
    guest = Person.join(emulator, 6101, "nl", "Lies")
    menu = await guest.command("start")
    # The role buttons wrote `v1:role:guest` before typed data, and still do.
    assert menu.button_data(guest._("🛏 I need a bed tonight")) == "v1:role:guest"
    assert ChooseRole.unpack("v1:role:guest") == ChooseRole(Intent.GUEST)
    await guest.user.press_data("v1:role:guest", message=menu)
    assert guest._("🛏 Yes, ask for a bed") in str((await guest.reply()).buttons)

    expired = common_texts.expired_button(guest.t)
    # Shapes the bot wrote before, with a value it now always writes (empty or not).
    for old in ("v1:lang:ar", "v1:menu:show", "v1:near:show", "v1:f:household:cancel"):
        answer = await _answer(guest, old)
        assert (answer["text"], answer.get("show_alert")) == (expired, True), old
    # The old language button changed nothing; the one of today does.
    account = await bot.bot_data.store.users.get(6101)
    assert account is not None and account.locale is None
    await _answer(guest, "v1:lang:ar:")
    account = await bot.bot_data.store.users.get(6101)
    assert account is not None and account.locale == "ar"


@pytest.mark.parametrize(
    "forged",
    [
        "v1:match:yes:abc",  # not a number
        "v1:match:yes:١٢",  # Arabic-Indic digits
        "v1:match:yes:12:1",  # a value too many
        "v1:role:dispatcher",  # not a choice
        "v0:role:guest",  # another version
        "v1:board:show:" + "9" * 60,  # over Telegram's 64 bytes
        "v1:nothing:here",  # no such action
    ],
)
async def test_a_forged_press_is_answered_as_expired(emulator: BotApiEmulator, forged: str) -> None:
    host = Person.join(emulator, 6102, "ar", "Samir")
    await host.command("start")
    answer = await _answer(host, forged)
    expired = common_texts.expired_button(host.t)
    assert (answer["text"], answer.get("show_alert")) == (expired, True)
