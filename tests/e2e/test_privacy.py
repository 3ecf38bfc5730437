"""/forget and /mydata end to end, in several languages, and the retention purge job."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot.context import BotContext
from emulator import BotApiEmulator
from jobs.purge import purge_expired
from jobs.ticks import evening_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person, plain
from tests.e2e.test_evening import CUTOFF, ask_bed, offer, vetted_host
from views import privacy_texts

NIGHT = date(2026, 11, 23)


async def confirmed_pair(
    emulator: BotApiEmulator, bot: Any, clock: Clock, host_locale: str, guest_locale: str
) -> tuple[Person, Person, Person]:
    """An admin, a host and a guest whose match tonight the host has confirmed."""
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await vetted_host(emulator, 6000, host_locale, "Marie")
    await offer(host)
    guest = Person.join(emulator, 6100, guest_locale, "Amina")
    await ask_bed(guest, "Amina")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    await host.reply()  # the proposal
    await host.tap("✅ I confirm")
    await guest.reply()  # where and when
    return admin, host, guest


@pytest.mark.parametrize(("host_locale", "guest_locale"), [("fr", "ar"), ("nl", "en")])
async def test_a_guest_erases_everything_and_the_host_is_told(
    emulator: BotApiEmulator, bot: Any, clock: Clock, host_locale: str, guest_locale: str
) -> None:
    _, host, guest = await confirmed_pair(emulator, bot, clock, host_locale, guest_locale)
    asked = await guest.command("forget")
    assert guest._(
        "A host is expecting you tonight: we will tell them that you are not coming."
    ) in str(asked.plain_text)
    done = await guest.tap("🗑 Yes, erase everything")
    assert done.plain_text == plain(privacy_texts.forgotten(guest.t))
    told = await host.reply()
    assert told.plain_text == plain(privacy_texts.to_host_guest_gone(host.t, NIGHT))
    export = await bot.bot_data.store.privacy.export(guest.user.id)
    assert not any(export.values()), export


@pytest.mark.parametrize("locale", ["fr", "ar"])
async def test_a_host_with_guests_tonight_hands_over_first(
    emulator: BotApiEmulator, bot: Any, clock: Clock, locale: str
) -> None:
    admin, host, _ = await confirmed_pair(emulator, bot, clock, locale, "en")
    refused = await host.command("forget")
    assert refused.plain_text == plain(privacy_texts.hand_over_first(host.t, 1, 0))
    assert "Marie" in str((await admin.reply()).plain_text)
    assert await bot.bot_data.store.hosts.by_user(host.user.id) is not None

    clock.now = CUTOFF + timedelta(hours=19)  # 14:00 the next day: the night is over
    asked = await host.command("forget")
    assert host._("Do you want to erase everything now?") in str(asked.plain_text)
    await host.tap("🗑 Yes, erase everything")
    assert await bot.bot_data.store.hosts.by_user(host.user.id) is None


async def test_keeping_erases_nothing(emulator: BotApiEmulator, bot: Any) -> None:
    guest = Person.join(emulator, 6200, "nl", "Joris")
    await ask_bed(guest, "Joris")
    await guest.command("forget")
    kept = await guest.tap("No, keep my data")
    assert kept.plain_text == plain(privacy_texts.kept(guest.t))
    export = await bot.bot_data.store.privacy.export(guest.user.id)
    assert export["guest"]["alias"] == "Joris"


@pytest.mark.parametrize(("host_locale", "guest_locale"), [("fr", "ar"), ("en", "nl")])
async def test_mydata_shows_each_side_what_we_keep_in_their_language(
    emulator: BotApiEmulator, bot: Any, clock: Clock, host_locale: str, guest_locale: str
) -> None:
    _, host, guest = await confirmed_pair(emulator, bot, clock, host_locale, guest_locale)
    mine = str((await guest.command("mydata")).plain_text)
    assert guest._("Name you gave: {name}", name="Amina") in mine
    assert guest._("As a guest") in mine and "Marie" in mine  # their host tonight
    theirs = str((await host.command("mydata")).plain_text)
    assert host._("As a host") in theirs and "Amina" in theirs
    assert (
        host.t.ngettext(
            "Requests, matches, pickup codes and reports are deleted {count} day after the "
            "night; only anonymous counts remain.",
            "Requests, matches, pickup codes and reports are deleted {count} days after the "
            "night; only anonymous counts remain.",
            14,
        )
        in theirs
    )


async def test_the_purge_job_deletes_old_nights_and_keeps_the_counts(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    assert bot.job_queue.get_jobs_by_name("retention-purge")
    _, host, guest = await confirmed_pair(emulator, bot, clock, "en", "fr")
    store = bot.bot_data.store
    [site] = await store.sites.all()
    figures = await store.stats.series([site.id], NIGHT, NIGHT)
    assert figures and figures[0].people_asking == 1

    clock.now = CUTOFF + timedelta(days=14)  # not yet: the night is kept 14 full days
    await purge_expired(BotContext(bot))
    assert (await store.privacy.export(guest.user.id))["requests"]

    clock.now = CUTOFF + timedelta(days=16)
    await purge_expired(BotContext(bot))
    export = await store.privacy.export(guest.user.id)
    assert export["requests"] == [] and export["guest"] is None
    assert (await store.privacy.export(host.user.id))["host"] is not None  # the profile stays
    assert await store.stats.series([site.id], NIGHT, NIGHT) == figures
    shown = str((await guest.command("mydata")).plain_text)
    assert "Amina" not in shown
