"""Admins add and edit sites from Telegram; everyone else is refused, buttons included."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any

import pytest

from emulator import BotApiEmulator
from tests.e2e.conftest import ADMIN_ID, FIXED_NOW
from tests.e2e.people import Person, plain
from views import common_texts, sites_texts

pytestmark = pytest.mark.usefixtures("bot")
LANGUAGES = ["fr", "nl", "en", "ar"]
TAKEN = "Another site already has this name. Please choose another one."
MINORS_AR = "خدمة القاصرين: <b>٢٤/٧</b>\nالهاتف 0800 123 45"


async def add_liege(admin: Person) -> str:
    """Answer every question of a new site, each wrong answer first; return the summary."""
    await admin.command("sites")
    await admin.tap("➕ Add a site")
    taken = await admin.say("brussels")  # the configured site, in other letters
    assert admin._(TAKEN) in str(taken.plain_text)
    await admin.say("Liège")
    unknown = await admin.say("Europe/Liege")
    assert admin._(
        "I do not know this time zone. Choose one below, or type its name as in Europe/Brussels."
    ) in str(unknown.plain_text)
    await admin.tap_label("Europe/Brussels")
    await admin.tap_label("20:00")
    too_early = await admin.say("19:30")
    assert admin._(
        "The end of the evening must be later than the cut-off. Please choose a later time."
    ) in str(too_early.plain_text)
    await admin.tap_label("23:00")
    await admin.say("Gare des Guillemins")
    await admin.say("Place des Guillemins 2, 4000 Liège")
    off_earth = await admin.say("100, 5.5")
    assert admin._(
        "The latitude must be between -90 and 90, and the longitude between -180 and 180."
    ) in str(off_earth.plain_text)
    await admin.user.share_location(50.6245, 5.5668)
    return str((await admin.reply()).plain_text)


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_an_admin_adds_a_site_changes_it_and_writes_a_text(
    emulator: BotApiEmulator, bot: Any, locale: str
) -> None:
    admin = Person.join(emulator, ADMIN_ID, locale, "Admin")
    summary = await add_liege(admin)
    assert "Liège" in summary and "50.6245, 5.5668" in summary
    created = await admin.tap("✅ Create the site")
    assert plain(sites_texts.site_added(admin.t, "Liège")) in str(created.plain_text)
    store = bot.bot_data.store
    liege = (await store.sites.all())[1]
    assert (liege.cutoff, liege.evening_end, liege.latitude) == (time(20), time(23), 50.6245)

    await admin.tap_label("✏️ " + admin._("Cut-off"))
    late = await admin.say("23:30")
    assert admin._(
        "The cut-off must be earlier than the end of the evening. Please choose an earlier time."
    ) in str(late.plain_text)
    saved = await admin.say("21h15")
    assert admin.t.time(time(21, 15)) in str(saved.plain_text)

    await admin.tap("📝 Write a text")
    await admin.tap("Service for unaccompanied minors")
    await admin.tap_label("العربية")
    written = await admin.say(MINORS_AR)
    assert MINORS_AR in str(written.plain_text)  # shown as typed, escaped
    assert "&lt;b&gt;٢٤/٧&lt;/b&gt;" in str(written.text)
    assert "✅ AR" in str(written.plain_text)
    assert await store.sites.text(liege.id, "ar", "minors") == MINORS_AR

    log = await store.audit.recent()
    assert [e.action for e in log[:3]] == ["site.text", "site.edit", "site.add"]
    assert MINORS_AR not in str([e.detail for e in log])


async def test_a_new_name_must_differ_from_the_others(emulator: BotApiEmulator, bot: Any) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await add_liege(admin)
    await admin.tap("✅ Create the site")
    await admin.tap_label("✏️ Name")
    taken = await admin.say("BRUSSELS")
    assert TAKEN in str(taken.plain_text)
    renamed = await admin.say("Luik")
    assert "Luik" in str(renamed.plain_text)
    back = await admin.tap("↩️ Back")
    assert ["📍 Brussels"] in back.buttons and ["📍 Luik"] in back.buttons
    # Two admins at once: the database still refuses the second site of the same name.
    sites = bot.bot_data.store.sites
    luik = (await sites.all())[1]
    assert await sites.add(replace(luik, name="Brussels"), FIXED_NOW) is None
    assert await sites.update(replace(luik, name="Brussels")) is False


async def test_others_are_refused_the_command_and_the_buttons(emulator: BotApiEmulator) -> None:
    guest = Person.join(emulator, 3000, "en", "Guest")
    refused = await guest.command("sites")
    assert refused.plain_text == sites_texts.admins_only(guest.t)
    for forged in ("v1:site:add", "v1:site:edit:1:cutoff", "v1:site:open:1"):
        await guest.user.press_data(forged)
    # Updates are handled in order: this reply comes after the three presses were answered.
    after = await guest.say("Liège")
    assert after.plain_text == common_texts.free_text(guest.t)  # no form was started, nothing shown
    refusal = sites_texts.admins_only(guest.t)
    assert [a.get("text") for a in guest.user.callback_answers] == [refusal] * 3
    await guest.user.share_location(50.85, 4.35)  # outside a form: the usual answer
    assert (await guest.reply()).plain_text == common_texts.not_text(guest.t)


async def test_a_site_is_named_in_each_language(emulator: BotApiEmulator, bot: Any) -> None:
    """Issue 15, finding 3: "Bruxelles", "Brussel", "بروكسل", written by an admin in /sites,
    are what people reading each language are offered; a name stays a name (40 characters)."""
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("sites")
    await admin.tap_label("📍 Brussels")
    for language, name in (("Français", "Bruxelles"), ("العربية", "بروكسل")):
        await admin.tap("📝 Write a text")
        await admin.tap("Name of the site")
        await admin.tap_label(language)
        if language == "Français":
            too_long = await admin.say("B" * 41)
            assert "B" * 41 not in str(too_long.plain_text)
        saved = await admin.say(name)
        assert name in str(saved.plain_text)
    [site] = await bot.bot_data.store.sites.all()
    assert (site.name_in("fr"), site.name_in("ar"), site.name_in("nl")) == (
        "Bruxelles",
        "بروكسل",
        "Brussels",
    )
    guest = Person.join(emulator, 4900, "ar", "Hawa")
    await guest.command("start", "guest_ar")
    await guest.tap("🛏 Yes, ask for a bed")
    await guest.tap("👩 Me, a woman alone")
    await guest.tap("✔️ Done")  # Arabic is ticked already: the link's language
    await guest.tap("No")
    summary = await guest.say("Hawa")
    assert "بروكسل" in str(summary.plain_text) and "Brussels" not in str(summary.plain_text)
