"""The first slice, end to end in four languages: /start, the picker, roles, help, fallbacks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from emulator import BotApiEmulator
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.people import TRANSLATORS

pytestmark = pytest.mark.usefixtures("bot")

WELCOME = {
    "fr": "Bienvenue.",
    "nl": "Welkom.",
    "en": "Welcome.",
    "ar": "أهلًا وسهلًا.",
}
NEED_A_BED = {
    "fr": "🛏 J’ai besoin d’un lit ce soir",
    "nl": "🛏 Ik heb vannacht een bed nodig",
    "en": "🛏 I need a bed tonight",
    "ar": "🛏 أحتاج إلى سرير الليلة",
}
OFFER_A_BED = {
    "fr": "🏠 Je peux offrir un lit ce soir",
    "nl": "🏠 Ik kan vannacht een bed aanbieden",
    "en": "🏠 I can offer a bed tonight",
    "ar": "🏠 يمكنني تقديم سرير الليلة",
}
GUEST_INTRO = {
    "fr": "Ni papiers, ni photos",
    "nl": "Geen papieren, foto's",
    "en": "No papers, photos",
    "ar": "لا أوراق ولا صور",
}
HOST_INTRO = {
    "fr": "Votre adresse n’est jamais transmise",
    "nl": "Uw adres wordt nooit via deze bot gedeeld",
    "en": "Your address is never shared",
    "ar": "لا يُشارَك عنوانكم أبدًا",
}
HELP = {
    "fr": "Ce que je peux faire",
    "nl": "Wat ik kan doen",
    "en": "What I can do",
    "ar": "ما يمكنني فعله",
}
LANGUAGES = ["fr", "nl", "en", "ar"]


def text_of(message: Any) -> str:
    return str(message.plain_text or "")


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_telegram_language_is_used_without_asking(
    emulator: BotApiEmulator, locale: str
) -> None:
    user = emulator.user(100 + LANGUAGES.index(locale), first_name="Test", language_code=locale)
    await user.start()
    welcome = await user.next_message()
    assert WELCOME[locale] in text_of(welcome)
    # Asking and offering wear different signs; with no link, asking comes first.
    assert welcome.buttons[:2] == [[NEED_A_BED[locale]], [OFFER_A_BED[locale]]]

    await user.press(NEED_A_BED[locale])
    guest = await user.next_message()
    assert guest.edited and GUEST_INTRO[locale] in text_of(guest)

    await user.press(TRANSLATORS[locale].gettext("↩️ Back"))
    menu = await user.next_message()
    assert WELCOME[locale] in text_of(menu)
    assert menu.buttons[0] == [NEED_A_BED[locale]]  # back from the guest's page: guest first
    await user.press(OFFER_A_BED[locale])
    assert HOST_INTRO[locale] in text_of(await user.next_message())
    await user.press(TRANSLATORS[locale].gettext("↩️ Back"))
    menu = await user.next_message()
    assert menu.buttons[0] == [OFFER_A_BED[locale]]  # back from the host's page: host first

    await user.command("help")
    assert HELP[locale] in text_of(await user.next_message())


async def test_an_unsupported_language_gets_the_picker_in_every_script(
    emulator: BotApiEmulator,
) -> None:
    user = emulator.user(200, first_name="Jonas", language_code="de")
    await user.start()
    picker = await user.next_message()
    assert picker.buttons == [["Français", "Nederlands"], ["English", "العربية"]]
    for prompt in (
        "Choisissez votre langue",
        "Kies uw taal",
        "Choose your language",
        "اختاروا لغتكم",
    ):
        assert prompt in text_of(picker)

    await user.press("Nederlands")
    assert WELCOME["nl"] in text_of(await user.next_message())
    assert user.callback_answers[-1].get("text") == "Taal opgeslagen: Nederlands."
    await user.command("help")
    assert HELP["nl"] in text_of(await user.next_message())


@pytest.mark.parametrize(
    ("payload", "telegram_language", "expected"),
    [
        ("guest_ar", "en", GUEST_INTRO["ar"]),
        ("guest_fr", None, GUEST_INTRO["fr"]),
        ("guest_nl", "ar", GUEST_INTRO["nl"]),
        ("guest_en", "fr", GUEST_INTRO["en"]),
        ("guest", "nl", GUEST_INTRO["nl"]),
        ("host", "fr", HOST_INTRO["fr"]),
        ("host_ar", "nl", HOST_INTRO["ar"]),
        ("host_nl", None, HOST_INTRO["nl"]),
        ("nonsense", "en", WELCOME["en"]),
    ],
)
async def test_deep_links_open_the_right_path_in_the_right_language(
    emulator: BotApiEmulator, payload: str, telegram_language: str | None, expected: str
) -> None:
    user = emulator.user(300, first_name="Poster", language_code=telegram_language)
    await user.start(payload)
    assert expected in text_of(await user.next_message())


async def test_a_deep_link_without_a_known_language_asks_then_keeps_the_path(
    emulator: BotApiEmulator,
) -> None:
    user = emulator.user(301, first_name="Poster", language_code="de")
    await user.start("guest")
    await user.next_message()
    await user.press("العربية")
    assert GUEST_INTRO["ar"] in text_of(await user.next_message())


async def test_a_saved_choice_wins_over_telegram_language(emulator: BotApiEmulator) -> None:
    user = emulator.user(400, first_name="Sara", language_code="ar")
    await user.command("language")
    await user.next_message()
    await user.press("Français")
    assert WELCOME["fr"] in text_of(await user.next_message())
    await user.start()
    assert WELCOME["fr"] in text_of(await user.next_message())


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("fr", "Je ne connais pas la commande /teleport."),
        ("nl", "Het commando /teleport ken ik niet."),
        ("en", "I do not know the command /teleport."),
        ("ar", "لا أعرف الأمر"),
    ],
)
async def test_unknown_commands_are_named_and_help_follows(
    emulator: BotApiEmulator, locale: str, expected: str
) -> None:
    user = emulator.user(500 + LANGUAGES.index(locale), first_name="X", language_code=locale)
    await user.command("teleport")
    reply = text_of(await user.next_message())
    assert expected in reply and HELP[locale] in reply


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_free_text_stickers_and_cancel_get_a_localized_answer(
    emulator: BotApiEmulator, locale: str
) -> None:
    user = emulator.user(600 + LANGUAGES.index(locale), first_name="X", language_code=locale)
    replies = []
    for act in (
        lambda: user.send("bonjour, j'ai besoin d'aide"),
        user.send_sticker,
        user.send_photo,
        lambda: user.command("cancel"),
    ):
        await act()
        replies.append(text_of(await user.next_message()))
    assert all("/start" in reply for reply in replies)
    assert len(set(replies)) == 3  # free text, not-text (sticker and photo alike), cancel
    assert replies[1] == replies[2]


async def test_the_dispatch_entry_is_shown_only_to_dispatchers(emulator: BotApiEmulator) -> None:
    volunteer = emulator.user(700, first_name="Vol", language_code="en")
    await volunteer.start()
    assert ["🧭 Dispatch"] not in (await volunteer.next_message()).buttons

    admin = emulator.user(ADMIN_ID, first_name="Admin", language_code="fr")
    await admin.start()
    assert ["🧭 Coordination"] in (await admin.next_message()).buttons
    await admin.press("🧭 Coordination")
    board = text_of(await admin.next_message())
    assert "2 personnes ont écrit au bot jusqu’ici." in board


async def test_menus_and_descriptions_are_set_for_each_language(emulator: BotApiEmulator) -> None:
    for code in ("fr", "nl", "en", "ar", ""):
        assert [c["command"] for c in emulator.commands[("default", code)]] == [
            "start",
            "status",
            "language",
            "help",
            "nearby",
            "drive",
            "report",
            "cancel",
            "mydata",
            "forget",
        ]
        assert 0 < len(emulator.descriptions[code]) <= 512
        assert 0 < len(emulator.short_descriptions[code]) <= 120
    assert emulator.commands[("default", "ar")][3]["description"] == "ما يستطيع هذا البوت فعله"
    assert emulator.descriptions["nl"].startswith("Deze bot")


async def test_a_user_who_blocks_the_bot_is_marked_unreachable(
    emulator: BotApiEmulator, bot: Any
) -> None:
    user = emulator.user(800, first_name="B", language_code="en")
    await user.start()
    await user.next_message()
    user.block()
    # Chats are handled in parallel: wait (with a deadline) for the block to be handled.
    for _ in range(100):
        account = await bot.bot_data.store.users.get(800)
        if account is not None and account.unreachable:
            break
        await asyncio.sleep(0.05)
    assert account is not None and account.unreachable
