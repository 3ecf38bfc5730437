"""A real, unmodified telegram.Bot talks to the emulator and parses every answer."""

from __future__ import annotations

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    MenuButtonCommands,
)
from telegram.constants import ParseMode

from emulator import BotApiEmulator

KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("العربية", callback_data="lang:ar")],
        [InlineKeyboardButton("Docs", url="https://example.org")],
    ]
)


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.first_name) == (123456, "nightdispatch_bot", "Night Dispatch")
    assert me.is_bot and me.can_join_groups is True
    assert me.supports_inline_queries is False


async def test_send_message_with_inline_keyboard(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001, "Amina", language_code="ar")
    await user.start()
    sent = await bot.send_message(
        1001, "<b>Choose</b> a language", parse_mode=ParseMode.HTML, reply_markup=KEYBOARD
    )
    assert sent.text == "Choose a language"
    assert sent.chat.id == 1001 and sent.chat.type == "private"
    assert sent.from_user is not None and sent.from_user.is_bot
    assert sent.reply_markup == KEYBOARD
    assert sent.text_html == "<b>Choose</b> a language"
    name, params = emu.calls[-1]
    assert name == "sendMessage"
    assert params["chat_id"] == 1001
    assert params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "lang:ar"
    seen = await user.next_message()
    assert seen.text == "<b>Choose</b> a language"
    assert seen.plain_text == "Choose a language"
    assert seen.parse_mode == "HTML"
    assert seen.buttons == [["العربية"], ["Docs"]]
    assert seen.button_data("العربية") == "lang:ar"
    assert seen.button_data("Docs") is None


async def test_edit_text_and_markup(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    sent = await bot.send_message(1001, "v1", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text(
        "v2", chat_id=1001, message_id=sent.message_id, reply_markup=KEYBOARD
    )
    assert not isinstance(edited, bool)
    assert edited.text == "v2" and edited.edit_date is not None
    cleared = await bot.edit_message_reply_markup(chat_id=1001, message_id=sent.message_id)
    assert not isinstance(cleared, bool) and cleared.reply_markup is None
    events = [await user.next_message() for _ in range(3)]
    assert [(e.text, e.edited, bool(e.buttons)) for e in events] == [
        ("v1", False, True),
        ("v2", True, True),
        ("v2", True, False),
    ]
    assert [m.text for m in user.messages] == ["v2"]
    assert await bot.delete_message(1001, sent.message_id) is True
    assert user.messages == []


async def test_commands_descriptions_and_name(emu: BotApiEmulator, bot: Bot) -> None:
    help_cmd = BotCommand("help", "مساعدة")
    assert await bot.set_my_commands([help_cmd], language_code="ar")
    scope = BotCommandScopeAllPrivateChats()
    assert await bot.set_my_commands([BotCommand("start", "Start")], scope=scope)
    assert emu.commands[("default", "ar")] == [{"command": "help", "description": "مساعدة"}]
    assert emu.commands[("all_private_chats", "")][0]["command"] == "start"
    assert await bot.get_my_commands(language_code="ar") == (help_cmd,)
    assert await bot.get_my_commands() == ()
    assert await bot.delete_my_commands(language_code="ar")
    assert ("default", "ar") not in emu.commands
    await bot.set_my_description("Long description", language_code="fr")
    await bot.set_my_short_description("Short")
    await bot.set_my_name("Nachtdienst", language_code="de")
    assert emu.descriptions == {"fr": "Long description"}
    assert emu.short_descriptions == {"": "Short"}
    assert emu.names == {"de": "Nachtdienst"}
    assert (await bot.get_my_description("fr")).description == "Long description"
    assert (await bot.get_my_short_description()).short_description == "Short"
    assert (await bot.get_my_name("de")).name == "Nachtdienst"
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert (await bot.get_chat_menu_button()).type == "commands"


async def test_location_venue_photo_document(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    location = await bot.send_location(1001, 50.85, 4.35)
    assert location.location is not None and location.location.latitude == 50.85
    venue = await bot.send_venue(1001, 50.85, 4.35, "Gare du Nord", "Rue du Progrès 86")
    assert venue.venue is not None and venue.venue.title == "Gare du Nord"
    photo = await bot.send_photo(1001, b"\x89PNG fake", caption="<i>map</i>", parse_mode="HTML")
    assert photo.photo and photo.caption == "map"
    upload = InputFile(b"id,name\n1,x\n", filename="export.csv")
    document = await bot.send_document(1001, upload, caption="Export")
    assert document.document is not None and document.document.file_name == "export.csv"
    again = await bot.send_document(1001, document.document.file_id)
    assert again.document is not None and again.document.file_id == document.document.file_id
    kinds = [(await user.next_message()).kind for _ in range(5)]
    assert kinds == ["location", "venue", "photo", "document", "document"]
    assert user.messages[1].venue == {
        "location": {"latitude": 50.85, "longitude": 4.35},
        "title": "Gare du Nord",
        "address": "Rue du Progrès 86",
    }
    assert user.messages[2].plain_text == "map"
    assert emu.files[document.document.file_id] == b"id,name\n1,x\n"
    assert emu.calls[-2][1]["document"]["filename"] == "export.csv"


async def test_chat_lookups_and_actions(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001, "Amina")
    group = emu.group(-1001234, title="Dispatch")
    await user.start()
    await group.send(user, "hi all")
    chat = await bot.get_chat(1001)
    assert chat.first_name == "Amina" and chat.type == "private"
    full = await bot.get_chat(-1001234)
    assert full.title == "Dispatch" and full.type == "supergroup"
    me = await bot.get_chat_member(-1001234, 123456)
    assert me.status == "administrator"
    member = await bot.get_chat_member(-1001234, 1001)
    assert member.status == "member" and member.user.id == 1001
    assert await bot.send_chat_action(1001, "typing")


async def test_webhook_round_trip(emu: BotApiEmulator, bot: Bot) -> None:
    assert await bot.set_webhook("https://example.org/hook")
    info = await bot.get_webhook_info()
    assert info.url == "https://example.org/hook"
    assert await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.log_out() and await bot.close()
