"""Tonight's board end to end: figures refreshed in place, drill-down lists, moving a group
to another host under the hard rules, taking a host out, and correct counts under load."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.context import BotContext
from bot.sites import tonight
from dispatch.accounts import Role
from dispatch.party import Party
from dispatch.privacy import CONSENT_VERSION
from dispatch.readmodels import NewRequest
from emulator import BotApiEmulator
from jobs.boards import refresh_boards
from jobs.ticks import evening_tick
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person, plain
from tests.e2e.test_dispatchers import read_until
from tests.e2e.test_evening import CUTOFF, ask_bed, offer, vetted_host
from views import board_texts


def shows(message_text: str | None, translated: str) -> bool:
    return plain(translated) in plain(str(message_text))


@pytest.mark.parametrize("locale", ["en", "ar"])
async def test_the_board_refreshes_in_place_and_moves_a_group(
    emulator: BotApiEmulator, bot: Any, clock: Clock, locale: str
) -> None:
    store = bot.bot_data.store
    dispatcher = Person.join(emulator, 7900, locale, "Nadia")
    await store.users.grant(7900, Role.DISPATCHER, clock.now)
    t = dispatcher.t
    marie = await vetted_host(emulator, 7000, "fr", "Marie")
    await offer(marie, beds="2")
    anna = await vetted_host(emulator, 7001, "nl", "Anna")
    await offer(anna, beds="3")
    amina = Person.join(emulator, 7100, "ar", "Amina")
    await ask_bed(amina, "Amina")

    board = await dispatcher.command("board")
    assert shows(board.text, t.ngettext("🛏 {count} bed offered", "🛏 {count} beds offered", 5))
    assert shows(board.text, t.ngettext("{count} host", "{count} hosts", 2))
    assert shows(board.text, t.ngettext("🙋 {count} person asking", "🙋 {count} people asking", 1))
    assert shows(
        board.text, t.ngettext("⏳ Waiting: {count} person", "⏳ Waiting: {count} people", 1)
    )

    context = BotContext(bot)
    assert await refresh_boards(context) == 0  # nothing changed: no edit
    salma = Person.join(emulator, 7101, "en", "Salma")
    await ask_bed(salma, "Salma")
    assert await refresh_boards(context) == 1
    asking = t.ngettext("🙋 {count} person asking", "🙋 {count} people asking", 2)
    edited = await read_until(dispatcher, plain(asking))
    assert (
        plain(t.ngettext("⏳ Waiting: {count} person", "⏳ Waiting: {count} people", 2)) in edited
    )

    clock.now = CUTOFF
    await evening_tick(context)
    await refresh_boards(context)
    proposed = t.ngettext(
        "📨 Proposed to a host: {count} person", "📨 Proposed to a host: {count} people", 2
    )
    await read_until(dispatcher, plain(proposed))

    [site] = await store.sites.all()
    night = tonight(site, clock.now)[0]
    matches = await store.board.matches(site.id, night)
    amina_match = next(view for view, _ in matches if view.alias == "Amina")
    other = "Anna" if amina_match.host_name == "Marie" else "Marie"
    await dispatcher.tap("🤝 Matches")
    await dispatcher.tap("↪️ Move #{id} {name}", id=str(amina_match.request_id), name="Amina")
    await dispatcher.tap_label(other)
    moved = await dispatcher.say("She knows this family.")
    assert moved.text == board_texts.moved(t, "Amina", other)
    new_host = anna if other == "Anna" else marie
    assert "Amina" in await read_until(new_host, "Amina")
    [entry] = [e for e in await store.audit.recent() if e.action == "match.move"]
    assert entry.actor_id == 7900 and entry.detail["note"] == "She knows this family."


async def test_taking_a_host_out_sends_their_guests_back_into_the_dispatch(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    marie = await vetted_host(emulator, 7200, "en", "Marie")
    await offer(marie, beds="2")
    amina = Person.join(emulator, 7300, "fr", "Amina")
    await ask_bed(amina, "Amina")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    assert "Amina" in await read_until(marie, "Amina")

    await admin.command("board")
    await admin.tap("🏠 Hosts")
    confirm = await admin.tap("🚫 Take {name} out tonight", name="Marie")
    assert "Take Marie out for tonight?" in plain(str(confirm.text))
    done = await admin.tap("🚫 Yes, take them out tonight")
    assert "1 group went back into the dispatch" in plain(str(done.text))
    told = await read_until(marie, "out of the dispatch")
    assert "you do not need to collect anyone" in told
    store = bot.bot_data.store
    [site] = await store.sites.all()
    waiting = await store.board.waiting(site.id, tonight(site, clock.now)[0])
    assert [g.alias for g in waiting] == ["Amina"]


async def test_a_move_that_breaks_a_hard_rule_is_not_offered(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    # A woman living alone may never host a single man (non-mixité).
    marie = await vetted_host(emulator, 7400, "en", "Marie")
    await offer(marie, beds="2")
    karim = Person.join(emulator, 7500, "en", "Karim")
    await ask_bed(karim, "Karim", gender="Man")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    await admin.command("board")
    waiting = await admin.tap("⏳ Waiting")
    assert "no host tonight may take this kind of group" in plain(str(waiting.text))
    await admin.user.press(next(b for row in waiting.buttons for b in row if "Karim" in b))
    choice = await admin.reply()
    assert "No host tonight can take Karim" in plain(str(choice.text))
    assert "Marie" not in str(choice.buttons)


async def test_the_board_counts_right_while_requests_pour_in(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await admin.command("board")
    store = bot.bot_data.store
    [site] = await store.sites.all()
    context = BotContext(bot)

    night, closes_at = tonight(site, clock.now)

    async def ask(user_id: int) -> None:
        await store.users.touch(user_id, clock.now)
        await store.requests.record_consent(user_id, CONSENT_VERSION, clock.now)
        new = NewRequest(
            site_id=site.id,
            night=night,
            closes_at=closes_at,
            alias=f"G{user_id}",
            party=Party(1, 0, user_id % 3),
            languages=("fr",),
            step_free=False,
            medical=False,
        )
        await store.requests.save_for_user(user_id, new, clock.now)

    users = range(8000, 8040)
    await asyncio.gather(*(ask(u) for u in users), *(refresh_boards(context) for _ in range(5)))
    await refresh_boards(context)
    expected = sum(1 + u % 3 for u in users)
    text = ""
    while f"{expected} people asking" not in text:
        text = plain(str((await admin.reply()).text))
    assert "40 groups" in text
