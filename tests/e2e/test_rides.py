"""Rides end to end: a host who needs a driver confirms and types tonight's address, a driver
takes the ride (or declines, or stays silent), the code at the meeting point, "they are here",
nobody left, a dispatcher's /ride, a restart between confirmation and pickup, and the address
reaching the driver and nobody else."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from typing import Any

from bot.context import BotContext
from dispatch.accounts import Role
from dispatch.groups import Household
from dispatch.models import Site
from emulator import BotApiEmulator
from jobs.rides import rides_tick
from jobs.ticks import evening_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.drivers import seat
from tests.e2e.people import Person
from tests.e2e.test_evening import CUTOFF, ask_bed, code_in, offer, vetted_host
from tests.e2e.test_meeting import pressed
from tests.waiting import until
from views.rides_keys import RideMove

ADDRESS = "Rue Haute 12, bell 3"


async def needs_driver(
    emulator: BotApiEmulator, bot: Any, host_id: int, locale: str, name: str, beds: str = "2"
) -> Person:
    host = await vetted_host(emulator, host_id, locale, name)
    await offer(host, beds=beds)
    # As if the host had answered "No, I need a driver" when registering.
    await bot.bot_data.store.db.write(
        "UPDATE hosts SET can_fetch = 0 WHERE user_id = ?", (host_id,)
    )
    return host


async def meeting_point(bot: Any) -> None:
    store = bot.bot_data.store
    [site] = await store.sites.all()
    await store.sites.update(
        replace(site, meeting_point_name="Gare du Nord", latitude=50.8605, longitude=4.3616)
    )


async def take(person: Person, count: int) -> list[str]:
    """The next `count` messages (or edits) in this chat, in whatever order the outbox sent them."""
    return [str((await person.reply()).plain_text) for _ in range(count)]


async def cut_off(bot: Any, clock: Clock) -> None:
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))


def shown_in(emulator: BotApiEmulator, text: str) -> set[int]:
    """Every chat the bot ever wrote `text` to, edits and replaced messages included."""
    return {
        chat_id
        for chat_id, chat in emulator.state.chats.items()
        for event in chat.events
        if text in str(event.text or "")
    }


async def test_a_driver_takes_the_ride_and_only_they_read_the_address(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await needs_driver(emulator, bot, 6000, "nl", "Eva")
    guest = Person.join(emulator, 6001, "fr", "Awa")
    await ask_bed(guest, "Awa")
    sami = await seat(bot, emulator, 6002, "ar", "Sami")
    await meeting_point(bot)
    await cut_off(bot, clock)
    proposal = await host.reply()
    await host.reply()  # the meeting point's pin
    code = code_in(str(proposal.text))
    assert host._("✅ I confirm") in str(proposal.buttons)

    card = await host.tap("✅ I confirm")
    assert code in str(card.plain_text) and "chauffeurs" in str(card.plain_text)
    question = str((await host.reply()).plain_text)
    assert question == host._(
        "Where should the driver bring your guests tonight? Type your address: street, number, "
        "doorbell. Only the driver who takes the ride will see it, and it is deleted after "
        "tonight."
    )
    asked = await sami.reply()  # the driver is asked at once, before the address is typed
    assert "Gare du Nord" in str(asked.plain_text) and "Eva" in str(asked.plain_text)
    assert ADDRESS not in str(asked.plain_text)
    saved = await host.say(ADDRESS)
    assert str(saved.plain_text) == host._("✅ Thank you. Only your driver will see this address.")
    await guest.reply()  # the match: when and where (the card), then the pin
    await guest.reply()

    ride = str((await sami.tap("✅ I take this ride")).plain_text)
    assert ADDRESS in ride and code in ride and "Gare du Nord" in ride
    told = str((await guest.reply()).plain_text)  # who comes now: the driver
    assert "Sami" in told and code in told
    assert "Sami" in str((await host.reply()).plain_text)

    await sami.tap("✏️ How to recognise me")
    saved = await sami.say("blue van, yellow scarf")
    assert "blue van" not in str(saved.plain_text) and ADDRESS in str(saved.plain_text)
    assert "yellow scarf" in str((await guest.reply()).plain_text)

    noted = guest._("Thank you: we told the other side that you are here.")
    assert await pressed(guest, "📍 I am here") == noted
    assert "Awa" in str((await sami.reply()).plain_text)  # the driver hears it, not the host
    await host.user.expect_silence(within=0.2)

    await sami.user.press(sami._("👥 My guests are with me"))
    assert str((await sami.reply()).plain_text) == sami._(
        "Type the pickup code your guests tell you."
    )
    wrong = await sami.say("ZZZZ")
    assert "⚠️" in str(wrong.plain_text)
    await sami.reply()  # asked again
    done = await sami.say(code)
    assert "Awa" in str(done.plain_text)
    assert "Sami" in str((await guest.reply()).plain_text)  # the pickup is marked
    way = await host.reply()
    assert "Sami" in str(way.plain_text) and host._("🏠 They are here") in str(way.buttons)
    home = await host.tap("🏠 They are here")
    assert str(home.plain_text) == host._("🏠 Thank you! Have a good night.")

    # The address reached the driver and nobody else: not the guest, the host, the dispatchers.
    assert shown_in(emulator, ADDRESS) == {sami.user.chat_id}
    store = bot.bot_data.store
    [row] = await store.db.every("SELECT status, address FROM rides")
    assert tuple(row) == ("arrived", None)  # the ride ended: the address is forgotten


async def test_decline_silence_nobody_left_and_a_dispatcher_moves_the_ride(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await needs_driver(emulator, bot, 6100, "en", "Marc")
    guest = Person.join(emulator, 6101, "ar", "Hawa")
    await ask_bed(guest, "Hawa")
    lea = await seat(bot, emulator, 6102, "fr", "Léa")
    jan = await seat(bot, emulator, 6103, "nl", "Jan")
    # A man driving alone does not drive a woman alone: never asked.
    tom = await seat(bot, emulator, 6104, "en", "Tom", crew=Household.SINGLE_MAN)
    await meeting_point(bot)
    await cut_off(bot, clock)
    await take(host, 2)
    await host.tap("✅ I confirm")
    await host.reply()  # the address question
    await host.say(ADDRESS)

    await lea.reply()
    declined = await lea.tap("❌ I cannot")
    assert str(declined.plain_text) == lea._("Thank you for telling us. We ask another driver.")
    asked = await jan.reply()
    assert jan._("✅ I take this ride") in str(asked.buttons)

    context = BotContext(bot)
    clock.now = CUTOFF + timedelta(minutes=14)
    await rides_tick(context)
    await jan.user.expect_silence(within=0.2)
    clock.now = CUTOFF + timedelta(minutes=16)
    await rides_tick(context)
    assert "Hawa" in str((await jan.reply()).plain_text)  # the ride went elsewhere
    come = await host.reply()
    assert host._("✅ Yes, I will come") in str(come.buttons)
    alert = str((await admin.reply()).plain_text)
    assert "No driver left" in alert and "Marc" in alert and "Hawa" in alert
    await rides_tick(context)  # the database decides: handed on once
    await jan.user.expect_silence(within=0.2)
    await admin.user.expect_silence(within=0.1)

    cannot = await host.tap("❌ No, I cannot")
    assert "dispatchers" in str(cannot.plain_text)
    assert "cannot come" in str((await admin.reply()).plain_text)

    [ride_id] = [int(r[0]) for r in await bot.bot_data.store.db.every("SELECT id FROM rides")]
    nothing = admin._("There is no ride with this number.")
    assert (await admin.command("ride", "9" * 30)).text == nothing  # answered, not a crash
    page = await admin.command("ride", str(ride_id))
    text = str(page.plain_text)
    assert "no driver" in text and ADDRESS not in text
    assert "Tom" not in str(page.buttons) and "Léa" in str(page.buttons)
    moved = await admin.tap_label(next(b for row in page.buttons for b in row if "Léa" in b))
    assert "Léa" in str(moved.plain_text)
    again = await lea.reply()  # after a phone call, Léa can after all
    ride = str((await lea.tap("✅ I take this ride")).plain_text)
    assert ADDRESS in ride and lea._("✅ I take this ride") in str(again.buttons)
    assert shown_in(emulator, ADDRESS) == {lea.user.chat_id}
    await tom.user.expect_silence(within=0.1)

    # A dispatcher of another site neither sees nor moves this site's rides.
    store = bot.bot_data.store
    lisbon = await store.sites.add(Site(0, "Lisboa", "Europe/Lisbon", time(19), time(23)), CUTOFF)
    assert lisbon is not None
    await store.users.touch(6105, CUTOFF)
    await store.users.grant(6105, Role.DISPATCHER, CUTOFF, site_id=lisbon.id)
    other = Person.join(emulator, 6105, "en", "Rui")
    refused = other._("This is reserved for dispatchers.")
    assert (await other.command("ride", str(ride_id))).text == refused
    forged = RideMove(ride_id, int((await store.db.one("SELECT shift_id FROM rides"))[0]))
    await other.user.press_data(forged.pack())
    await until(lambda: bool(other.user.callback_answers), what="an answer to the forged move")
    assert other.user.callback_answers[-1].get("text") == refused


async def test_two_drivers_with_four_seats_take_one_group_each(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    hosts = [await needs_driver(emulator, bot, 6200 + i, "fr", n, "1") for i, n in enumerate("AB")]
    for number in range(2):
        await ask_bed(Person.join(emulator, 6210 + number, "nl", "G"), f"G{number}")
    drivers = [await seat(bot, emulator, 6220 + i, "en", n) for i, n in enumerate(("Ana", "Bo"))]
    await meeting_point(bot)
    await cut_off(bot, clock)
    for host in hosts:
        await take(host, 2)
        await host.tap("✅ I confirm")
        await host.reply()  # the address question
    offers = [str((await d.reply()).plain_text) for d in drivers]  # each driver asked once
    assert {"G0", "G1"} == {name for o in offers for name in ("G0", "G1") if name in o}
    rows = await bot.bot_data.store.db.every("SELECT status, shift_id FROM rides")
    assert sorted(r[0] for r in rows) == ["assigned", "assigned"]
    assert len({r[1] for r in rows}) == 2  # one group per car, never both in one
    for d in drivers:
        await d.user.expect_silence(within=0.2)


async def test_a_restart_between_confirmation_and_pickup_keeps_the_ride(
    emulator: BotApiEmulator, bot_config: Any, clock: Clock
) -> None:
    from bot.app import build_application
    from bot.lifecycle import polling

    first_run = build_application(bot_config, clock=clock)
    async with polling(first_run):
        host = await needs_driver(emulator, first_run, 6300, "ar", "Nour")
        guest = Person.join(emulator, 6301, "en", "Mia")
        await ask_bed(guest, "Mia")
        sami = await seat(first_run, emulator, 6302, "fr", "Sami")
        await meeting_point(first_run)
        await cut_off(first_run, clock)
        code = code_in(str((await host.reply()).text))
        await host.reply()
        await host.tap("✅ I confirm")
        await host.reply()
        await host.say(ADDRESS)
        await sami.reply()
        await sami.tap("✅ I take this ride")
        await take(guest, 3)  # the match, its pin, the card naming the driver
        assert "Sami" in str((await host.reply()).plain_text)  # the host's card, likewise
    second_run = build_application(bot_config, clock=clock)
    async with polling(second_run):
        status = str((await sami.command("status")).plain_text)
        assert ADDRESS in status and code in status and "Gare du Nord" in status
        assert "Sami" in str((await guest.command("status")).plain_text)
        await sami.user.press(sami._("👥 My guests are with me"))
        await sami.reply()
        await sami.say(code)
        assert "Sami" in str((await guest.reply()).plain_text)
        assert host._("🏠 They are here") in str((await host.reply()).buttons)
        await host.command("status")  # the host's page, then tonight's stay: still at hand
        assert host._("🏠 They are here") in str((await host.reply()).buttons)
        home = await host.tap("🏠 They are here")
        assert str(home.plain_text) == host._("🏠 Thank you! Have a good night.")
        assert shown_in(emulator, ADDRESS) == {sami.user.chat_id}
