"""Two sites in two time zones on one evening (issue 15, finding 3): Brussels closes at 19:00
Brussels time, Lisbon at 20:00 Lisbon time (an hour and two later in UTC); each person reads
their own site's name in their language, its times and its texts."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from bot.context import BotContext
from dispatch.languages import SPOKEN
from dispatch.models import Site
from emulator import BotApiEmulator
from jobs.ticks import evening_tick
from storage.store import Store
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person
from tests.e2e.test_evening import offer
from tests.storage.people import vetted_host

BRUSSELS_CUTOFF = datetime(2026, 11, 23, 18, 0, 5, tzinfo=UTC)  # 19:00:05 in Brussels
LISBON_CUTOFF = datetime(2026, 11, 23, 20, 0, 5, tzinfo=UTC)  # 20:00:05 in Lisbon
LISBON_HELP = "ملجأ الطوارئ في لشبونة: شارع الحرية ١٢"


async def two_sites(store: Store, now: datetime) -> tuple[Site, Site]:
    [brussels] = await store.sites.all()
    for locale, name in (("fr", "Bruxelles"), ("nl", "Brussel"), ("ar", "بروكسل")):
        await store.sites.set_text(brussels.id, locale, "name", name)
    lisbon = await store.sites.add(
        Site(0, "Lisbon", "Europe/Lisbon", time(20, 0), time(23, 30), "Estação do Rossio"), now
    )
    assert lisbon is not None
    for locale, name in (("fr", "Lisbonne"), ("ar", "لشبونة")):
        await store.sites.set_text(lisbon.id, locale, "name", name)
    await store.sites.set_text(lisbon.id, "ar", "alternatives", LISBON_HELP)
    return brussels, lisbon


async def ask_at(guest: Person, name: str, site_label: str) -> str:
    """The guest's request, choosing their site by its name in their language."""
    await guest.command("start", f"guest_{guest.locale}")
    await guest.tap("🛏 Yes, ask for a bed")
    await guest.tap("👩 Me, a woman alone")
    if site_label:
        await guest.tap_label(site_label)
    if guest.locale != "ar":  # the link's language is ticked already
        await guest.toggle(SPOKEN["ar"])
    await guest.tap("✔️ Done")
    await guest.tap("No")
    await guest.say(name)
    return str((await guest.tap("✅ Send my request")).plain_text)


async def test_each_site_closes_at_its_own_cutoff_in_its_own_words(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    store: Store = bot.bot_data.store
    brussels, lisbon = await two_sites(store, clock.now)
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await store.users.touch(4500, clock.now)
    await store.users.set_locale(4500, "fr", clock.now)
    await vetted_host(store, 4500, brussels.id, clock.now, name="Marie")
    host = Person.join(emulator, 4500, "fr", "Marie")
    await offer(host)

    amina = Person.join(emulator, 4600, "fr", "Amina")
    said = await ask_at(amina, "Amina", "Bruxelles")
    assert "Bruxelles" in said and amina.t.time(time(19)) in said
    hawa = Person.join(emulator, 4601, "ar", "Hawa")
    said = await ask_at(hawa, "Hawa", "لشبونة")
    assert "لشبونة" in said and hawa.t.time(time(20)) in said
    assert hawa.t.time(time(19)) not in said
    assert "Brussels" not in said and "Lisbon" not in said

    context = BotContext(bot)
    clock.now = BRUSSELS_CUTOFF
    await evening_tick(context)
    proposal = await host.reply()
    assert "Amina" in str(proposal.plain_text)
    brussels_night = BRUSSELS_CUTOFF.date()
    assert (await store.evening.state(brussels.id, brussels_night))[0]
    assert not (await store.evening.state(lisbon.id, brussels_night))[0]
    await hawa.user.expect_silence(within=0.3)
    waiting = await hawa.command("status")
    assert "لشبونة" in str(waiting.plain_text)

    clock.now = LISBON_CUTOFF - timedelta(seconds=10)
    await evening_tick(context)
    await hawa.user.expect_silence(within=0.2)
    clock.now = LISBON_CUTOFF
    await evening_tick(context)
    assert (await store.evening.state(lisbon.id, brussels_night))[0]
    told = str((await hawa.reply()).plain_text)
    assert LISBON_HELP in told  # Lisbon's own advice, in Arabic


async def test_the_problem_button_alerts_the_dispatchers_once(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    """Finding 10: pressing "Report a problem" again does not alert the dispatchers again."""
    store: Store = bot.bot_data.store
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await store.users.touch(4700, clock.now)
    await store.users.set_locale(4700, "en", clock.now)
    [site] = await store.sites.all()
    await vetted_host(store, 4700, site.id, clock.now, name="Luc")
    host = Person.join(emulator, 4700, "en", "Luc")
    await offer(host)
    guest = Person.join(emulator, 4701, "en", "Sara")
    await ask_at(guest, "Sara", "")  # one site: no site question, the label is skipped
    clock.now = BRUSSELS_CUTOFF
    await evening_tick(BotContext(bot))
    await host.reply()  # no venue pin: the site has no coordinates
    await host.tap("✅ I confirm")
    await guest.reply()
    clock.now = BRUSSELS_CUTOFF + timedelta(hours=14)
    await evening_tick(BotContext(bot))
    await host.reply()
    morning = await guest.reply()
    [data] = [
        b["callback_data"]
        for row in (morning.reply_markup or {}).get("inline_keyboard", [])
        for b in row
        if b["text"] == guest._("⚠️ Report a problem")
    ]
    first = await guest.tap("⚠️ Report a problem")
    assert "A dispatcher will contact you" in str(first.plain_text)
    assert "problem was reported" in str((await admin.reply()).plain_text)
    await guest.user.press_data(data, message=morning)
    again = await guest.reply()
    assert again.plain_text == guest._(
        "The dispatchers already have your report. They will look at it as soon as they can."
    )
    await admin.user.expect_silence(within=0.3)
