"""The first minutes, as a tired guest or a new host lives them, in the four languages.

A first-time guest reads few words before the first question and asks for a bed in five taps;
a form left half-way is shown for what it is; after the cut-off no button leads nowhere.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from emulator import BotApiEmulator, BotMessage
from tests.e2e.conftest import Clock
from tests.e2e.test_evening import CUTOFF, offer, vetted_host
from tools.actors import Person, plain
from views import drafts_texts, guest_texts, host_texts

pytestmark = pytest.mark.usefixtures("bot")
LANGUAGES = ["fr", "nl", "en", "ar"]
MOST_WORDS_BEFORE_THE_FIRST_QUESTION = 60


def words(message: BotMessage) -> int:
    """Words a person reads in a message: its text and its buttons; emoji are not words."""
    labels = [label for row in message.buttons for label in row]
    tokens = " ".join([plain(str(message.plain_text or "")), *labels]).split()
    return sum(1 for token in tokens if any(ch.isalnum() for ch in token))


def counting(person: Person) -> list[int]:
    """Every press the person makes from now on is counted."""
    presses: list[int] = []
    press = person.user.press

    async def counted(label: str, *args: object, **kwargs: object) -> None:
        presses.append(1)
        await press(label, *args, **kwargs)  # type: ignore[arg-type]

    person.user.press = counted  # type: ignore[method-assign]
    return presses


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_a_guest_from_a_poster_reads_under_60_words_before_the_first_question(
    emulator: BotApiEmulator, locale: str
) -> None:
    guest = Person.join(emulator, 5000 + LANGUAGES.index(locale), locale, "Hawa")
    welcome = await guest.command("start", f"guest_{locale}")
    question = await guest.tap("🛏 Yes, ask for a bed")
    assert str(question.plain_text).startswith(guest._("Who needs a bed tonight?"))
    read = words(welcome)
    print(f"{locale}: {read} words before the first question (poster link)")
    assert read <= MOST_WORDS_BEFORE_THE_FIRST_QUESTION


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_a_guest_without_a_link_meets_a_short_menu_first(
    emulator: BotApiEmulator, locale: str
) -> None:
    """Without a poster's link the menu's own question comes first, in a few words; the
    request's first question follows the guest page (the menu adds under 20 words)."""
    guest = Person.join(emulator, 5005 + LANGUAGES.index(locale), locale, "Hawa")
    menu = await guest.command("start")
    page = await guest.tap("🛏 I need a bed tonight")
    question = await guest.tap("🛏 Yes, ask for a bed")
    assert str(question.plain_text).startswith(guest._("Who needs a bed tonight?"))
    print(f"{locale}: menu {words(menu)} words, then {words(page)} before the first question")
    assert words(menu) <= 20
    assert words(page) <= MOST_WORDS_BEFORE_THE_FIRST_QUESTION


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_the_welcome_says_the_cutoff_time_and_what_is_kept(
    emulator: BotApiEmulator, locale: str
) -> None:
    guest = Person.join(emulator, 5010 + LANGUAGES.index(locale), locale, "Hawa")
    welcome = await guest.command("start", f"guest_{locale}")
    expected = guest_texts.welcome(guest.t, CUTOFF.time().replace(hour=19, second=0), 14,
                                    consented=False)  # fmt: skip
    assert welcome.plain_text == plain(expected)
    assert guest.t.time(CUTOFF.time().replace(hour=19, second=0)) in str(welcome.plain_text)


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_a_person_alone_asks_for_a_bed_in_five_taps(
    emulator: BotApiEmulator, locale: str
) -> None:
    guest = Person.join(emulator, 5020 + LANGUAGES.index(locale), locale, "Hawa")
    await guest.command("start", f"guest_{locale}")
    presses = counting(guest)
    await guest.tap("🛏 Yes, ask for a bed")
    languages = await guest.tap("👩 Me, a woman alone")
    assert any(label.startswith("✅ ") for row in languages.buttons for label in row)
    needs = await guest.tap("✔️ Done")  # the language of the poster is ticked already
    assert [guest._("No")] in needs.buttons  # not "press Done if not"
    await guest.tap("No")
    await guest.say("Hawa")
    done = await guest.tap("✅ Send my request")
    assert "Hawa" in str(done.plain_text)
    assert len(presses) == 5


async def test_a_form_left_half_way_is_shown_with_carry_on_and_drop(
    emulator: BotApiEmulator,
) -> None:
    guest = Person.join(emulator, 5030, "fr", "Fatou")
    await guest.command("start", "guest_fr")
    await guest.tap("🛏 Yes, ask for a bed")
    status = await guest.command("status")
    assert status.plain_text == (
        drafts_texts.unfinished(guest.t, "request") + "\n\n" + drafts_texts.choose(guest.t)
    )
    question = await guest.tap("▶️ Carry on")
    assert guest._("Who needs a bed tonight?") in str(question.plain_text)
    await guest.command("status")
    dropped = await guest.tap("🗑 Drop it")
    assert dropped.plain_text == drafts_texts.dropped(guest.t)
    assert (await guest.command("status")).plain_text == guest_texts.nothing_tonight(guest.t)


async def test_an_offer_not_published_is_shown_on_the_hosts_home(
    emulator: BotApiEmulator,
) -> None:
    host = await vetted_host(emulator, 5040, "nl", "Paul")
    await host.command("offer")
    await host.tap_label("2")
    home = await host.command("start", "host")
    assert drafts_texts.unfinished(host.t, "offer") in str(home.plain_text)
    assert host._("▶️ Carry on") in str(home.buttons)


async def test_after_the_cutoff_a_host_is_not_offered_a_change_that_leads_nowhere(
    emulator: BotApiEmulator, clock: Clock
) -> None:
    host = await vetted_host(emulator, 5050, "fr", "Marie")
    await offer(host)
    clock.now = CUTOFF + timedelta(minutes=5)
    home = await host.command("start", "host")
    labels = str(home.buttons)
    assert host._("✏️ Change tonight's offer") not in labels
    assert host._("❌ Withdraw tonight's offer") not in labels
    assert host._("⚠️ Report a problem") in labels
    locked = await host.command("cancel")
    assert locked.plain_text == host_texts.offer_locked(host.t)
    assert host._("⚠️ Report a problem") in str(locked.buttons)


async def test_before_the_cutoff_the_host_can_still_change_the_offer(
    emulator: BotApiEmulator, clock: Clock
) -> None:
    clock.now = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
    host = await vetted_host(emulator, 5060, "en", "Eva")
    await offer(host)
    home = await host.command("start", "host")
    assert host._("✏️ Change tonight's offer") in str(home.buttons)


async def test_the_first_reply_to_an_arabic_hello_keeps_its_commands_readable(
    emulator: BotApiEmulator,
) -> None:
    """ "مرحبا" gets the fallback; its /start and /help sit in isolates, not reversed."""
    guest = Person.join(emulator, 5070, "ar", "Hawa")
    reply = await guest.say("مرحبا")
    text = str(reply.text)
    assert "\u2068/start\u2069" in text and "\u2068/help\u2069" in text
