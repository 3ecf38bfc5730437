"""The meeting end to end: a slot chosen on Confirm, the card both sides read (time, who,
where, code, one code rule), "I am here" on both sides, "how to recognise me", a late pickup,
a host who needs a driver, slots spread by the site's setting, and a restart in between."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from bot.context import BotContext
from emulator import BotApiEmulator
from jobs.ticks import evening_tick, meeting_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.drivers import seat
from tests.e2e.people import Person
from tests.e2e.test_evening import CUTOFF, ask_bed, code_in, offer, vetted_host
from views.meeting_texts import code_rule, local_time


async def pressed(person: Person, msgid: str) -> str:
    """Press a button answered by a pop-up (not a message); the pop-up's text."""
    before = len(person.user.callback_answers)
    await person.user.press(person._(msgid))
    for _ in range(500):
        if len(person.user.callback_answers) > before:
            return str(person.user.callback_answers[before].get("text"))
        await asyncio.sleep(0.02)
    raise AssertionError(f"no answer to {msgid}")


async def meeting_time(bot: Any, person: Person, host_user_id: int) -> str:
    """The meeting time of the host's stay, as this person's language writes it."""
    store = bot.bot_data.store
    [match_id] = await store.meeting.live_for_host(host_user_id, CUTOFF.date())
    meeting = await store.meeting.get(match_id)
    [site] = await store.sites.all()
    return local_time(person.t, meeting.meet_at, site)


async def evening(
    emulator: BotApiEmulator, bot: Any, clock: Clock, host_locale: str, guest_locale: str, base: int
) -> tuple[Person, Person, Any]:
    """A vetted host offering two beds, a guest asking, the cut-off: the proposal is out."""
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await vetted_host(emulator, base, host_locale, "Marie")
    await offer(host)
    guest = Person.join(emulator, base + 1, guest_locale, "Amina")
    await ask_bed(guest, "Amina")
    store = bot.bot_data.store
    [site] = await store.sites.all()
    await store.sites.update(
        replace(site, meeting_point_name="Gare du Nord", latitude=50.8605, longitude=4.3616)
    )
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    proposal = await host.reply()
    assert (await host.reply()).kind == "venue"
    return host, guest, proposal


@pytest.mark.parametrize(
    ("host_locale", "guest_locale"), [("fr", "ar"), ("nl", "en"), ("ar", "fr"), ("en", "nl")]
)
async def test_a_host_picks_a_slot_and_both_sides_meet(
    emulator: BotApiEmulator, bot: Any, clock: Clock, host_locale: str, guest_locale: str
) -> None:
    host, guest, proposal = await evening(emulator, bot, clock, host_locale, guest_locale, 5000)
    code = code_in(str(proposal.text))
    assert code_rule(host.t) in str(proposal.plain_text)  # one rule, stated to both sides

    times = await host.tap("🕘 Confirm, at another time")
    labels = [label for row in times.buttons for label in row]
    assert len(labels) >= 2
    card = await host.tap_label(labels[1])  # not the earliest: the host chooses
    text = str(card.plain_text)
    assert code in text and labels[1] in text and "Gare du Nord" in text  # the code stays
    assert code_rule(host.t) in text and host._("📍 I am here") in str(card.buttons)

    told = await guest.reply()
    assert (await guest.reply()).kind == "venue"
    seen = str(told.plain_text)
    when = await meeting_time(bot, guest, 5000)
    for part in (when, "Marie", "Gare du Nord", code, code_rule(guest.t)):
        assert part in seen, part

    await host.tap("✏️ How to recognise me")
    saved = await host.say("red coat, grey cap")
    assert "red coat, grey cap" in str(saved.plain_text) and code in str(saved.plain_text)
    again = await guest.reply()
    assert "red coat, grey cap" in str(again.plain_text) and code in str(again.plain_text)

    noted = guest._("Thank you: we told the other side that you are here.")
    assert await pressed(guest, "📍 I am here") == noted
    assert "Amina" in str((await host.reply()).plain_text)
    assert await pressed(guest, "📍 I am here") == guest._("You already told us that you are here.")
    assert await pressed(host, "📍 I am here") == host._(
        "Thank you: we told the other side that you are here."
    )
    assert "Marie" in str((await guest.reply()).plain_text)

    for person in (guest, host):  # /status: tonight's stay in full, code included
        status = str((await person.command("status")).plain_text)
        if person is host:  # the host's page comes first, then tonight's stays
            status = str((await host.reply()).plain_text)
        when = await meeting_time(bot, person, 5000)
        assert code in status and when in status and "Gare du Nord" in status

    await host.tap("👥 My guests are with me")
    await host.say(code)
    assert "Marie" in str((await guest.reply()).plain_text)  # the pickup is marked


async def test_a_late_pickup_asks_both_sides_and_alerts_the_dispatchers_once(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    host, guest, _ = await evening(emulator, bot, clock, "en", "nl", 5100)
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await host.tap("✅ I confirm")
    await guest.reply()
    await guest.reply()  # the pin
    store, context = bot.bot_data.store, BotContext(bot)
    [match_id] = await store.meeting.live_for_host(5100, CUTOFF.date())
    meeting = await store.meeting.get(match_id)
    assert meeting is not None and meeting.meet_at > CUTOFF

    clock.now = meeting.meet_at + timedelta(minutes=14)
    await meeting_tick(context)
    await guest.user.expect_silence(within=0.3)
    clock.now = meeting.meet_at + timedelta(minutes=15)
    await meeting_tick(context)
    asked = await guest.reply()
    assert guest._("📍 I am here") in str(asked.buttons) and "⏰" in str(asked.plain_text)
    assert "Amina" in str((await host.reply()).plain_text)
    alert = str((await admin.reply()).plain_text)
    assert "Late pickup" in alert and "Marie" in alert and "Amina" in alert
    await meeting_tick(context)  # the database decides: the alarm went off already
    await guest.user.expect_silence(within=0.3)
    await admin.user.expect_silence(within=0.1)


async def test_a_host_who_needs_a_driver_is_not_told_to_come(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await vetted_host(emulator, 5200, "nl", "Eva")
    await offer(host)
    # As if Eva had answered "No, I need a driver" when registering.
    await bot.bot_data.store.db.write("UPDATE hosts SET can_fetch = 0 WHERE user_id = 5200")
    guest = Person.join(emulator, 5201, "fr", "Awa")
    await ask_bed(guest, "Awa")
    # One driver tonight: without a car the engine sends nobody to a host who cannot come.
    lina = await seat(bot, emulator, 5202, "ar", "Lina")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    proposal = await host.reply()
    assert "chauffeur" in str(proposal.plain_text)
    assert host._("🕘 Confirm, at another time") not in str(proposal.buttons)
    card = await host.tap("✅ I confirm")
    assert "chauffeurs" in str(card.plain_text) and "code" in str(card.plain_text).lower()
    await host.reply()  # tonight's address, for the driver alone
    # The driver cannot: nobody is left, so the dispatchers are alerted and the host is asked
    # whether they can come after all; never "come and collect them".
    await lina.reply()
    await lina.tap(lina._("❌ I cannot"))
    ride = str((await admin.reply()).plain_text)
    assert "No driver left" in ride and "Eva" in ride and "Awa" in ride
    come = await host.reply()
    assert host._("✅ Yes, I will come") in str(come.buttons)


async def test_meetings_are_spread_over_the_sites_slots(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await admin.command("slots")  # the current setting, then the form
    await admin.reply()
    await admin.tap_label("30")
    saved = await admin.tap_label("1")
    assert "30 minutes" in str(saved.plain_text) and "At most 1 meeting" in str(saved.plain_text)
    hosts = [await vetted_host(emulator, 5300 + i, "en", name) for i, name in enumerate("AB")]
    for host in hosts:
        await offer(host, beds="1")
    for number in range(2):
        await ask_bed(Person.join(emulator, 5310 + number, "en", "G"), f"G{number}")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    cards = []
    for host in hosts:
        await host.reply()
        cards.append(str((await host.tap("✅ I confirm")).plain_text))
    assert "7:30" in cards[0] and "8:00" in cards[1]  # one meeting per 30-minute slot


async def test_a_restart_between_confirmation_and_pickup_keeps_the_meeting(
    emulator: BotApiEmulator, bot_config: Any, clock: Clock
) -> None:
    from bot.app import build_application
    from bot.lifecycle import polling

    first_run = build_application(bot_config, clock=clock)
    async with polling(first_run):
        host, guest, proposal = await evening(emulator, first_run, clock, "ar", "fr", 5400)
        code = code_in(str(proposal.text))
        await host.tap("✅ I confirm")
        card = str((await guest.reply()).plain_text)
        await guest.reply()
    second_run = build_application(bot_config, clock=clock)
    async with polling(second_run):
        status = await guest.command("status")
        assert str(status.plain_text) == card and code in card
        await host.command("status")  # the host's page, then tonight's stay
        assert code in str((await host.reply()).plain_text)
        await pressed(guest, "📍 I am here")
        assert "Amina" in str((await host.reply()).plain_text)
        await host.tap("👥 My guests are with me")
        await host.say(code)
        assert "Marie" in str((await guest.reply()).plain_text)
