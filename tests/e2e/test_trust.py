"""Issue 15, findings 11 and 12, through the bot: a corrected message is answered, and a report
reaches the dispatchers without the bidi controls typed into it."""

from __future__ import annotations

from typing import Any

from emulator import BotApiEmulator
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.people import Person


async def test_an_edited_message_is_answered(emulator: BotApiEmulator, bot: Any) -> None:
    guest = Person.join(emulator, 4800, "nl", "Eva")
    await guest.command("start")
    sent = await guest.user.send("Eva")
    await guest.reply()  # whatever the bot says to a stray text
    await guest.user.edit(sent, "Evi")
    answer = await guest.reply()
    assert answer.plain_text == guest._(
        "I cannot read a changed message. Please send your answer again as a new message."
    )


async def test_a_report_reaches_the_dispatchers_without_bidi_controls(
    emulator: BotApiEmulator, bot: Any
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    someone = Person.join(emulator, 4801, "en", "\u202eMallory\u202c")
    await someone.command("start")
    await someone.command("report")
    await someone.say("the host at \u202egate 3\u202c was rude")
    alert = await admin.reply()
    text = str(alert.text)
    assert "gate 3" in text and "Mallory" in text
    assert not set(text) & {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
