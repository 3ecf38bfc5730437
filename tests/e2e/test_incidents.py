"""Trust end to end: reports reach the dispatchers at once, a blocked host gets no guests and
is told in their language, unblocking restores, and a blocked person gets a short answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from bot.context import BotContext
from dispatch.incident_forms import REPORT_WINDOW, REPORTS_PER_WINDOW
from emulator import BotApiEmulator
from jobs.ticks import evening_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person
from tests.e2e.test_dispatchers import read_until, refused_press
from tests.e2e.test_evening import CUTOFF, ask_bed, code_in, offer, vetted_host
from views import incidents_texts
from views.form_texts import PROMPTS


async def matched_pair(emulator: BotApiEmulator, bot: Any, clock: Clock) -> tuple[Person, ...]:
    """Marie (French) hosts Amina (Arabic) tonight: matched at the cut-off and confirmed."""
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await vetted_host(emulator, 7000, "fr", "Marie")
    await offer(host)
    guest = Person.join(emulator, 7100, "ar", "Amina")
    await ask_bed(guest, "Amina")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    await host.reply()  # the proposal
    await host.tap("✅ I confirm")
    await guest.reply()  # the host's first name, the meeting point, the code
    return admin, host, guest


async def test_reports_alert_the_dispatchers_and_block_the_pair(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin, host, guest = await matched_pair(emulator, bot, clock)
    store = bot.bot_data.store
    [stay] = await store.incidents.recent_stays(7100, CUTOFF.date())

    status = await guest.command("status")
    assert stay.code in str(status.plain_text)
    question = await guest.tap("⚠️ Report a problem")
    assert question.text == guest._(PROMPTS[("report", "body")])
    thanks = await guest.say("المضيف كان عدوانيا <b>جدا</b>")
    assert thanks.text == incidents_texts.report_thanks(guest.t, about_stay=True)
    alert = await read_until(admin, "Incident #1")
    for detail in ("guest Amina", "7100", "Marie", "7000", "Brussels", stay.code, "/block"):
        assert detail in alert, detail
    assert "المضيف كان عدوانيا <b>جدا</b>" in alert  # escaped, shown as typed
    assert (stay.host_id, stay.guest_id) in await store.evening.blocked_pairs(
        CUTOFF.date() + timedelta(days=60)
    )

    await host.command("status")  # the host's home
    await host.tap("⚠️ Report a problem")
    await host.say("Elle est partie au milieu de la nuit.")
    alert = await read_until(admin, "Incident #2")
    assert "host Marie" in alert and "Elle est partie" in alert and "Amina" in alert

    await admin.user.command("incidents")
    assert "2 open incidents" in await read_until(admin, "open incidents")
    await admin.reply()
    card = await admin.reply()
    assert "Incident #2" in str(card.plain_text)
    handled = await admin.tap("✅ Handled")
    assert "Incident #2 marked as handled" in str(handled.plain_text)
    assert [i.id for i in await store.incidents.open_ones()] == [1]


async def test_past_the_days_reports_the_reporter_is_sent_to_a_person(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin, _, guest = await matched_pair(emulator, bot, clock)
    store = bot.bot_data.store
    for number in range(1, REPORTS_PER_WINDOW + 1):
        await guest.command("report")
        thanks = await guest.say(f"مشكلة رقم {number}")
        assert thanks.text == incidents_texts.report_thanks(guest.t, about_stay=True)
        await read_until(admin, f"Incident #{number}")

    refused = await guest.command("report")
    assert refused.text == incidents_texts.too_many_reports(guest.t)
    assert "112" in str(refused.text) and "المنسّقين" in str(refused.text)
    refused = await guest.tap("⚠️ Report a problem")  # the button on the status says the same
    assert refused.text == incidents_texts.too_many_reports(guest.t)
    assert len(await store.incidents.open_ones()) == REPORTS_PER_WINDOW

    clock.now += REPORT_WINDOW  # a day after the first one, the next report goes through
    question = await guest.command("report")
    assert question.text == guest._(PROMPTS[("report", "body")])
    await guest.say("مشكلة جديدة")
    await read_until(admin, f"Incident #{REPORTS_PER_WINDOW + 1}")


async def test_a_blocked_host_is_told_loses_tonights_guests_and_can_be_restored(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin, host, guest = await matched_pair(emulator, bot, clock)
    store = bot.bot_data.store
    await guest.command("report")
    await guest.say("مشكلة")
    await admin.user.command("incidents")
    await read_until(admin, "1 open incident")
    assert "Incident #1" in str((await admin.reply()).plain_text)
    question = await admin.tap("⛔ Block the host")
    assert "Why is this person blocked?" in str(question.plain_text)
    done = await admin.say("Did not respect the charter.")
    assert "7000" in str(done.plain_text) and "1 offer withdrawn" in str(done.plain_text)
    assert (await host.reply()).text == incidents_texts.to_blocked(host.t)

    profile = await store.hosts.by_user(7000)
    offers = await store.vetting.live_offers(profile.id, CUTOFF.date())
    assert offers == []
    [site] = await store.sites.all()
    assert await store.evening.live_for_guest(7100, CUTOFF.date()) is None
    assert await store.incidents.block_reason(7000) == "Did not respect the charter."

    suspended = incidents_texts.suspended(host.t)
    assert (await host.command("offer")).text == suspended
    assert (await host.say("Bonjour ?")).text == suspended
    assert "/help" in str((await host.command("help")).plain_text)  # still theirs
    await host.command("report")  # and so is a way to reach the dispatchers
    thanks = await host.say("Je voudrais en parler.")
    # The stay was cancelled with the block: this report is about no stay.
    assert thanks.text == incidents_texts.report_thanks(host.t, about_stay=False)
    assert "Je voudrais en parler." in await read_until(admin, "Incident #2")

    restored = await admin.command("unblock", "7000")
    assert restored.text == incidents_texts.unblocked_done(admin.t, 7000)
    assert (await host.reply()).text == incidents_texts.to_unblocked(host.t)
    assert (await host.command("offer")).text != suspended
    assert site.id


async def test_a_host_blocked_before_the_cutoff_gets_no_guests(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await vetted_host(emulator, 7200, "nl", "Noor")
    await offer(host)
    guest = Person.join(emulator, 7300, "en", "Selam")
    await ask_bed(guest, "Selam")

    assert (await admin.command("block", "7200")).text == admin._(
        "Why is this person blocked? Type the reason for the dispatchers: "
        "the person will not see it."
    )
    done = await admin.say("Reported twice.")
    assert "1 offer withdrawn" in str(done.plain_text)
    assert (await host.reply()).text == incidents_texts.to_blocked(host.t)
    again = await admin.command("block", "7200 Again")
    assert "already blocked" in str(again.plain_text)
    staff = await admin.command("block", f"{ADMIN_ID} Test")
    assert staff.text == incidents_texts.staff_not_blocked(admin.t)
    # A number no record can have (SQLite stops at 19 digits) is explained, never a crash.
    huge = await admin.command("block", "9" * 25 + " Test")
    assert huge.text == incidents_texts.block_usage(admin.t)
    assert (await admin.command("unblock", "9" * 25)).text == incidents_texts.unblock_usage(admin.t)

    clock.now = CUTOFF
    context = BotContext(bot)
    await evening_tick(context)
    await host.user.expect_silence(within=0.3)
    assert await bot.bot_data.store.evening.live_for_guest(7300, CUTOFF.date()) is None
    await guest.reply()  # told they wait, with the alternatives

    await admin.command("unblock", "7200")
    await host.reply()  # access restored
    await offer(host, beds="1")  # a late offer houses the waiting guest at once
    proposal = await read_until(host, "Selam")
    assert code_in(proposal)


async def test_forged_buttons_cannot_act_on_someone_elses_incident(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin, _, guest = await matched_pair(emulator, bot, clock)
    store = bot.bot_data.store
    await guest.command("report")
    await guest.say("مشكلة")
    [incident] = await store.incidents.open_ones()

    stranger = Person.join(emulator, 7400, "fr", "Paul")
    await stranger.command("start")
    for data in ("done", "block"):
        suffix = ":host" if data == "block" else ""
        await refused_press(stranger, f"v1:incident:{data}:{incident.id}{suffix}")
        await refused_press(guest, f"v1:incident:{data}:{incident.id}{suffix}")

    [first] = await store.sites.all()
    second = await store.sites.add(replace(first, id=0, name="Liège"), clock())
    noor = Person.join(emulator, 7500, "nl", "Noor")
    await noor.command("start")
    await admin.command("dispatchers", f"add 7500 {second.id}")
    await noor.reply()  # welcome
    await refused_press(noor, f"v1:incident:done:{incident.id}")
    assert (await noor.command("incidents")).text == incidents_texts.open_heading(noor.t, 0)

    assert [i.id for i in await store.incidents.open_ones()] == [incident.id]
    account = await store.users.get(7000)
    assert account is not None and not account.blocked
    assert not [e for e in await store.audit.recent() if e.actor_id in (7400, 7500)]


async def test_a_host_with_two_groups_says_which_stay_the_report_is_about(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await vetted_host(emulator, 7600, "en", "Lea")
    await offer(host, beds="2")
    first, second = (
        Person.join(emulator, 7700, "ar", "Hawa"),
        Person.join(emulator, 7701, "fr", "Ines"),
    )
    await ask_bed(first, "Hawa")
    await ask_bed(second, "Ines")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    for _ in range(2):
        await host.reply()
    await host.tap("✅ I confirm")
    await host.tap("✅ I confirm")

    question = await host.command("report")
    assert "Which stay is it about?" in str(question.plain_text)
    assert "Something else" in str(question.buttons)
    ines = next(label for row in question.buttons for label in row if label.startswith("Ines"))
    await host.tap_label(ines)
    await host.say("Ines was not at the meeting point.")
    alert = await read_until(admin, "Incident #1")
    assert "guest Ines" in alert and "Hawa" not in alert
    [incident] = await bot.bot_data.store.incidents.open_ones()
    assert incident.side == "host" and incident.match is not None
    assert incident.match.alias == "Ines"
