"""Never silence, end to end: the guest reads when we will write next, is told when the
evening ends without a bed (with the site's alternatives, the meeting point and the help
nearby), and /status says it again; the directory is kept through the chat by the site's
own dispatchers, and a dispatcher of another site cannot touch it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.context import BotContext
from emulator import BotApiEmulator
from jobs.ticks import evening_tick, meeting_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person
from tests.e2e.test_evening import CUTOFF, ask_bed

NAMES = {
    "fr": "Médecins du Monde, consultation gratuite",
    "nl": "Dokters van de Wereld, gratis consultatie",
    "en": "Doctors of the World, free consultation",
    "ar": "أطباء العالم، استشارة مجانية",
}


async def add_place(dispatcher: Person, sites: int = 1) -> None:
    """A dispatcher adds a medical place in the four languages to the first site's list."""
    first = await dispatcher.command("directory")
    for _ in range(sites - 1):
        await dispatcher.reply()  # one list per site the dispatcher keeps
    await dispatcher.user.press(dispatcher._("➕ Add a place"), message=first)
    await dispatcher.reply()
    await dispatcher.tap("🩺 Medical care")
    for locale in ("fr", "nl", "en", "ar"):
        await dispatcher.say(NAMES[locale])
    await dispatcher.say("Mon–Fri 9:00–17:00")
    added = await dispatcher.say("50.8530, 4.3570")
    assert added.plain_text == dispatcher._("✅ The place was added to the directory.")
    listing = await dispatcher.text()
    assert NAMES[dispatcher.locale] in listing


async def test_a_guest_without_a_bed_is_told_when_the_evening_ends(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await add_place(admin)
    store = bot.bot_data.store
    [site] = await store.sites.all()
    await store.sites.update(replace(site, meeting_point_name="Gare du Nord"))
    guest = Person.join(emulator, 5500, "ar", "Nour")
    await ask_bed(guest, "Nour")

    clock.now = CUTOFF
    context = BotContext(bot)
    await evening_tick(context)
    waiting = await guest.reply()
    end = guest.t.time(site.evening_end)
    assert guest._(
        "We will write to you again by {time} at the latest: with a host, or to tell you that "
        "the search has ended.",
        time=end,
    ) in str(waiting.plain_text)
    assert guest._("🧭 Help nearby") in str(waiting.buttons)
    status = await guest.command("status")
    assert end in str(status.plain_text)  # /status says it too

    clock.now = CUTOFF + timedelta(hours=3, minutes=59)  # 22:59: not yet
    await meeting_tick(context)
    await guest.user.expect_silence(within=0.3)
    clock.now = CUTOFF + timedelta(hours=4)  # 23:00, the end of the evening
    await meeting_tick(context)
    told = str((await guest.reply()).plain_text)
    assert "🌙" in told and "Gare du Nord" in told and NAMES["ar"] in told
    assert (
        guest._(
            "Tonight you can also go to the meeting point and speak with the dispatchers: "
            "they know the shelters that are open."
        )
        in told
    )
    await meeting_tick(context)  # once, whatever the scheduler does
    await guest.user.expect_silence(within=0.3)

    clock.now = CUTOFF + timedelta(hours=5)  # midnight: "tonight" is still last night
    again = str((await guest.command("status")).plain_text)
    assert "🌙" in again and NAMES["ar"] in again


async def test_guests_reach_the_directory_from_the_menu_in_their_language(
    emulator: BotApiEmulator, bot: Any
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await add_place(admin)
    for number, locale in enumerate(("fr", "nl")):
        guest = Person.join(emulator, 5600 + number, locale, "G")
        await guest.command("start", f"guest_{locale}")
        shown = str((await guest.tap("🧭 Help nearby")).plain_text)
        assert NAMES[locale] in shown and guest._("🩺 Medical care") in shown
        assert "Mon–Fri 9:00–17:00" in shown
        assert NAMES[locale] in str((await guest.command("nearby")).plain_text)


async def test_a_dispatcher_of_another_site_cannot_edit_this_sites_directory(
    emulator: BotApiEmulator, bot: Any
) -> None:
    store = bot.bot_data.store
    [first] = await store.sites.all()
    second = await store.sites.add(replace(first, id=0, name="Liège"), bot.bot_data.clock())
    assert second is not None
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await add_place(admin, sites=2)
    [place] = await store.helpdesk.places(first.id, "en", "en")
    noor = Person.join(emulator, 5700, "nl", "Noor")
    await noor.command("start")
    await admin.command("dispatchers", f"add 5700 {second.id}")
    await noor.reply()  # welcome, as dispatcher of Liège
    listing = str((await noor.command("directory")).plain_text)
    assert "Liège" in listing and NAMES["nl"] not in listing  # only their own site
    refused = noor._("This is reserved for dispatchers.")
    assert await forged(noor, f"v1:near:add:{first.id}") == refused
    assert await forged(noor, f"v1:near:remove:{place.id}") == refused
    assert await store.helpdesk.places(first.id, "en", "en") == [place]
    await noor.user.press(noor._("➕ Add a place"))  # their own site: allowed
    assert noor._("What kind of help does this place give?") in await noor.text()


async def forged(person: Person, data: str) -> str:
    before = len(person.user.callback_answers)
    await person.user.press_data(data)
    import asyncio

    for _ in range(500):
        if len(person.user.callback_answers) > before:
            return str(person.user.callback_answers[before].get("text"))
        await asyncio.sleep(0.02)
    raise AssertionError(data)
