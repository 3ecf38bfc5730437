"""The evening round end to end: cut-off, notices in each person's language, confirmation,
re-dispatch after silence, a late offer, the pickup code, and the morning after."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.context import BotContext
from dispatch.languages import SPOKEN
from emulator import BotApiEmulator
from jobs.ticks import evening_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person
from tests.e2e.test_hosts import approve, register_host

CUTOFF = datetime(2026, 11, 23, 18, 0, 5, tzinfo=UTC)  # 19:00:05 in Brussels


async def vetted_host(emulator: BotApiEmulator, user_id: int, locale: str, name: str) -> Person:
    host = Person.join(emulator, user_id, locale, name)
    await register_host(host, name)
    await approve(emulator, name)
    await host.reply()  # the approval
    return host


async def offer(host: Person, beds: str = "2", pickup: str = "21:30", nights: str = "1") -> None:
    await host.command("offer")
    await host.tap_label(beds)
    await host.tap_label(pickup)
    await host.tap_label(nights)
    await host.tap("⏭ Skip")
    await host.tap("✅ Publish my offer")


async def ask_bed(guest: Person, name: str, gender: str = "Woman", link: str | None = None) -> None:
    await guest.command("start", link or f"guest_{guest.locale}")
    await guest.tap("🛏 Yes, ask for a bed")
    await guest.tap("👩 Me, a woman alone" if gender == "Woman" else "👨 Me, a man alone")
    if guest.locale != "ar":
        await guest.toggle(SPOKEN["ar"])
    await guest.tap("✔️ Done")
    await guest.tap("No")
    await guest.say(name)
    await guest.tap("✅ Send my request")


def code_in(text: str) -> str:
    import re

    found = re.search(r"\b([A-Z0-9]{4})\b", text.replace("\u2068", " ").replace("\u2069", " "))
    assert found, text
    return found.group(1)


@pytest.mark.parametrize(
    ("host_locale", "guest_locale"), [("fr", "ar"), ("nl", "en"), ("en", "fr"), ("ar", "nl")]
)
async def test_cutoff_match_confirm_pickup_and_feedback(
    emulator: BotApiEmulator, bot: Any, clock: Clock, host_locale: str, guest_locale: str
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await vetted_host(emulator, 4000, host_locale, "Marie")
    await offer(host)
    guest = Person.join(emulator, 4100, guest_locale, "Amina")
    await ask_bed(guest, "Amina")

    store = bot.bot_data.store
    [site] = await store.sites.all()
    await store.sites.update(
        replace(site, meeting_point_name="Gare du Nord", latitude=50.8605, longitude=4.3616)
    )
    clock.now = CUTOFF
    context = BotContext(bot)
    await evening_tick(context)
    proposal = await host.reply()
    pin = await host.reply()
    assert pin.kind == "venue" and pin.venue is not None
    assert pin.venue["title"] == "Gare du Nord"
    text = str(proposal.plain_text)
    assert "Amina" in text and host._("✅ I confirm") in str(proposal.buttons)
    code = code_in(str(proposal.text))

    await evening_tick(context)  # the round closes exactly once: nothing is sent again
    await host.user.expect_silence(within=0.2)

    await host.tap("✅ I confirm")
    told = await guest.reply()
    assert "Marie" in str(told.plain_text) and code in str(told.plain_text)
    assert (await guest.reply()).kind == "venue"  # the meeting point, never a home
    assert guest._("Woman") not in str(told.plain_text)  # the guest sees no one's details

    status = await guest.command("status")
    assert code in str(status.plain_text)

    await host.tap("👥 My guests are with me")
    wrong = await host.say("ZZZZ")
    assert "⚠️" in str(wrong.plain_text)
    await host.reply()  # the question again
    done = await host.say(code.lower())
    assert done.plain_text == host._("✅ Thank you. Have a good night!")
    marked = await guest.reply()  # the code was checked: the guest hears the pickup is marked
    assert "Marie" in str(marked.plain_text) and "✅" in str(marked.plain_text)

    clock.now = CUTOFF + timedelta(hours=14)  # 09:00 the next morning
    await evening_tick(context)
    assert host._("👍 All went well") in str((await host.reply()).buttons)
    await guest.reply()
    reported = await guest.tap("⚠️ Report a problem")
    assert reported.plain_text == guest._(
        "Thank you for telling us. A dispatcher will contact you. "
        "You will not be matched with this person again."
    )
    assert "problem was reported" in str((await admin.reply()).plain_text)
    assert (len(await bot.bot_data.store.evening.blocked_pairs(CUTOFF.date())), 0) != (0, 0)


async def test_a_silent_host_is_replaced_and_a_late_offer_houses_a_waiting_guest(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    silent = await vetted_host(emulator, 4001, "en", "Sam")
    backup = await vetted_host(emulator, 4002, "fr", "Luc")
    await offer(silent, beds="1")
    await offer(backup, beds="1")
    first = Person.join(emulator, 4101, "ar", "Hawa")
    await ask_bed(first, "Hawa")
    second = Person.join(emulator, 4102, "en", "Selam")
    await ask_bed(second, "Selam")

    clock.now = CUTOFF
    context = BotContext(bot)
    await evening_tick(context)
    proposals = {name: await person.reply() for name, person in (("Sam", silent), ("Luc", backup))}
    assert all(
        "Tonight" in str(p.plain_text) or "ce soir" in str(p.plain_text) for p in proposals.values()
    )

    clock.now = CUTOFF + timedelta(minutes=31)
    await evening_tick(context)  # both hosts silent: both withdrawn, guests wait again
    expired = await silent.reply()
    assert "31" not in str(expired.plain_text) and "/offer" in str(expired.plain_text)

    late = await vetted_host(emulator, 4003, "nl", "Eva")
    await offer(late, beds="2")
    proposals_text = str((await late.reply()).plain_text) + str((await late.reply()).plain_text)
    assert "Hawa" in proposals_text and "Selam" in proposals_text  # one proposal per group


async def test_an_unplaced_guest_is_told_with_the_alternatives(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    guest = Person.join(emulator, 4103, "ar", "Nour")
    await ask_bed(guest, "Nour")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    waiting = await guest.reply()
    assert guest._(
        "Tonight you can also go to the meeting point and speak with the dispatchers: "
        "they know the shelters that are open."
    ) in str(waiting.plain_text)
    await evening_tick(BotContext(bot))
    await guest.user.expect_silence(within=0.2)


async def test_a_dispatcher_closes_the_round_early(emulator: BotApiEmulator, bot: Any) -> None:
    guest = Person.join(emulator, 4104, "fr", "Bintou")
    await ask_bed(guest, "Bintou")
    dispatcher = Person.join(emulator, ADMIN_ID, "en", "Admin")
    closed = await dispatcher.command("close")
    assert closed.plain_text == "Round closed: 0 groups matched. 1 group still waiting."
    again = await dispatcher.command("close")
    assert again.plain_text == "Tonight's round was already closed."
    await guest.reply()  # told there is no host yet


async def test_a_restart_mid_evening_loses_nothing_and_sends_nothing_twice(
    emulator: BotApiEmulator, bot_config: Any, clock: Clock
) -> None:
    """The bot stops after the cut-off; a new process on the same database carries on."""
    from bot.app import build_application
    from bot.lifecycle import polling

    first_run = build_application(bot_config, clock=clock)
    async with polling(first_run):
        host = await vetted_host(emulator, 4200, "ar", "Rania")
        await offer(host)
        guest = Person.join(emulator, 4201, "fr", "Awa")
        await ask_bed(guest, "Awa")
        clock.now = CUTOFF
        await evening_tick(BotContext(first_run))
        proposal = await host.reply()
    sent_before = len([c for c in emulator.calls if c[0] == "sendMessage"])

    second_run = build_application(bot_config, clock=clock)
    async with polling(second_run):
        await evening_tick(BotContext(second_run))  # catch-up: nothing is due any more
        await host.user.expect_silence(within=0.3)
        assert len([c for c in emulator.calls if c[0] == "sendMessage"]) == sent_before
        await host.user.press(host._("✅ I confirm"), message=proposal)
        await host.reply()
        told = await guest.reply()
        assert "Rania" in str(told.plain_text)
        await guest.user.expect_silence(within=0.3)


async def test_a_multi_night_stay_carries_on_until_someone_stops_it(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    host = await vetted_host(emulator, 4300, "nl", "Eva")
    await offer(host, nights="3")
    guest = Person.join(emulator, 4301, "ar", "Mariam")
    await ask_bed(guest, "Mariam")
    clock.now = CUTOFF
    context = BotContext(bot)
    await evening_tick(context)
    code = code_in(str((await host.reply()).text))
    await host.tap("✅ I confirm")
    await guest.reply()

    clock.now = CUTOFF + timedelta(days=1)  # the next evening's cut-off: nobody wrote
    await evening_tick(context)
    again = await host.reply()
    assert "Mariam" in str(again.plain_text) and code in str(again.plain_text)
    assert "Eva" in str((await guest.reply()).plain_text)
    await guest.reply()  # and the morning-after question about last night
    await guest.user.press(
        guest._("⏹ End the stay after tonight"),
        message=([m for m in guest.user.messages if "🔁" in str(m.plain_text)][-1]),
    )
    stopped = await guest.reply()
    assert stopped.plain_text == guest._(
        "Noted: the stay ends after tonight. Thank you for telling us."
    )

    def stay_notices() -> int:
        return sum("🔁" in str(m.plain_text) for m in host.user.messages + guest.user.messages)

    before = stay_notices()
    clock.now = CUTOFF + timedelta(days=2)
    await evening_tick(context)
    assert stay_notices() == before  # stopped: the stay does not carry on a third night
