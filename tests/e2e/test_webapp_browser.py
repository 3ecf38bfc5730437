"""The live board in a real browser (headless Chromium), opened from the bot's own web-app
button with initData the emulator signs, against the real bot."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import expect

from bot.config import Config
from bot.context import BotContext
from bot.sites import tonight
from dispatch.appeals import AppealFilters, Audience, NewAppeal, Recipient
from dispatch.drivers import RideStatus
from emulator import BotApiEmulator
from jobs.ticks import evening_tick
from tests.e2e.conftest import Clock
from tests.e2e.people import TRANSLATORS, Person, plain
from tests.e2e.test_evening import CUTOFF
from tests.storage import rides
from tests.webapp import conftest as web
from tests.webapp.browser import chromium
from tests.webapp.evening import dispatcher, seed

# The board's fixtures (a bot serving the page, two sites), shared with tests/webapp.
web_config, web_bot, sites = web.web_config, web.web_bot, web.sites
NADIA = 7900
# Set BOARD_SCREENSHOTS=docs to refresh the README's pictures.
SCREENSHOTS = os.environ.get("BOARD_SCREENSHOTS")


async def open_board(
    emulator: BotApiEmulator, bot: Any, clock: Clock, site: Any, locale: str, *, dark: bool = False
) -> tuple[Person, str]:
    """An evening at the site; the dispatcher opens the board from the chat's button."""
    store = bot.bot_data.store
    evening = await seed(store, site, clock.now, hosts=5, groups=3, first_user=10_000)
    for user_id in (*evening.host_users, *evening.guest_users):
        emulator.user(user_id, f"U{user_id}", language_code="en").record.started = True
    await dispatcher(store, NADIA, site, clock.now, locale)
    nadia = Person.join(emulator, NADIA, locale, "Nadia")
    await nadia.command("board")
    label = nadia.t.gettext("🖥 Open the live board")
    return nadia, nadia.user.open_web_app(label, auth_date=int(clock.now.timestamp()), dark=dark)


@pytest.mark.parametrize("locale", ["en", "fr", "nl", "ar"])
async def test_the_page_shows_tonights_figures_in_the_dispatchers_language(
    emulator: BotApiEmulator, web_bot: Any, clock: Clock, sites: Any, tmp_path: Path, locale: str
) -> None:
    nadia, url = await open_board(emulator, web_bot, clock, sites[0], locale, dark=locale == "ar")
    t = nadia.t
    async with chromium(tmp_path / "profile") as browser:
        page = await browser.new_page()
        await page.goto(url)
        await page.wait_for_selector("#groups tbody tr[data-id]")
        assert "tgWebAppData" not in page.url  # the signed data does not stay in sight
        html = page.locator("html")
        assert await html.get_attribute("dir") == ("rtl" if locale == "ar" else "ltr")
        assert await html.get_attribute("lang") == locale
        assert await page.locator("#title").inner_text() == t.gettext("Tonight's board")
        beds = page.locator(".figure", has_text=t.gettext("Beds offered")).locator("b")
        assert await beds.inner_text() == "11"
        assert await page.locator("#groups tbody tr").count() == 3
        assert await page.locator("#hosts tbody tr").count() == 5
        assert not await page.locator("#more-groups").is_visible()  # all 3 shown
        if locale == "ar":  # the emulator opened it with Telegram's dark theme
            background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(33, 33, 33)"
        folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
        await page.screenshot(path=str(folder / f"board-{locale}.png"), full_page=False)


async def test_the_page_follows_the_evening_and_moves_a_group_like_the_chat(
    emulator: BotApiEmulator,
    web_bot: Any,
    web_config: Config,
    clock: Clock,
    sites: Any,
    tmp_path: Path,
) -> None:
    nadia, url = await open_board(emulator, web_bot, clock, sites[0], "en")
    store = web_bot.bot_data.store
    async with chromium(tmp_path / "profile") as browser:
        page = await browser.new_page()
        await page.goto(url)
        await page.wait_for_selector("#live.on")
        clock.now = CUTOFF
        await evening_tick(BotContext(web_bot))
        proposed = page.locator(".figure", has_text="Proposed to a host").locator("b")
        # The page shows a change within two seconds (plus the test's margin).
        await expect(proposed).to_have_text("5", timeout=2500)

        row = page.locator("#groups tbody tr", has_text="G0")  # a woman: many homes allowed
        before = await row.locator("td").nth(7).inner_text()
        await row.locator("button[data-move]").click()
        dialog = page.locator("#dialog")
        await dialog.locator("#dialog-choices input").first.check()
        target = await dialog.locator("#dialog-choices label").first.inner_text()
        await dialog.locator("#dialog-note").fill("known family")
        await dialog.locator("#dialog-ok").click()
        await page.wait_for_selector("#notice:not([hidden])")
        assert plain(await page.locator("#notice").inner_text()) == (
            f"↪️ G0 is now proposed to {target}. The host has been asked to confirm."
        )
        await expect(row.locator("td").nth(7)).to_have_text(target, timeout=2500)
    [entry] = [e for e in await store.audit.recent() if e.action == "match.move"]
    assert entry.actor_id == NADIA and entry.detail["note"] == "known family"
    assert before != target
    assert web_config.webapp_url and nadia


async def test_a_page_opened_outside_telegram_or_forged_gets_nothing(
    emulator: BotApiEmulator, web_bot: Any, web_config: Config, clock: Clock, sites: Any,
    tmp_path: Path,
) -> None:  # fmt: skip
    _, url = await open_board(emulator, web_bot, clock, sites[0], "en")
    forged = url.replace("hash%3D", "hash%3D0")
    french = TRANSLATORS["fr"].gettext("Open this page from the bot in Telegram.")
    async with chromium(tmp_path / "profile", locale="fr-BE") as browser:
        for address in (web_config.webapp_url, forged):
            page = await browser.new_page()
            await page.goto(address)
            await expect(page.locator("#notice")).to_have_text(french)
            assert await page.locator("#groups tbody tr[data-id]").count() == 0
            assert "G0" not in await page.content()
            await page.close()


async def test_a_long_list_shows_a_screenful_then_more_on_demand(
    emulator: BotApiEmulator, web_bot: Any, clock: Clock, sites: Any, tmp_path: Path
) -> None:
    store = web_bot.bot_data.store
    await seed(store, sites[0], clock.now, hosts=1, groups=160, first_user=30_000)
    _, url = await open_board(emulator, web_bot, clock, sites[0], "en")
    async with chromium(tmp_path / "profile") as browser:
        page = await browser.new_page()
        await page.goto(url)
        await expect(page.locator("#group-count")).to_have_text("163 / 163")
        assert await page.locator("#groups tbody tr").count() == 150
        await page.locator("#more-groups").click()
        await expect(page.locator("#groups tbody tr")).to_have_count(163)
        assert not await page.locator("#more-groups").is_visible()
        await page.locator("#f-type").select_option("men")  # filtering by group type
        await expect(page.locator("#group-count")).to_have_text("33 / 163")


async def test_the_page_shows_tonights_drivers_and_the_rides_to_act_on(
    emulator: BotApiEmulator, web_bot: Any, clock: Clock, sites: Any, tmp_path: Path
) -> None:
    nadia, url = await open_board(emulator, web_bot, clock, sites[0], "ar")
    t, store = nadia.t, web_bot.bot_data.store
    async with chromium(tmp_path / "profile") as browser:
        page = await browser.new_page()
        await page.goto(url)
        await page.wait_for_selector("#live.on")
        assert await page.locator("#drivers tbody tr[data-id]").count() == 0
        clock.now = CUTOFF
        await evening_tick(BotContext(web_bot))
        night = tonight(sites[0], clock.now)[0]
        views = [v for v, _ in await store.board.matches(sites[0].id, night)]
        karim = await rides.driver(
            store, 9001, sites[0].id, clock.now, name="Karim", phone="+32 470 99"
        )
        shift = await rides.shift(store, karim, sites[0].id, night, clock.now, trips=3)
        await rides.ride(store, views[0].id, clock.now, shift_id=shift, status=RideStatus.CONFIRMED)
        alone = await rides.ride(store, views[1].id, clock.now, status=RideStatus.UNASSIGNED)
        await rides.refusal(store, alone, shift, clock.now)

        # The page follows: Karim's shift, the rides by state, the ride nobody drives.
        driver = page.locator("#drivers tbody tr", has_text="Karim")
        await expect(driver.locator("td").nth(4)).to_have_text("1 / 3", timeout=2500)
        assert await driver.locator("td").nth(1).inner_text() == "+32 470 99"
        unassigned = page.locator("#ride-figures .figure[data-status=unassigned] b")
        await expect(unassigned).to_have_text("1")
        row = page.locator("#rides tbody tr[data-id]")
        assert await row.count() == 1
        cells = row.locator("td")
        assert await cells.nth(1).inner_text() == views[1].alias
        trouble = await cells.nth(6).inner_text()
        assert (
            t.gettext("no driver") in trouble
            and t.gettext("declined by drivers") + " (1)" in trouble
        )
        assert await page.locator("h2", has_text=t.gettext("Drivers tonight")).count() == 1

        # A driver answers tonight's appeal: the page lists her for a call, without a shift.
        lea = await rides.driver(store, 9002, sites[0].id, clock.now, name="Léa")
        filters = AppealFilters(sites[0].id, audience=Audience.DRIVERS)
        appeal = NewAppeal(sites[0].id, night, NADIA, 2, 0, "", filters, NADIA)
        appeal_id = await store.appeals.create(appeal, [Recipient(9002, None, lea)], clock.now)
        await store.appeals.answer(appeal_id, 9002, 0, clock.now)
        volunteer = page.locator("#drivers tbody tr.volunteer", has_text="Léa")
        await expect(volunteer).to_contain_text(
            t.gettext("answered the appeal, no shift yet"), timeout=2500
        )
        folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
        await page.screenshot(path=str(folder / "board-rides-ar.png"), full_page=True)
