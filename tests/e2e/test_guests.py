"""Guests end to end: privacy first, tonight's request, status, withdrawal, minors, walk-ins."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest

from dispatch.languages import SPOKEN
from emulator import BotApiEmulator
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person, plain
from tests.waiting import until
from views import guest_texts

pytestmark = pytest.mark.usefixtures("bot")
LANGUAGES = ["fr", "nl", "en", "ar"]
TONIGHT = date(2026, 11, 23)


async def agree_to_privacy(guest: Person) -> None:
    """The full notice is one tap away from the short one; agreeing there starts the request."""
    await guest.command("start", f"guest_{guest.locale}")
    notice = await guest.tap("ℹ️ What we keep")
    assert notice.plain_text == plain(guest_texts.privacy_notice(guest.t, 14))
    await guest.tap("✅ I agree")


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_a_woman_alone_asks_for_a_bed_and_withdraws(
    emulator: BotApiEmulator, locale: str
) -> None:
    guest = Person.join(emulator, 3000, locale, "Amina")
    await agree_to_privacy(guest)
    await guest.tap("👩 Me, a woman alone")
    for code in ("ar", "en"):
        if code != locale:  # the language she reads the bot in is ticked already
            await guest.toggle(SPOKEN[code])
    await guest.tap("✔️ Done")
    await guest.tap("No")  # no particular needs
    summary = await guest.say("Amina")
    spoken = guest.t.gettext(", ").join(
        guest.t.isolate(SPOKEN[code])
        for code in sorted({"ar", "en", locale}, key=list(SPOKEN).index)
    )
    assert "Amina" in str(summary.plain_text) and spoken in str(summary.plain_text)
    registered = await guest.tap("✅ Send my request")
    assert registered.plain_text == guest_texts.registered(
        guest.t, "Amina", "Brussels", TONIGHT, time(19, 0)
    )

    status = await guest.command("status")
    assert guest._("❌ Withdraw my request") in str(status.buttons)
    await guest.command("cancel")
    withdrawn = await guest.tap("Yes, withdraw it")
    assert withdrawn.plain_text == guest_texts.withdrawn(guest.t)
    assert (await guest.command("status")).plain_text == guest_texts.nothing_tonight(guest.t)


async def test_a_double_tap_on_an_option_ticks_it_once(emulator: BotApiEmulator) -> None:
    """Two presses of the same box before the keyboard changes (a double tap, or a press
    delivered again after a restart) leave it ticked, as the person meant."""
    guest = Person.join(emulator, 3002, "ar", "Mariam")
    await agree_to_privacy(guest)
    languages = await guest.tap("👩 Me, a woman alone")
    assert "✅ " + SPOKEN["ar"] in str(languages.buttons)  # her language, ticked already
    arabic = languages.button_data("▫️ " + SPOKEN["en"])
    assert arabic is not None
    await guest.user.press_data(arabic, message=languages)
    assert "✅ " + SPOKEN["en"] in str((await guest.reply()).buttons)
    answered = len(guest.user.callback_answers)
    await guest.user.press_data(arabic, message=languages)  # the same button, again
    # Answered, and nothing to change: no edit (a flip would untick it).
    await until(lambda: len(guest.user.callback_answers) > answered, what="the second tap's answer")
    assert len(guest.user.callback_answers) == answered + 1
    await guest.tap("✔️ Done")
    await guest.tap("No")
    summary = await guest.say("مريم")
    assert "العربية" in str(summary.plain_text) and "English" in str(summary.plain_text)


async def test_a_family_counts_in_arabic_digits_and_says_its_needs(
    emulator: BotApiEmulator,
) -> None:
    guest = Person.join(emulator, 3001, "ar", "Hassan")
    await agree_to_privacy(guest)
    await guest.tap("Me and other people (family, friends)")
    await guest.say("١")  # one woman
    await guest.say("١")  # one man
    ages = await guest.say("٢")  # two children
    assert any(guest._("Babies (0–2)") in label for row in ages.buttons for label in row)
    await guest.toggle(guest._("Children (3–11)"))
    await guest.tap("✔️ Done")
    await guest.tap("✔️ Done")  # Arabic is ticked already
    await guest.toggle(guest._("A medical need"))
    await guest.tap("✔️ Done")
    summary = await guest.say("حسن")
    text = str(summary.plain_text)
    assert guest.t.ngettext("{count} child", "{count} children", 2) in text
    assert guest._("A medical need") in text


async def test_an_empty_group_is_counted_again(emulator: BotApiEmulator) -> None:
    guest = Person.join(emulator, 3002, "en", "X")
    await agree_to_privacy(guest)
    await guest.tap("Me and other people (family, friends)")
    for _ in range(2):
        await guest.tap_label("0")
    again = await guest.tap_label("0")
    assert "A group has at least one person" in str(again.plain_text)
    assert "How many women" in str(again.plain_text)


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_a_minor_alone_is_sent_to_the_minors_service_and_dispatchers_are_told(
    emulator: BotApiEmulator, locale: str
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    minor = Person.join(emulator, 3003, locale, "Y")
    await agree_to_privacy(minor)
    answer = await minor.tap("I am under 18 and alone")
    assert answer.plain_text == guest_texts.minors(
        minor.t, guest_texts.generic_minors_service(minor.t)
    )
    alert = await admin.reply()
    assert "unaccompanied minor" in str(alert.plain_text)
    assert "tg://user?id=3003" in str(alert.text)
    assert (await minor.command("status")).plain_text == guest_texts.nothing_tonight(minor.t)


async def test_refusing_the_privacy_notice_stores_nothing(
    emulator: BotApiEmulator, bot: object
) -> None:
    guest = Person.join(emulator, 3004, "nl", "Z")
    await guest.command("start", "guest_nl")
    refused = await guest.tap("No, thank you")
    assert refused.plain_text == guest_texts.declined(
        guest.t, guest_texts.generic_alternatives(guest.t)
    )
    assert await bot.bot_data.store.requests.consent_version(3004) is None  # type: ignore[attr-defined]


async def test_after_the_evening_the_request_is_for_tomorrow(
    emulator: BotApiEmulator, clock: Clock
) -> None:
    clock.now = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)  # 23:30 in Brussels
    guest = Person.join(emulator, 3005, "fr", "Late")
    await agree_to_privacy(guest)
    await guest.tap("👨 Me, a man alone")
    await guest.tap("✔️ Done")  # French, ticked already
    await guest.tap("No")
    await guest.say("Moussa")
    done = await guest.tap("✅ Send my request")
    assert str(done.plain_text).startswith(guest_texts.for_tomorrow(guest.t))
    assert guest.t.date(date(2026, 11, 24), "full") in str(done.plain_text)


async def test_a_command_in_the_middle_keeps_the_form_and_old_buttons_are_answered(
    emulator: BotApiEmulator,
) -> None:
    guest = Person.join(emulator, 3006, "en", "W")
    await agree_to_privacy(guest)
    who_question = await guest.command("start", "guest")
    assert str(who_question.plain_text).startswith(
        guest._("You began this earlier. Here is where you stopped:")
    )  # /start says it resumes, rather than jumping silently to a middle question
    who_data = who_question.button_data("👩 Me, a woman alone")
    assert who_data is not None
    await guest.command("help")
    await guest.tap("👩 Me, a woman alone")
    # The first question's button pressed again (a double tap, an old copy of the message):
    # refused gently, and the current question is shown again.
    await guest.user.press_data(who_data)
    again = await guest.reply()
    assert "Which languages do you speak?" in str(again.plain_text)
    assert guest.user.callback_answers[-1].get("text") == (
        "This button is no longer active. Send /start to begin again."
    )
    current = await guest.command("start", "guest")
    assert "Which languages do you speak?" in str(current.plain_text)
    await guest.tap("✔️ Done")  # English, ticked already
    await guest.tap("No")
    summary = await guest.say("Wen")
    assert "1 woman" in str(summary.plain_text)


async def test_walk_in_intake_gives_a_pickup_code(emulator: BotApiEmulator) -> None:
    dispatcher = Person.join(emulator, ADMIN_ID, "fr", "Disp")
    await dispatcher.command("walkin")
    await dispatcher.say("Yonas")
    await dispatcher.tap_label(dispatcher._("Alone"))
    await dispatcher.tap("Man")
    await dispatcher.toggle(SPOKEN["ti"])
    await dispatcher.tap("✔️ Done")
    await dispatcher.tap("No")  # no particular needs
    done = await dispatcher.tap("✅ Register the group")
    code = re.search(r"<b>\u2068?([A-Z0-9]{4})\u2069?</b>", str(done.text))
    assert code is not None
    assert done.plain_text == plain(
        guest_texts.walkin_registered(
            dispatcher.t,
            "Yonas",
            dispatcher.t.ngettext("{count} man", "{count} men", 1),
            code.group(1),
        )
    )
    assert dispatcher._("➕ Register another group") in str(done.buttons)


async def test_walk_in_is_refused_to_others(emulator: BotApiEmulator) -> None:
    volunteer = Person.join(emulator, 3007, "en", "V")
    refused = await volunteer.command("walkin")
    assert refused.plain_text == "This is reserved for dispatchers."
