"""Urgent appeals to drivers end to end: the dispatcher picks hosts and drivers, sees how many
of each the appeal reaches before sending, each reads their own appeal in their language with
the same paced sender; a driver answers with one tap or opts out, and is then left out."""

from __future__ import annotations

from typing import Any

from bot.sites import tonight
from dispatch.accounts import Role
from dispatch.appeals import AppealFilters, Audience
from dispatch.drivers import DriverStatus
from emulator import BotApiEmulator
from tests.e2e.people import Person, plain
from tests.e2e.test_dispatchers import read_until
from tests.e2e.test_evening import ask_bed, vetted_host
from tests.storage import rides
from tests.waiting import until
from views import appeal_driver_texts, appeal_texts

NADIA = 9500


async def _driver(bot: Any, emulator: BotApiEmulator, user_id: int, locale: str, name: str,
                  **options: Any) -> Person:  # fmt: skip
    """A driver of the site, written into the tables; their chat with the bot is open."""
    store = bot.bot_data.store
    [site] = await store.sites.all()
    person = Person.join(emulator, user_id, locale, name)
    person.user.record.started = True
    now = bot.bot_data.clock()
    await rides.driver(store, user_id, site.id, now, name=name, **options)
    await store.users.set_locale(user_id, locale, now)
    return person


async def test_an_appeal_reaches_drivers_who_answer_or_opt_out(
    emulator: BotApiEmulator, bot: Any
) -> None:
    store = bot.bot_data.store
    nadia = Person.join(emulator, NADIA, "ar", "Nadia")
    await store.users.grant(NADIA, Role.DISPATCHER, bot.bot_data.clock())
    t = nadia.t
    marie = await vetted_host(emulator, 9100, "en", "Marie")
    karim = await _driver(bot, emulator, 9300, "fr", "Karim", phone="+32 470 55")
    lea = await _driver(bot, emulator, 9301, "nl", "Léa", appeals=False)  # opted out
    await _driver(bot, emulator, 9302, "en", "Piet", status=DriverStatus.PENDING)
    omar = await _driver(bot, emulator, 9303, "en", "Omar")
    amina = Person.join(emulator, 9200, "nl", "Amina")
    await ask_bed(amina, "Amina")
    [site] = await store.sites.all()
    night = tonight(site, bot.bot_data.clock())[0]
    omar_id = (await store.db.one("SELECT id FROM drivers WHERE user_id = 9303"))[0]
    await rides.shift(store, omar_id, site.id, night, bot.bot_data.clock())  # already driving

    await nadia.command("appeal")
    await nadia.tap("🏠🚗 Hosts and drivers")
    await nadia.tap("All hosts")
    await nadia.tap("Any language")
    await nadia.tap("Any host")
    preview = plain(str((await nadia.say("Two women at the station.")).text))
    assert plain(appeal_driver_texts.audience_counts(t, 1, 1)) in preview
    await nadia.tap_label(appeal_driver_texts.send_label(t, 2))

    got = await karim.reply()
    assert karim.t.gettext("🚗 I can drive tonight") in [x for row in got.buttons for x in row]
    assert "Two women at the station." in str(got.text)
    assert plain(karim.t.ngettext(
        "🚗 <b>Drivers needed tonight at {site}: {count} person is still waiting.</b>",
        "🚗 <b>Drivers needed tonight at {site}: {count} people are still waiting.</b>",
        1, site=site.name,
    )) in plain(str(got.text))  # fmt: skip
    hosts_appeal = await marie.reply()  # the host reads the hosts' appeal, with beds to offer
    labels = [x for row in hosts_appeal.buttons for x in row]
    assert (
        marie.t.ngettext("🏠 I can take {count} tonight", "🏠 I can take {count} tonight", 1)
        in labels
    )
    await read_until(nadia, plain(t.gettext("✅ <b>Appeal sent: done.</b>")))

    thanks = await karim.tap("🚗 I can drive tonight")
    assert thanks.text == appeal_driver_texts.thanks(karim.t, site.name)
    [appeal_id] = [
        int(e.subject.split(":")[1])
        for e in await store.audit.recent()
        if e.action == "appeal.send"
    ]
    progress = await store.appeals.progress(appeal_id)
    assert progress.total == 2 and progress.answered == 1 and progress.beds_answered == 0
    assert (progress.drivers, progress.drivers_answered) == (1, 1)

    # The dispatchers find him on the board, with his phone, until he declares a shift.
    await nadia.user.command("board")
    more = t.ngettext(
        "🙋 {count} more driver can drive tonight (answered the appeal)",
        "🙋 {count} more drivers can drive tonight (answered the appeal)",
        1,
    )
    await read_until(nadia, plain(more))
    await nadia.user.press(t.gettext("🚗 Drivers and rides"))
    listed = await read_until(nadia, "Karim")
    assert (
        plain(t.gettext("🙋 <b>Can drive tonight</b>: answered the appeal, no shift yet")) in listed
    )
    assert "+32 470 55" in listed

    # Someone who is not the driver of this appeal: refused, nothing recorded.
    await omar.command("help")
    before = len(omar.user.callback_answers)
    await omar.user.press_data(f"v1:appeal.drive:{appeal_id}")
    await until(lambda: len(omar.user.callback_answers) > before, what="the refusal")
    assert omar.user.callback_answers[-1]["text"] == appeal_texts.not_yours(omar.t)

    done = await karim.tap("🔕 No more appeals")
    assert done.text == appeal_driver_texts.opted_out(karim.t)
    await nadia.command("appeal")
    await nadia.tap("🚗 Drivers")
    nobody = await nadia.tap("⏭ Skip")
    assert plain(str(nobody.text)) == plain(appeal_driver_texts.nobody(t, site.name))
    assert not lea.user.messages  # opted out from the start: never disturbed

    # /appeals gives the choice back to the driver.
    settings = await karim.command("appeals")
    assert settings.text == appeal_driver_texts.settings(karim.t, False)
    saved = await karim.tap("Yes, send me appeals")
    assert saved.text == appeal_driver_texts.settings_saved(karim.t, True)
    filters = AppealFilters(site.id, audience=Audience.DRIVERS)
    again = await store.appeals.audience(filters, night, bot.bot_data.clock(), site.zone)
    assert [r.chat_id for r in again] == [9300]
