"""The demo's drivers and rides: a volunteer driver registers in the chat, is approved on
/drivers and declares tonight's shift before the cut-off; the host who needs a driver is matched
with a guest the car may take, confirms and types tonight's address; the driver is offered the
ride and takes it (only they read the address); the guest's meeting card names the driver; at
the meeting point the guest says the code, the driver types it, and the host taps "They are
here" when the car arrives."""

from __future__ import annotations

from collections.abc import Callable

from bot.app import NightApplication
from dispatch.models import MatchStatus
from emulator import BotMessage
from tools.actors import Person
from tools.demo_meeting import pickup_code, until

Say = Callable[[str], None]
DRIVER_NAME = "Yasmin"
ADDRESS = "Rue Haute 12, bell 3"
ADDRESS_QUESTION = (
    "Where should the driver bring your guests tonight? Type your address: street, number, "
    "doorbell. Only the driver who takes the ride will see it, and it is deleted after tonight."
)


async def register_driver(admin: Person, driver: Person) -> None:
    """/drive: the charter and a short registration; approved on /drivers; /shift for tonight
    (19:00–23:00, four seats, two trips)."""
    await driver.command("drive")
    await driver.tap("📝 Register as a driver")
    await driver.tap("✅ I accept the charter")
    await driver.say(DRIVER_NAME)
    await driver.say("+32 470 12 34 56")  # one site: answered by itself
    await driver.tap("A woman, driving alone")
    await driver.toggle(driver._("Single women"))
    await driver.toggle(driver._("Women with children"))
    await driver.tap("✔️ Done")
    await driver.tap_label("4")  # seats
    await driver.tap_label("1")  # child seats
    await driver.tap("✅ Confirm")
    await admin.user.command("drivers")
    label = f"✅ Approve {DRIVER_NAME}"
    while label not in str((await admin.reply()).buttons):
        pass
    await admin.tap_label(label)
    await admin.tap_label(f"✅ Yes, approve {DRIVER_NAME}")
    await driver.reply()  # approved
    await driver.command("shift")
    for label in ("19:00", "23:00", "4", "2"):
        await driver.tap_label(label)
    await driver.tap("✅ Save my shift")


async def _next_with(person: Person, label: str) -> BotMessage:
    """Read on until a message carrying this button (in the person's language)."""
    while True:
        message = await person.reply()
        if message.button_data(person._(label)):
            return message


async def play_rides(
    application: NightApplication,
    eva: Person,
    guests: list[Person],
    driver: Person,
    say: Say,
) -> Person:
    """Eva confirmed (with the other hosts); from her address to the guests at her door. The
    guest whose meeting card was shown."""
    store = application.bot_data.store
    night = application.bot_data.clock().date()
    [match_id] = await store.meeting.live_for_host(eva.user.chat_id, night)
    view = await store.evening.view(match_id)
    assert view is not None and view.status is MatchStatus.CONFIRMED
    guest = next(g for g in guests if g.user.chat_id == view.guest_chat_id)
    name = guest.user.record.first_name
    await until(eva, eva._(ADDRESS_QUESTION))
    await eva.say(ADDRESS)
    say(
        f"Eva needs a driver: matched with {name} while a car could take them (the matching "
        "counts tonight's seats and trips), she confirmed and typed tonight's address."
    )

    offer = await _next_with(driver, "✅ I take this ride")
    await driver.user.press(driver._("✅ I take this ride"), message=offer)
    card = await driver.reply()
    shown = ADDRESS in str(card.plain_text) and ADDRESS not in str(offer.plain_text)
    say(
        f"{DRIVER_NAME} ({driver.locale}) was offered the ride and took it; the address reached "
        f"her card{' and nobody else' if shown else ' (NOT as expected)'}."
    )

    meeting_card = await _next_with(guest, "📍 I am here")
    while DRIVER_NAME not in str(meeting_card.plain_text):
        meeting_card = await _next_with(guest, "📍 I am here")
    say(f"\n— what {name} ({guest.locale}) read:\n{meeting_card.plain_text}\n")

    await guest.user.press(guest._("📍 I am here"), message=meeting_card)
    await until(driver, "📍")  # "… is at the meeting point"
    await driver.user.press(driver._("👥 My guests are with me"))
    await until(driver, driver._("Type the pickup code your guests tell you."))
    await driver.user.send(pickup_code(str(meeting_card.text)))
    await until(guest, "✅")  # "… checked your code: your pickup is marked"
    say(f"{name} said “I am here” and the code; {DRIVER_NAME} typed it: the pickup is marked.")

    way = await _next_with(eva, "🏠 They are here")
    await eva.user.press(eva._("🏠 They are here"), message=way)
    await eva.reply()
    [(status, address)] = await store.db.every(
        "SELECT status, address FROM rides WHERE match_id = ?", (match_id,)
    )
    say(
        f"Eva tapped “They are here”: ride status {status}, the address "
        f"{'forgotten' if address is None else 'STILL STORED'}."
    )
    return guest
