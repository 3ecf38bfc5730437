"""One person writing faster than anyone reads: one polite "one moment", the chatter past
their pace dropped, and nothing that matters lost: a button press and a form's answer go
through even mid-flood."""

from __future__ import annotations

from typing import Any

from bot.throttle import BURST
from emulator import BotApiEmulator
from tests.e2e.people import Person
from tests.waiting import until
from views import delivery_texts


async def flood(person: Person, count: int) -> None:
    """`count` messages as fast as the app sends them, then wait for the bot to be quiet."""
    for number in range(count):
        await person.user.send(f"hello? {number}")
    for _ in range(40):  # at most 20 s: the answers come at Telegram's pace
        try:
            await person.user.next_message(timeout=0.5)
        except AssertionError:
            return  # nothing more for half a second: the flood is answered
    raise AssertionError("the bot never went quiet")


async def test_a_flood_is_told_once_and_a_press_still_goes_through(
    emulator: BotApiEmulator, bot: Any
) -> None:
    guest = Person.join(emulator, 4700, "nl", "Selam")
    await guest.command("start", "guest")
    before = len(guest.user.messages)
    await flood(guest, 25)
    said = [m.plain_text for m in guest.user.messages[before:] if not m.edited]
    moment = delivery_texts.one_moment(guest.t)
    assert said.count(moment) == 1
    assert len(said) <= BURST + 3  # the pace, not one answer per message
    asked = await guest.tap("🛏 Yes, ask for a bed")  # pressed mid-flood: answered
    assert guest._("👩 Me, a woman alone") in str(asked.buttons)
    pushed = {u["update_id"] for u in emulator.state.updates.history}

    async def handled() -> set[int]:
        rows = await bot.bot_data.store.db.every("SELECT update_id FROM processed_updates")
        return {int(r[0]) for r in rows}

    # Every update is handled, the dropped ones too (the press is recorded just after its
    # answer is sent, in the last handler group: wait for it, with a deadline).
    async def all_handled() -> bool:
        return pushed <= await handled()

    await until(all_handled, what="every pushed update recorded as processed")


async def test_a_form_answer_past_the_pace_is_never_dropped(
    emulator: BotApiEmulator, bot: Any
) -> None:
    guest = Person.join(emulator, 4701, "ar", "Hawa")
    await guest.command("start", "guest")
    await flood(guest, 25)
    await guest.tap("🛏 Yes, ask for a bed")
    await guest.tap("👩 Me, a woman alone")
    await guest.tap("✔️ Done")  # Arabic, the chat's language, is ticked already
    await guest.tap("No")
    summary = await guest.say("Hawa")  # typed while still past the pace
    assert "Hawa" in str(summary.plain_text)
    assert guest._("✅ Send my request") in str(summary.buttons)
