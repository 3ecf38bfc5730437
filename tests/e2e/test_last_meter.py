"""The last meter end to end: a driver's /status (tonight's shift, then the ride in full), the
host's /status (the ride's state) and /mydata (tonight's address), a late pickup that asks the
driver too, and a driver who hands the ride back to the next driver."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.context import BotContext
from dispatch.drivers import RideStatus
from emulator import BotApiEmulator
from jobs.ticks import meeting_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.drivers import seat
from tests.e2e.people import Person, plain
from tests.e2e.test_evening import CUTOFF, ask_bed, code_in
from tests.e2e.test_rides import ADDRESS, cut_off, meeting_point, needs_driver, shown_in, take
from views import meeting_texts, rides_texts


async def test_status_mydata_a_late_pickup_and_a_ride_handed_back(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await needs_driver(emulator, bot, 6500, "fr", "Eva")
    guest = Person.join(emulator, 6501, "en", "Awa")
    await ask_bed(guest, "Awa")
    sami = await seat(bot, emulator, 6502, "nl", "Sami", trips=2)
    await meeting_point(bot)

    # Before the cut-off the driver's /status is tonight's shift: site, hours, seats, trips.
    shift = str((await sami.command("status")).plain_text)
    assert "Brussels" in shift and plain(rides_texts.trips_line(sami.t, 0, 2)) in shift

    await cut_off(bot, clock)
    proposal = await host.reply()
    await host.reply()  # the meeting point's pin
    code = code_in(str(proposal.text))
    await host.tap("✅ I confirm")
    await host.reply()  # the address question
    await sami.reply()  # the ride is offered
    await host.say(ADDRESS)
    await take(guest, 2)
    jan = await seat(bot, emulator, 6503, "ar", "Jan")  # a second driver, free tonight

    ride = str((await sami.tap("✅ I take this ride")).plain_text)
    assert ADDRESS in ride and code in ride
    await guest.reply()
    await host.reply()

    # The host's /status says where the ride stands; the driver's shows the ride in full.
    state = plain(rides_texts.ride_state(host.t, RideStatus.CONFIRMED, "Sami"))
    assert any(state in text for text in await _status(host, 2))
    mine = await _status(sami, 1)
    assert ADDRESS in mine[0] and code in mine[0] and "Awa" in mine[0]
    # /mydata shows the host the address they gave for tonight's ride.
    assert ADDRESS in str((await host.command("mydata")).plain_text)

    # 15 minutes after the meeting time without a pickup: the guest and the driver are asked,
    # the dispatchers alerted; the host, who waits at home, is not asked.
    store = bot.bot_data.store
    [match_id] = await store.meeting.live_for_host(6500, CUTOFF.date())
    meeting = await store.meeting.get(match_id)
    match = await store.evening.view(match_id)
    clock.now = meeting.meet_at + timedelta(minutes=15)
    await meeting_tick(BotContext(bot))
    [site] = await store.sites.all()
    when = meeting_texts.local_time(sami.t, meeting.meet_at, site)
    late = await sami.reply()
    assert str(late.plain_text) == plain(meeting_texts.late_to_driver(sami.t, match, when))
    assert "⏰" in str((await guest.reply()).plain_text)
    raised = str((await admin.reply()).plain_text)  # whom to call: the driver, not the host
    assert "Late pickup" in raised and "Sami, the driver taking Awa to Eva" in raised
    await host.user.expect_silence(within=0.2)
    await meeting_tick(BotContext(bot))  # once
    await sami.user.expect_silence(within=0.2)

    # Sami can no longer drive it: asked once more, then the ride goes to Jan.
    question = await sami.tap("↩️ I can no longer drive it")
    assert str(question.plain_text) == plain(rides_texts.hand_back_question(sami.t))
    done = await sami.tap("↩️ Yes, give it to another driver")
    assert str(done.plain_text) == plain(rides_texts.handed_back(sami.t))
    offer = str((await jan.reply()).plain_text)
    assert "Awa" in offer and ADDRESS not in offer
    alert = str((await admin.reply()).plain_text)
    assert "handed ride" in alert and "Awa" in alert
    assert "Sami" not in str((await guest.reply()).plain_text)  # nobody announced yet
    assert "Sami" not in str((await host.reply()).plain_text)
    taken = str((await jan.tap("✅ I take this ride")).plain_text)
    assert ADDRESS in taken
    assert shown_in(emulator, ADDRESS) <= {sami.user.chat_id, jan.user.chat_id, host.user.chat_id}
    assert guest.user.chat_id not in shown_in(emulator, ADDRESS)


async def _status(person: Person, count: int) -> list[str]:
    await person.user.command("status")
    return [str((await person.reply()).plain_text) for _ in range(count)]
