"""Drivers end to end: registration through the chat (charter first) in the language Telegram
reports, vetting by a dispatcher of the driver's site only, tonight's shift set, changed,
withdrawn and refused after the cut-off, and /mydata and /forget of a driver."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest

from bot.context import BotContext
from bot.sites import tonight
from dispatch.accounts import Role
from dispatch.drivers import DriverDetails, DriverStatus
from dispatch.groups import GroupType, Household
from dispatch.matching.engine import match as solve
from dispatch.models import Site
from dispatch.party import Party
from emulator import BotApiEmulator
from jobs.driver_reminders import send_driver_reminders
from storage.requests import NewRequest
from storage.store import Store
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person, plain
from tests.storage.people import vetted_host
from tests.waiting import until
from usecases import drivers
from usecases.drivers import ShiftTerms
from usecases.proposals import pass_alone
from usecases.services import Services
from views import driver_texts
from views.driver_callbacks import CarRule, DriverBlock, DriverDecision, DriversOfSite

pytestmark = pytest.mark.usefixtures("bot")


async def register_driver(person: Person, name: str) -> str:
    """/drive, the charter, every question; the text that ends the registration."""
    intro = await person.command("drive")
    assert person._("📝 Register as a driver") in str(intro.buttons)
    charter = await person.tap("📝 Register as a driver")
    assert person._("✅ I accept the charter") in str(charter.buttons)
    assert "<b>" in str(charter.text)
    await person.tap("✅ I accept the charter")
    phone = await person.say(name)
    assert person._("⏭ Skip") not in str(phone.buttons)  # the dispatchers need to reach them
    crew = await person.say("+32 470 12 34 56")  # one site: answered by itself
    assert person._("A man, driving alone") in str(crew.buttons)
    drives = await person.tap("A woman, driving alone")
    assert person._("Single men") not in str(drives.buttons)  # non-mixité in the car
    await person.toggle(person._("Single women"))
    await person.toggle(person._("Women with children"))
    await person.tap("✔️ Done")
    await person.tap_label("4")  # seats
    summary = await person.tap_label("1")  # child seats
    assert name in str(summary.plain_text)
    return str((await person.tap("✅ Confirm")).plain_text)


async def approve(admin: Person, name: str) -> None:
    await admin.user.command("drivers")
    label = f"✅ Approve {name}"
    while label not in str((card := await admin.reply()).buttons):
        pass
    assert "+32470123456" in str(card.plain_text)  # the phone, for the dispatchers
    confirm = await admin.tap_label(label)
    assert f"Approve {name}?" in str(confirm.plain_text)
    done = await admin.tap_label(f"✅ Yes, approve {name}")
    assert done.plain_text == f"Approved: {name}. They have been told."


@pytest.mark.parametrize(("locale", "name"), [("ar", "سلمى"), ("fr", "Salma")])
async def test_a_driver_registers_is_vetted_and_keeps_tonight_s_shift_until_the_cut_off(
    emulator: BotApiEmulator, clock: Clock, locale: str, name: str
) -> None:
    salma = Person.join(emulator, 3000, locale, "Salma")
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")  # an admin who never wrote to the bot cannot be alerted
    done = await register_driver(salma, name)
    assert done == driver_texts.registered(salma.t, name)
    assert f"A new driver is waiting for approval: {name}" in await admin.text()
    await approve(admin, name)
    assert await salma.text() == driver_texts.to_driver(
        salma.t, DriverStatus.VETTED, DriverStatus.PENDING
    )

    # Tonight's shift (the site answers itself): 20:00–23:00, three seats, two trips.
    await salma.command("shift")
    await salma.tap_label("20:00")
    await salma.tap_label("23:00")
    await salma.tap_label("3")
    summary = await salma.tap_label("2")
    assert salma.t.time(time(20)) in str(summary.plain_text)
    saved = await salma.tap("✅ Save my shift")
    assert saved.plain_text == driver_texts.shift_saved(salma.t, time(19))
    # Changed: a typed end past midnight.
    await salma.command("shift")
    await salma.tap_label("21:00")
    await salma.say("00:30")
    await salma.tap_label("3")
    await salma.tap_label("1")
    await salma.tap("✅ Save my shift")
    home = await salma.command("drive")
    assert salma.t.time(time(0, 30)) in str(home.plain_text)
    # Withdrawn, with a second tap.
    ask = await salma.tap("🗑 Withdraw my shift")
    assert ask.plain_text == driver_texts.confirm_withdraw(salma.t)
    gone = await salma.tap("✅ Yes, withdraw it")
    assert gone.plain_text == driver_texts.shift_withdrawn(salma.t)
    home = await salma.command("drive")
    assert salma._("🚗 I can drive tonight") in str(home.buttons)

    # After the cut-off (19:00 in Brussels) a shift no longer changes.
    await salma.command("shift")
    await salma.tap_label("20:00")
    await salma.tap_label("23:00")
    await salma.tap_label("3")
    await salma.tap_label("2")
    clock.now += timedelta(hours=1)
    late = await salma.tap("✅ Save my shift")
    assert late.plain_text == driver_texts.shift_locked(salma.t)


async def test_only_a_dispatcher_of_the_driver_s_site_vets_them(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    store: Store = bot.bot_data.store
    [brussels] = await store.sites.all()
    lisboa = await store.sites.add(
        Site(0, "Lisboa", "Europe/Lisbon", time(19), time(23)), clock.now
    )
    assert lisboa is not None
    for user_id in (3100, 3101, 3102):
        await store.users.touch(user_id, clock.now)
    await store.users.grant(3101, Role.DISPATCHER, clock.now, site_id=brussels.id)
    await store.users.grant(3102, Role.DISPATCHER, clock.now, site_id=lisboa.id)
    details = DriverDetails(
        "Yasmine", "+32 470 00 00 00", Household.COUPLE, frozenset(GroupType), 4, 0, (brussels.id,)
    )
    driver = (await drivers.register(Services(store), 3100, details, clock.now)).driver

    elsewhere = Person.join(emulator, 3102, "en", "Lisbon")
    listing = await elsewhere.command("drivers")
    assert "Yasmine" not in str(listing.plain_text)
    heading = driver_texts.list_heading(elsewhere.t, "Lisboa")
    rule = driver_texts.car_rule(elsewhere.t, True)
    assert listing.text == f"{heading}\n\n{rule}\n\n{driver_texts.no_drivers(elsewhere.t)}"
    assert listing.buttons == []  # the rule is the admins' to switch
    before = len(elsewhere.user.callback_answers)
    await elsewhere.user.press_data(DriverDecision(driver.id, DriverStatus.VETTED, True).pack())
    answers = elsewhere.user.callback_answers
    await until(lambda: len(answers) > before, what="an answer to the forged approval")
    assert answers[before].get("text") == driver_texts.no_such_driver(elsewhere.t)
    stored = await store.drivers.get(driver.id)
    assert stored is not None and stored.status is DriverStatus.PENDING
    # Nor the other forged buttons: another site's list (phones!), its rule, a block.
    refused = elsewhere._("This is reserved for dispatchers.")
    for forged, expected in (
        (DriversOfSite(brussels.id), refused),
        (CarRule(brussels.id, False), elsewhere._("This is reserved for admins.")),
        (DriverBlock(driver.id), driver_texts.no_such_driver(elsewhere.t)),
    ):
        before = len(answers)

        def answered(count: int = before) -> bool:
            return len(answers) > count

        await elsewhere.user.press_data(forged.pack())
        await until(answered, what="an answer to a forged button")
        assert answers[before].get("text") == expected, forged
    await elsewhere.user.expect_silence(within=0.1)  # no list, no card, no form
    assert brussels.id not in await store.drivers.mixed_sites()

    local = Person.join(emulator, 3101, "nl", "Brussel")
    await local.command("drivers")
    card = await local.reply()
    assert "Yasmine" in str(card.plain_text)
    await local.tap_label(local._("✅ Approve {name}", name="Yasmine"))
    await local.tap_label(local._("✅ Yes, approve {name}", name="Yasmine"))
    stored = await store.drivers.get(driver.id)
    assert stored is not None and stored.status is DriverStatus.VETTED

    # Blocked from the card: the reason is asked, and tonight's shift goes.
    night, closes_at = tonight(brussels, clock.now)
    terms = ShiftTerms(time(20), time(23), 4, 2)
    await drivers.save_shift(Services(store), 3100, brussels.id, night, closes_at, terms, clock.now)
    assert len(await store.shifts.vetted(brussels.id, night)) == 1
    await local.command("drivers")
    await local.reply()
    await local.tap_label(local._("⛔ Block {name}", name="Yasmine"))
    await local.say("Rijdt te snel")
    account = await store.users.get(3100)
    assert account is not None and account.blocked
    assert await store.shifts.vetted(brussels.id, night) == []


async def test_a_driver_sees_and_erases_their_data(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    store: Store = bot.bot_data.store
    [site] = await store.sites.all()
    await store.users.touch(3200, clock.now)
    details = DriverDetails(
        "Nadia",
        "+32 470 11 11 11",
        Household.SINGLE_WOMAN,
        frozenset({GroupType.FAMILIES}),
        3,
        2,
        (site.id,),
    )
    services = Services(store)
    driver = (await drivers.register(services, 3200, details, clock.now)).driver
    # Approved without a notice, so that the chat holds only what the test does.
    await store.db.write("UPDATE drivers SET status = 'vetted' WHERE id = ?", (driver.id,))
    nadia = Person.join(emulator, 3200, "en", "Nadia")
    await nadia.command("shift")
    await nadia.tap_label("20:00")
    await nadia.tap_label("23:00")
    await nadia.tap_label("3")
    await nadia.tap_label("2")
    await nadia.tap("✅ Save my shift")

    mine = str((await nadia.command("mydata")).plain_text)
    assert "As a driver" in mine and "Nadia" in mine and "+32 470 11 11 11" in mine
    assert "Shift for the night of" in mine
    await nadia.command("forget")
    erased = await nadia.tap("🗑 Yes, erase everything")
    assert "erased" in str(erased.plain_text)
    assert await store.drivers.get(driver.id) is None
    assert await store.shifts.since(driver.id, clock.now.date() - timedelta(days=1)) == []


async def test_a_weekly_pattern_reminds_once_and_sets_tonight_s_shift(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    store: Store = bot.bot_data.store
    [site] = await store.sites.all()
    await store.users.touch(3300, clock.now)
    details = DriverDetails(
        "Omar", "+32 470 22 22 22", Household.COUPLE, frozenset(GroupType), 4, 0, (site.id,)
    )
    driver = (await drivers.register(Services(store), 3300, details, clock.now)).driver
    await store.db.write("UPDATE drivers SET status = 'vetted' WHERE id = ?", (driver.id,))
    omar = Person.join(emulator, 3300, "en", "Omar")
    await omar.command("drive")
    await omar.tap("🔁 Set a weekly pattern")
    await omar.toggle("Monday")
    await omar.tap("✔️ Done")
    await omar.tap_label("16:00")
    await omar.tap_label("20:00")
    await omar.tap_label("23:00")
    await omar.tap_label("4")
    saved = await omar.tap_label("2")
    assert "Monday" in str(saved.plain_text)

    context = BotContext(bot)
    clock.now = datetime(2026, 11, 23, 15, 5, tzinfo=UTC)  # Monday 16:05 in Brussels
    assert await send_driver_reminders(context) == 1
    assert await send_driver_reminders(context) == 0  # never twice the same night
    reminder = await omar.reply()
    assert reminder.plain_text == driver_texts.pattern_reminder(omar.t, time(20), time(23))
    confirmed = await omar.tap("✅ Yes, I drive tonight")
    assert confirmed.plain_text == driver_texts.shift_saved(omar.t, time(19))
    [shift] = await store.shifts.vetted(site.id, clock.now.date())
    assert (shift.driver_id, shift.seats, shift.trips) == (driver.id, 4, 2)


async def test_an_admin_switches_the_car_rule_off_and_a_man_may_then_drive_women(
    emulator: BotApiEmulator, bot: Any
) -> None:
    store: Store = bot.bot_data.store
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    listing = await admin.command("drivers")
    assert driver_texts.car_rule(admin.t, True) in str(listing.text)
    switched = await admin.tap("🔁 Switch off the non-mixité rule in cars")
    assert driver_texts.car_rule(admin.t, False) in str(switched.text)
    [site] = await store.sites.all()
    assert await store.drivers.mixed_sites() == {site.id}

    karim = Person.join(emulator, 3400, "ar", "Karim")
    await karim.command("drive")
    await karim.tap("📝 Register as a driver")
    await karim.tap("✅ I accept the charter")
    await karim.say("كريم")
    await karim.say("+32 470 33 33 33")
    drives = await karim.tap("A man, driving alone")
    assert "▫️ " + karim._("Single women") in str(drives.buttons)


async def test_a_driver_with_a_ride_tonight_hands_it_over_before_forgetting(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    """Mid-evening: the driver is asked to hand the ride over and the dispatchers are alerted;
    once the ride is given to someone else, /forget erases them."""
    store: Store = bot.bot_data.store
    [site] = await store.sites.all()
    night, closes_at = tonight(site, clock.now)
    for user_id in (3500, 3501, 3502):
        await store.users.touch(user_id, clock.now)
    host = await vetted_host(store, 3501, site.id, clock.now, name="Marie")
    await store.offers.save(
        host_id=host.id, site_id=site.id, night=night, closes_at=closes_at, beds=2,
        latest_pickup=time(21, 30), nights=1, note=None, now=clock.now,
    )  # fmt: skip
    await store.requests.record_consent(3502, 1, clock.now)
    group = NewRequest(site.id, night, closes_at, "Hawa", Party(1, 0, 0), ("fr",), False, False)
    await store.requests.save_for_user(3502, group, clock.now)
    await store.evening.close(site.id, night, closes_at, clock.now)
    [match_id] = (await pass_alone(store, site.id, night, clock.now, solve)).matches
    details = DriverDetails("Ali", "+32 470 44 44 44", Household.COUPLE, frozenset(GroupType), 4, 0,
                            (site.id,))  # fmt: skip
    services = Services(store)
    driver = (await drivers.register(services, 3500, details, clock.now)).driver
    await store.db.write("UPDATE drivers SET status = 'vetted' WHERE id = ?", (driver.id,))
    terms = ShiftTerms(time(20), time(23), 4, 2)
    await drivers.save_shift(services, 3500, site.id, night, closes_at, terms, clock.now)
    [shift] = await store.shifts.vetted(site.id, night)
    await store.db.write(
        "INSERT INTO rides (match_id, shift_id, status, created_at, updated_at)"
        " VALUES (?, ?, 'assigned', '2026-11-23T18:00:00+00:00', '2026-11-23T18:00:00+00:00')",
        (match_id, shift.id),
    )

    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    ali = Person.join(emulator, 3500, "en", "Ali")
    refused = await ali.command("forget")
    assert refused.text == driver_texts.hand_over_first(ali.t)
    assert await admin.text() == plain(driver_texts.hand_over_alert(admin.t, "Ali"))
    assert await store.drivers.get(driver.id) is not None

    await store.db.write("UPDATE rides SET shift_id = NULL, status = 'unassigned'")
    await ali.command("forget")
    await ali.tap("🗑 Yes, erase everything")
    assert await store.drivers.get(driver.id) is None


async def test_a_change_of_crew_goes_back_to_vetting_and_the_dispatchers_hear_of_it(
    emulator: BotApiEmulator, bot: Any, clock: Clock
) -> None:
    store: Store = bot.bot_data.store
    [site] = await store.sites.all()
    await store.users.touch(3600, clock.now)
    details = DriverDetails(
        "Lotte", "+32 470 55 55 55", Household.COUPLE, frozenset(GroupType), 4, 0, (site.id,)
    )
    driver = (await drivers.register(Services(store), 3600, details, clock.now)).driver
    await store.db.write("UPDATE drivers SET status = 'vetted' WHERE id = ?", (driver.id,))
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    lotte = Person.join(emulator, 3600, "nl", "Lotte")
    await lotte.command("drive")
    again = await lotte.tap("✏️ Change my details")
    assert lotte._("✅ I accept the charter") not in str(again.buttons)  # the charter stands
    await lotte.say("Lotte")
    await lotte.say("+32 470 55 55 55")
    await lotte.tap("A woman, driving alone")
    await lotte.toggle(lotte._("Single women"))
    await lotte.tap("✔️ Done")
    await lotte.tap_label("4")
    await lotte.tap_label("0")
    saved = await lotte.tap("✅ Confirm")
    assert saved.plain_text == plain(driver_texts.back_to_vetting(lotte.t))
    assert await admin.text() == plain(driver_texts.revet_alert(admin.t, driver.id, "Lotte"))
    stored = await store.drivers.get(driver.id)
    assert stored is not None and stored.status is DriverStatus.PENDING
    assert stored.details.crew is Household.SINGLE_WOMAN
