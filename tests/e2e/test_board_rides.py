"""Tonight's drivers and rides on the chat board, end to end: the summary under the figures,
the list of shifts and of rides without a driver, late or refused, in the dispatcher's
language; a dispatcher of another site is refused and their board says nothing of it."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest

from bot.context import BotContext
from bot.sites import tonight
from dispatch.board_rides import LATE_AFTER
from dispatch.drivers import RideStatus
from dispatch.models import Site
from emulator import BotApiEmulator
from jobs.ticks import evening_tick
from tests.e2e.conftest import Clock
from tests.e2e.people import Person, plain
from tests.e2e.test_evening import CUTOFF
from tests.storage import rides
from tests.waiting import until
from tests.webapp.evening import dispatcher, seed

NADIA, PIET = 7900, 7950


def shows(text: str | None, expected: str) -> bool:
    return plain(expected) in plain(str(text))


async def _tonight_with_rides(emulator: BotApiEmulator, bot: Any, clock: Clock) -> Any:
    """Two groups matched at Brussels; Karim drives the first, nobody the second (Karim said
    no, Léa did not answer); Ghent has a dispatcher and nothing else."""
    store = bot.bot_data.store
    [brussels] = await store.sites.all()
    ghent = await store.sites.add(Site(0, "Ghent", "Europe/Brussels", brussels.cutoff,
                                       brussels.evening_end), clock.now)  # fmt: skip
    evening = await seed(store, brussels, clock.now, hosts=3, groups=2, first_user=10_000)
    for user_id in (*evening.host_users, *evening.guest_users):
        emulator.user(user_id, f"U{user_id}", language_code="en").record.started = True
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    night = tonight(brussels, clock.now)[0]
    views = sorted(
        (v for v, _ in await store.board.matches(brussels.id, night)), key=lambda v: v.id
    )
    assert len(views) == 2
    karim = await rides.driver(
        store, 9001, brussels.id, clock.now, name="Karim", phone="+32 470 99"
    )
    lea = await rides.driver(store, 9002, brussels.id, clock.now, name="Léa")
    k_shift = await rides.shift(store, karim, brussels.id, night, clock.now, trips=3)
    l_shift = await rides.shift(store, lea, brussels.id, night, clock.now, trips=1)
    meet = CUTOFF + timedelta(minutes=30)
    await rides.ride(store, views[0].id, clock.now, shift_id=k_shift,
                     status=RideStatus.CONFIRMED, meet_at=meet)  # fmt: skip
    second = await rides.ride(store, views[1].id, clock.now, status=RideStatus.UNASSIGNED,
                              meet_at=meet + timedelta(hours=1))  # fmt: skip
    await rides.refusal(store, second, k_shift, clock.now)
    await rides.refusal(store, second, l_shift, clock.now, silent=True)
    clock.now = meet + LATE_AFTER + timedelta(minutes=1)
    return brussels, ghent, views


@pytest.mark.parametrize("locale", ["en", "ar"])
async def test_the_board_shows_drivers_and_the_rides_to_act_on(
    emulator: BotApiEmulator, bot: Any, clock: Clock, locale: str
) -> None:
    store = bot.bot_data.store
    brussels, ghent, views = await _tonight_with_rides(emulator, bot, clock)
    await dispatcher(store, NADIA, brussels, clock.now, locale)
    nadia = Person.join(emulator, NADIA, locale, "Nadia")
    t = nadia.t

    board = await nadia.command("board")
    for line in (
        t.ngettext("🚗 {count} driver tonight", "🚗 {count} drivers tonight", 2),
        t.ngettext("{count} seat", "{count} seats", 8),
        t.ngettext("{count} trip left", "{count} trips left", 3),
        t.ngettext("🚙 {count} ride", "🚙 {count} rides", 2),
        t.ngettext("⚠️ {count} ride without a driver", "⚠️ {count} rides without a driver", 1),
        t.ngettext(
            "⏰ {count} ride late (nobody picked up)", "⏰ {count} rides late (nobody picked up)", 1
        ),
        t.ngettext(
            "🙅 {count} ride declined or unanswered", "🙅 {count} rides declined or unanswered", 1
        ),
    ):
        assert shows(board.text, line), (line, board.text)

    listing = await nadia.tap("🚗 Drivers and rides")
    text = plain(str(listing.text))
    bare = text.replace("\u2068", "").replace("\u2069", "")  # without the bidi isolates
    assert shows(text, t.ngettext("🚗 <b>{count} driver tonight</b>",
                                  "🚗 <b>{count} drivers tonight</b>", 2))  # fmt: skip
    karim_line = t.ngettext(
        "{name}: {starts}–{ends} · {seats} seats · {used} of {count} trip used, {left} left",
        "{name}: {starts}–{ends} · {seats} seats · {used} of {count} trips used, {left} left",
        3,
        name="Karim",
        starts=t.time(time(20)),
        ends=t.time(time(23, 30)),
        seats=t.number(4),
        used=t.number(1),
        left=t.number(2),
    )
    assert shows(text, karim_line), text
    assert "+32 470 99" in bare  # the dispatchers phone the driver
    for section in (
        t.gettext("⚠️ <b>Without a driver</b>"),
        t.gettext(
            "⏰ <b>Late</b>: the meeting time passed more than 15 minutes ago and nobody"
            " picked the guests up"
        ),
        t.gettext("🙅 <b>Declined or unanswered</b>: drivers who said no or stayed silent"),
    ):
        assert shows(text, section), (section, text)
    assert shows(text, t.ngettext("{count} driver declined", "{count} drivers declined", 1))
    assert shows(
        text, t.ngettext("{count} driver did not answer", "{count} drivers did not answer", 1)
    )
    assert f"#{views[0].request_id} {views[0].alias}" in bare
    assert f"#{views[1].request_id} {views[1].alias}" in bare
    assert "Karim" in bare.split(views[0].alias)[1].splitlines()[0]  # who drives it
    back = await nadia.tap("⬅️ Back to the board")
    assert shows(back.text, t.ngettext("🚙 {count} ride", "🚙 {count} rides", 2))

    # Ghent's dispatcher: refused on Brussels' button, and nothing of Brussels on her board.
    await dispatcher(store, PIET, ghent, clock.now, "nl")
    piet = Person.join(emulator, PIET, "nl", "Piet")
    own = await piet.command("board")
    assert "Karim" not in plain(str(own.text))
    assert not shows(own.text, piet.t.ngettext("🚙 {count} ride", "🚙 {count} rides", 2))
    assert "🚗" not in str(own.reply_markup)
    before = len(piet.user.callback_answers)
    await piet.user.press_data(f"v1:board.rides:{brussels.id}")
    refusal = piet._("This is reserved for dispatchers.")
    await until(
        lambda: any(a.get("text") == refusal for a in piet.user.callback_answers[before:]),
        what="the refusal",
    )
