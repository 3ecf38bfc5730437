"""Every notice the bot sends on its own speaks the reader's language, also to people who
never chose one: the language their Telegram app reported at their last contact is kept
(fr, nl, ar here) and used for every kind of notice, sent when no update is being handled."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.config import Config
from bot.context import App, BotContext
from dispatch import notices as n
from dispatch.drivers import DriverDetails, DriverStatus
from dispatch.groups import Household
from dispatch.matching.engine import match as solve
from dispatch.models import HostStatus, Site
from dispatch.notices import NoticeKind
from dispatch.party import Party
from dispatch.rides import AlertReason
from emulator import BotApiEmulator
from jobs.delivery import send_due
from storage.drivers import register_in
from storage.requests import NewRequest
from storage.store import Store
from tests.drivers import driver
from tests.storage.people import vetted_host
from usecases import meeting
from usecases.proposals import pass_alone
from views import notices

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
NIGHT = date(2026, 11, 23)
CUTOFF = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
READERS = {301: "fr", 302: "nl", 303: "ar"}  # Telegram's language only, no choice saved
HOST, GUESTS = 401, (402, 403, 404, 406)
SECOND_HOST, DRIVER = 405, 407


Running = tuple[App, BotApiEmulator]  # the application and the emulator it talks to


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[Running]:
    async with BotApiEmulator() as emulator:
        config = Config(
            token=emulator.token, api_base_url=emulator.base_url, database=tmp_path / "n.sqlite3"
        )
        application = build_application(config, clock=lambda: CUTOFF)
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        try:
            yield application, emulator
        finally:
            await application.shutdown()
            assert application.post_shutdown is not None
            await application.post_shutdown(application)


async def _evening(store: Store) -> tuple[Site, int, int, int, list[int]]:
    """A host with two beds, three women asking: two matches, one request waiting."""
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    for user_id in (HOST, SECOND_HOST, *GUESTS):
        await store.users.touch(user_id, NOW, "fr")
    host = await vetted_host(store, HOST, site.id, NOW)
    offer = await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=2,
        latest_pickup=time(21, 30),
        nights=1,
        note=None,
        now=NOW,
    )
    second = await vetted_host(store, SECOND_HOST, site.id, NOW, name="Eva")
    await store.offers.save(
        host_id=second.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=1,
        latest_pickup=time(21, 30),
        nights=1,
        note=None,
        now=NOW,
    )
    requests = []
    for user_id in GUESTS:
        await store.requests.record_consent(user_id, 1, NOW)
        new = NewRequest(
            site.id, NIGHT, CUTOFF, f"G{user_id}", Party(1, 0, 0), ("fr",), False, False
        )
        requests.append((await store.requests.save_for_user(user_id, new, NOW)).id)
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    outcome = await pass_alone(store, site.id, NIGHT, CUTOFF, solve)
    waiting = [r for r in requests if (await store.requests.by_id(r)).status.value == "waiting"]
    # The second match is confirmed, with its meeting: the meeting's notices speak of it.
    assert outcome.matches[1] == outcome.matches[0] + 1
    await meeting.confirm(store, outcome.matches[1], HOST, CUTOFF, [301])
    await _rides(store, site, outcome.matches[0])
    return site, host.id, offer.id, outcome.matches[0], waiting[0]


async def _rides(store: Store, site: Site, match: int) -> None:
    """Rides in the states their notices speak of: asked (the first match), confirmed (the
    second), without a driver (the third)."""
    shift = await driver(store, DRIVER, site.id, NIGHT, CUTOFF, NOW)
    for match_id, status, shift_id in (
        (match, "assigned", shift),
        (match + 1, "confirmed", shift),
        (match + 2, "unassigned", None),
    ):
        await store.db.write(
            "INSERT INTO rides (match_id, shift_id, status, address, created_at, updated_at)"
            " VALUES (?, ?, ?, 'Rue Haute 1', '', '')",
            (match_id, shift_id, status),
        )


def _every_kind(site: Site, host: int, offer: int, match: int, waiting: int) -> list[Any]:
    return [
        n.Waiting(waiting),
        n.Vetting(host, HostStatus.VETTED, HostStatus.PENDING),
        n.RoleGranted(site.id),
        n.RoleRemoved(),
        n.TakenOut(offer),
        n.GuestGone(NIGHT),
        n.Blocked(),
        n.Unblocked(),
        n.MatchHost(match),
        n.MatchGuest(match),
        n.MovedAway(match),
        n.HostChanged(match),
        n.Cancelled(match),
        n.Expired(match),
        n.Stay(match, n.Side.HOST),
        n.Stay(match, n.Side.GUEST),
        n.Feedback(match, n.Side.HOST),
        n.Feedback(match, n.Side.GUEST),
        n.MeetingCard(match + 1, n.Side.HOST),
        n.MeetingCard(match + 1, n.Side.GUEST),
        n.Here(match + 1, n.Side.HOST),
        n.Here(match + 1, n.Side.GUEST),
        n.Late(match + 1, n.Side.HOST),
        n.Late(match + 1, n.Side.GUEST),
        n.LateAlert(match + 1),
        n.RideNeeded(match + 1),
        n.PickedUp(match + 1),
        n.NoBed(waiting),
        n.RideOffer(match, 1),
        n.RideCard(match + 1, 1),
        n.RideWithdrawn(match, 1),
        n.RideAlert(match + 2, AlertReason.NO_DRIVER),
        n.RideAlert(match + 2, AlertReason.HOST_CANNOT_COME),
        n.ComeAfterAll(match + 2),
        n.OnTheWay(match),
    ]


async def test_every_notice_kind_speaks_the_language_telegram_reported(app: Running) -> None:
    application, emulator = app
    context = BotContext(application)
    store: Store = context.store
    site, host, offer, match, waiting = await _evening(store)
    await send_due(context)  # the round's own notices, to other people
    for reader, locale in READERS.items():
        emulator.user(reader, language_code=locale).record.started = True
        await store.users.touch(reader, NOW, locale)  # as the guard records it
    details = DriverDetails("Salma", None, Household.COUPLE, frozenset(), 4, 0, (site.id,))
    driver = await store.db.run(lambda tx: register_in(tx, HOST, details, 1, NOW))
    payloads = _every_kind(site, host, offer, match, waiting)
    payloads.append(n.DriverVetting(driver, DriverStatus.VETTED, DriverStatus.PENDING))
    assert {p.kind for p in payloads} == set(NoticeKind)
    readers = list(READERS.items())
    expected: dict[int, list[str]] = {reader: [] for reader in READERS}
    for number, payload in enumerate(payloads):
        reader, locale = readers[number % len(readers)]
        await store.outbox.add(reader, payload, f"test:{number}", CUTOFF)
        rendered = await notices.render(context, context.bot_data.translators[locale], payload)
        english = await notices.render(context, context.bot_data.translators["en"], payload)
        assert rendered is not None and english is not None
        assert rendered[0] != english[0], payload  # the notice has words to translate
        expected[reader].append(rendered[0])
    await send_due(context)
    for reader in READERS:
        chat = emulator.state.chats[reader]
        sent = [e.text for e in chat.events if not e.edited and e.kind == "text"]
        assert sent == expected[reader]


async def test_the_saved_choice_wins_over_telegram_and_a_silent_app_keeps_the_last(
    app: Running,
) -> None:
    application, _ = app
    store: Store = application.bot_data.store
    data = application.bot_data
    account = await store.users.touch(7, NOW, "nl")
    assert data.translator_for(account).locale == "nl"
    account = await store.users.touch(7, NOW, None)  # the app sent no language this time
    assert data.translator_for(account).locale == "nl"
    await store.users.set_locale(7, "ar", NOW)
    assert data.translator_for(await store.users.get(7)).locale == "ar"
    assert data.translator_for(await store.users.touch(8, NOW)).locale == "en"  # the default
