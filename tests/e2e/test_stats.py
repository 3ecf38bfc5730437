"""/stats end to end: the chart with its key figures, the CSV, who may see them, and the round
summary in the dispatch group. Past evenings are seeded through the repositories; everything
a dispatcher sees goes over HTTP through the emulator."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.app import build_application
from bot.config import Config
from bot.context import BotContext
from bot.lifecycle import polling
from dispatch.accounts import Role
from dispatch.models import Site
from dispatch.stats import CSV_COLUMNS
from emulator import BotApiEmulator
from jobs.round_summary import announce
from storage.store import Store
from tests.e2e.conftest import Clock
from tests.e2e.people import Person
from tests.storage.test_stats import GROUPS, SMALL_EVENING, small_evening
from usecases.rounds import summarize_round
from views.stats_texts import StatsCsv

TONIGHT = date(2026, 11, 23)  # the conftest's clock: 18:30 in Brussels
LAST_NIGHT = date(2026, 11, 22)
EARLIER = date(2026, 11, 1)
DISPATCH_GROUP = -1001234


async def seed(emulator: BotApiEmulator, store: Store, site_id: int, *nights: date) -> None:
    """Small evenings on these nights; their hosts and guests exist, so notices reach them."""
    for user_id in (10, 11, *(group[0] for group in GROUPS)):
        emulator.user(user_id).record.started = True
    for night in nights:
        await small_evening(store, site_id, night)


async def dispatcher(emulator: BotApiEmulator, store: Store, clock: Clock, locale: str) -> Person:
    person = Person.join(emulator, 7000, locale, "Dina")
    await store.users.grant(person.user.id, Role.DISPATCHER, clock.now)
    return person


def csv_rows(emulator: BotApiEmulator, file: dict[str, Any] | None) -> list[dict[str, str]]:
    assert file is not None
    text = emulator.files[file["file_id"]].decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


@pytest.mark.parametrize("locale", ["en", "ar"])
async def test_stats_sends_the_chart_the_key_figures_and_the_daily_csv(
    emulator: BotApiEmulator, bot: Any, clock: Clock, locale: str
) -> None:
    store: Store = bot.bot_data.store
    [site] = await store.sites.all()
    await seed(emulator, store, site.id, EARLIER, LAST_NIGHT)
    await store.stats.refresh(site.id, EARLIER, clock.now)  # the periodic job, back then
    dina = await dispatcher(emulator, store, clock, locale)

    photo = await dina.command("stats")
    assert photo.kind == "photo" and photo.file is not None
    with Image.open(io.BytesIO(emulator.files[photo.file["file_id"]])) as image:
        assert image.format == "PNG"
    caption, t = str(photo.plain_text), dina.t
    for expected in (
        t.ngettext(
            "{count} person asked for a bed (counted each night)",
            "{count} people asked for a bed (counted each night)",
            10,
        ),
        t.ngettext("{count} was housed", "{count} were housed", 4),
        t.ngettext("{count} bed offered in all.", "{count} beds offered in all.", 6),
        t.ngettext("{count} waiting", "{count} waiting", 0),  # tonight: nobody yet
    ):
        assert expected in caption, (expected, caption)
    assert [dina._("⬇️ Daily figures (CSV)")] in photo.buttons

    document = await dina.tap("⬇️ Daily figures (CSV)")
    assert document.kind == "document" and document.file is not None
    assert document.file["file_name"] == "nightdispatch-2026-10-25_2026-11-23.csv"
    rows = csv_rows(emulator, document.file)
    assert [row["night"] for row in rows][0::29] == ["2026-10-25", "2026-11-23"]
    expected_row = {
        "site": site.name,
        **{key: str(value) for key, value in vars(SMALL_EVENING).items() if key != "site_id"},
    }
    for row in rows:
        if row["night"] in (EARLIER.isoformat(), LAST_NIGHT.isoformat()):
            assert row == {**expected_row, "night": row["night"]}
        else:
            assert {row[column] for column in CSV_COLUMNS[2:]} == {"0"}


async def test_a_site_dispatcher_sees_only_their_sites(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    store: Store = bot.bot_data.store
    [brussels] = await store.sites.all()
    ghent = await store.sites.add(Site(0, "Gent", "Europe/Brussels", time(19), time(23)), clock.now)
    assert ghent is not None
    await seed(emulator, store, brussels.id, LAST_NIGHT)
    person = Person.join(emulator, 7001, "fr", "Lotte")
    await store.users.grant(person.user.id, Role.DISPATCHER, clock.now, site_id=ghent.id)

    photo = await person.command("stats")
    assert photo.kind == "photo" and "Gent" in str(photo.plain_text)
    assert "Brussels" not in str(photo.plain_text)
    rows = csv_rows(emulator, (await person.tap("⬇️ Daily figures (CSV)")).file)
    assert {row["site"] for row in rows} == {"Gent"} and len(rows) == 30
    assert {row["people_asking"] for row in rows} == {"0"}


async def test_stats_and_its_csv_are_refused_to_anyone_else(
    emulator: BotApiEmulator, bot: Any
) -> None:
    guest = Person.join(emulator, 7002, "nl", "Sam")
    refused = await guest.command("stats")
    assert refused.kind == "text"
    assert refused.plain_text == guest._("This is reserved for dispatchers.")
    await guest.user.press_data(StatsCsv().pack())
    await guest.user.expect_silence(within=0.5)
    assert guest.user.callback_answers[-1]["text"] == guest._("This is reserved for dispatchers.")


async def test_the_round_summary_reaches_the_dispatch_group(
    emulator: BotApiEmulator, bot_config: Config, clock: Clock, tmp_path: Path
) -> None:
    group = emulator.group(DISPATCH_GROUP, "Dispatch Brussels")
    config = replace(bot_config, dispatch_chat_id=DISPATCH_GROUP, database=tmp_path / "g.sqlite3")
    async with polling(build_application(config, clock=clock)) as application:
        store: Store = application.bot_data.store
        [site] = await store.sites.all()
        await seed(emulator, store, site.id, TONIGHT)
        context = BotContext(application)
        figures = await summarize_round(context.services, site.id, TONIGHT, clock())
        await announce(context, figures)
        summary = await group.next_message(timeout=10)
        assert await store.stats.series([site.id], TONIGHT, TONIGHT) == [
            replace(SMALL_EVENING, site_id=site.id)
        ]
        assert application.job_queue is not None
        assert application.job_queue.get_jobs_by_name("stats")  # refreshed every few minutes
    lines = str(summary.plain_text).splitlines()
    assert lines[0] == f"🌙 Round closed: {site.name}, Nov 23, 2026"
    assert lines[1:] == [
        "3 beds offered",
        "5 people asking",
        "2 people matched so far",
        "1 person still waiting",
    ]
