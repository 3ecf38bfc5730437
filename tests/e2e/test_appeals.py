"""Urgent appeals from the dispatcher's side and the hosts' one-tap answers: compose, preview
with the audience size, send; each host reads it in their language; 'I can take 2 tonight'
puts an offer into the dispatch; opting out and quiet hours keep a host out of the audience."""

from __future__ import annotations

from datetime import time
from typing import Any

from bot.sites import tonight
from dispatch.accounts import Role
from dispatch.appeal_forms import quiet_hours
from emulator import BotApiEmulator
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.people import Person, plain
from tests.e2e.test_dispatchers import read_until
from tests.e2e.test_evening import ask_bed, vetted_host
from tests.waiting import until
from views import appeal_texts


async def compose(admin: Person, note: str | None = None) -> str:
    await admin.command("appeal")
    await admin.tap("All hosts")
    await admin.tap("Any language")  # nothing ticked: the button says what it means
    await admin.tap("Any host")
    preview = await (admin.say(note) if note else admin.tap("⏭ Skip"))
    return plain(str(preview.text))


async def test_an_appeal_reaches_hosts_in_their_language_and_one_tap_offers_beds(
    emulator: BotApiEmulator, bot: Any
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    marie = await vetted_host(emulator, 9100, "fr", "Marie")
    salma = await vetted_host(emulator, 9101, "ar", "Salma")
    amina = Person.join(emulator, 9200, "nl", "Amina")
    await ask_bed(amina, "Amina")

    preview = await compose(admin, "Bring a sleeping bag if you can.")
    assert "would reach 2 hosts" in preview
    assert "1 person still needs a bed tonight" in preview
    assert "Bring a sleeping bag if you can." in preview
    await admin.tap_label(appeal_texts.send_label(admin.t, 2))
    assert "Sent: 2 of 2 hosts" in await read_until(admin, "Appeal sent")

    for host in (marie, salma):
        received = await host.reply()
        assert received.text and "Bring a sleeping bag if you can." in received.text
        labels = [label for row in received.buttons for label in row]
        assert (
            host.t.ngettext("🏠 I can take {count} tonight", "🏠 I can take {count} tonight", 2)
            in labels
        )
    saved = await marie.tap_label(
        marie.t.ngettext("🏠 I can take {count} tonight", "🏠 I can take {count} tonight", 2)
    )
    assert saved.text
    store = bot.bot_data.store
    [site] = await store.sites.all()
    host = await store.hosts.by_user(9100)
    night = tonight(site, bot.bot_data.clock())[0]
    tonight_offer = await store.offers.for_night(host.id, night)
    assert tonight_offer is not None and tonight_offer.beds == 2
    [appeal_id] = [
        int(e.subject.split(":")[1])
        for e in await store.audit.recent()
        if e.action == "appeal.send"
    ]
    progress = await store.appeals.progress(appeal_id)
    assert progress.answered == 1 and progress.beds_answered == 2

    # A button pressed by someone who did not receive the appeal does nothing.
    stranger = await vetted_host(emulator, 9102, "en", "Paul")
    before = len(stranger.user.callback_answers)
    await stranger.user.press_data(f"v1:appeal:beds:{appeal_id}:3")
    await until(
        lambda: len(stranger.user.callback_answers) > before, what="an answer to the stranger"
    )
    assert stranger.user.callback_answers[-1]["text"] == appeal_texts.not_yours(stranger.t)
    paul = await store.hosts.by_user(9102)
    assert await store.offers.for_night(paul.id, night) is None


async def test_hosts_who_opt_out_or_sleep_are_left_out(emulator: BotApiEmulator, bot: Any) -> None:
    admin = Person.join(emulator, 9500, "fr", "Claire")  # a dispatcher who reads French
    await bot.bot_data.store.users.grant(9500, Role.DISPATCHER, bot.bot_data.clock())

    def reach(count: int) -> str:
        return plain(
            admin.t.ngettext(
                "📣 <b>Preview</b>: this appeal would reach {count} host now.",
                "📣 <b>Preview</b>: this appeal would reach {count} hosts now.",
                count,
            )
        )

    marie = await vetted_host(emulator, 9300, "en", "Marie")
    anna = await vetted_host(emulator, 9301, "nl", "Anna")
    karim = Person.join(emulator, 9400, "fr", "Karim")
    await ask_bed(karim, "Karim")

    await marie.command("appeals")
    done = await marie.tap("No appeals, thank you")
    assert done.text == appeal_texts.opted_out(marie.t)
    await anna.command("appeals")
    await anna.tap("Yes, send me appeals")
    # 18:30 in Brussels: 'not between 17:00…' is not offered; 21:00–08:00 lets it through.
    saved = await anna.tap("Not between 21:00 and 08:00")
    assert "21" in plain(str(saved.text))
    preview = await compose(admin)
    assert reach(1) in preview
    store = bot.bot_data.store
    host = await store.hosts.by_user(9301)
    start, end = quiet_hours("22-08")
    await store.hosts.set_appeal_settings(host.id, True, start, end, bot.bot_data.clock())
    # Still 1: quiet hours start at 22:00, and it is 18:30 in Brussels.
    assert reach(1) in await compose(admin)
    await admin.tap("✖️ Do not send")
    await store.hosts.set_appeal_settings(host.id, True, time(18), time(8), bot.bot_data.clock())
    # Nobody left, and not because of the chosen audience: the preview says why, no Send.
    assert plain(appeal_texts.nobody_reachable(admin.t, "Brussels")) in await compose(admin)
