"""The test-facing driver: fake users and groups, button presses, waiting helpers."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import Forbidden

from emulator import BotApiEmulator


def inline(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(x, callback_data=f"cb:{x}")] for x in labels]
    )


async def test_user_is_idempotent_and_shapes_from(emu: BotApiEmulator) -> None:
    user = emu.user(1001, "Amina", language_code="ar")
    assert emu.user(1001) is user
    assert user.record.first_name == "Amina" and user.record.language_code == "ar"
    anonymous = emu.user(1002, language_code=None)
    update = await anonymous.send("hi")
    assert "language_code" not in update["message"]["from"]
    assert update["message"]["chat"] == {"id": 1002, "type": "private", "first_name": "User1002"}


async def test_commands_carry_bot_command_entities(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    help_update = await user.command("help")
    assert help_update["message"]["text"] == "/help"
    assert help_update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 5}]
    deep = await user.start("guest_ar")
    assert deep["message"]["text"] == "/start guest_ar"
    assert deep["message"]["entities"][0]["length"] == 6
    assert (await user.start())["message"]["text"] == "/start"
    assert "entities" not in (await user.send("no command"))["message"]
    parsed = Update.de_json(deep, bot)
    assert parsed.message is not None and parsed.message.text == "/start guest_ar"


async def test_every_driver_update_parses_in_ptb(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001, "Amina", language_code="ar")
    group = emu.group(-1001234, title="Dispatch")
    sent = await user.send("hi")
    await bot.send_message(1001, "pick", reply_markup=inline("Go"))
    updates = [
        sent,
        await user.share_location(50.85, 4.35),
        await user.send_sticker(),
        await user.send_photo(caption="look"),
        await user.edit(sent, "hi (edited)"),
        await user.press("Go"),
        await group.send(user, "hello group"),
    ]
    user.block()
    parsed = [Update.de_json(u, bot) for u in updates]
    assert [u.update_id for u in parsed] == list(range(1, 8))
    assert parsed[1].message and parsed[1].message.location
    assert parsed[2].message and parsed[2].message.sticker
    assert parsed[3].message and parsed[3].message.photo
    assert parsed[4].edited_message and parsed[4].edited_message.text == "hi (edited)"
    assert parsed[5].callback_query and parsed[5].callback_query.data == "cb:Go"
    assert parsed[6].message and parsed[6].message.chat.type == "supergroup"
    assert emu.pending_updates() == 8


async def test_press_targets_newest_message_with_label(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    old = await bot.send_message(1001, "old", reply_markup=inline("OK", "Old only"))
    new = await bot.send_message(1001, "new", reply_markup=inline("OK"))
    await bot.send_message(1001, "plain")
    query = (await user.press("OK"))["callback_query"]
    assert query["message"]["message_id"] == new.message_id
    assert query["data"] == "cb:OK" and query["from"]["id"] == 1001
    assert (await user.press("Old only"))["callback_query"]["message"]["text"] == "old"
    first = await user.next_message()
    pinned = await user.press("OK", message=first)
    assert pinned["callback_query"]["message"]["message_id"] == old.message_id
    with pytest.raises(LookupError, match=r"no button 'Missing'.*\['OK'\]"):
        await user.press("Missing")


async def test_press_url_button_is_refused(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Site", url="https://example.org")]])
    await bot.send_message(1001, "see", reply_markup=markup)
    with pytest.raises(LookupError, match="no callback_data"):
        await user.press("Site")


async def test_reply_keyboard_buttons(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("📍 Share location", request_location=True)], ["Cancel"]]
    )
    await bot.send_message(1001, "Where are you?", reply_markup=keyboard)
    shown = await user.next_message()
    assert shown.buttons == [["📍 Share location"], ["Cancel"]]
    sent = await bot.send_message(1001, "anything else")
    assert sent.reply_markup is None
    text = await user.press("Cancel")
    assert text["message"]["text"] == "Cancel"
    location = await user.press("📍 Share location")
    assert location["message"]["location"] == {"latitude": 50.8503, "longitude": 4.3517}
    await bot.send_message(1001, "bye", reply_markup=ReplyKeyboardRemove())
    with pytest.raises(LookupError):
        await user.press("Cancel")


async def test_next_message_timeout_lists_recent_messages(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    with pytest.raises(AssertionError, match="has sent nothing"):
        await user.next_message(timeout=0.05)
    await bot.send_message(1001, "first", reply_markup=inline("A"))
    await bot.send_location(1001, 1.5, 2.5)
    assert (await user.next_message()).text == "first"
    assert (await user.next_message()).kind == "location"
    with pytest.raises(AssertionError) as info:
        await user.next_message(timeout=0.05)
    report = str(info.value)
    assert "no new bot message in chat 1001" in report
    assert "'first' buttons=[['A']]" in report and "1.5,2.5" in report


async def test_expect_silence(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    await user.expect_silence(within=0.05)
    await bot.send_message(1001, "unread")
    with pytest.raises(AssertionError, match=r"(?s)expected silence.*'unread'"):
        await user.expect_silence(within=0.05)
    await user.next_message()
    await user.expect_silence(within=0.05)


async def test_block_and_unblock(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    user.block()
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(1001, "hello?")
    user.unblock()
    await bot.send_message(1001, "welcome back")
    updates = [u for u in (await bot.get_updates()) if u.my_chat_member]
    statuses = [
        (u.my_chat_member.old_chat_member.status, u.my_chat_member.new_chat_member.status)
        for u in updates
        if u.my_chat_member
    ]
    assert statuses == [("member", "kicked"), ("kicked", "member")]
    user.block()
    await user.send("/start")  # writing again unblocks, like the client's Restart button
    assert not user.record.blocked
    await bot.send_message(1001, "ok")


async def test_edit_requires_own_message(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    sent = await user.send("typo")
    edited = await user.edit(sent["message"]["message_id"], "fixed")
    assert edited["edited_message"]["text"] == "fixed"
    assert edited["edited_message"]["message_id"] == sent["message"]["message_id"]
    assert "edit_date" in edited["edited_message"]
    reply = await bot.send_message(1001, "bot text")
    with pytest.raises(LookupError):
        await user.edit(reply.message_id, "hijack")


async def test_callback_answers_are_recorded(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    await bot.send_message(1001, "pick", reply_markup=inline("A"))
    query = (await user.press("A"))["callback_query"]
    await bot.answer_callback_query(query["id"], text="Saved", show_alert=True)
    assert user.callback_answers == [
        {"callback_query_id": query["id"], "text": "Saved", "show_alert": True}
    ]


async def test_group_conversation(emu: BotApiEmulator, bot: Bot) -> None:
    group = emu.group(-1001234, title="Dispatch")
    assert emu.group(-1001234) is group
    amina = emu.user(1001, "Amina")
    update = await group.send(amina, "who hosts tonight?")
    assert update["message"]["chat"] == {"id": -1001234, "type": "supergroup", "title": "Dispatch"}
    assert (await group.command(amina, "help"))["message"]["entities"][0]["length"] == 5
    await bot.send_message(
        -1001234, "<b>Tonight</b>", parse_mode="HTML", reply_markup=inline("I host")
    )
    shown = await group.next_message()
    assert shown.plain_text == "Tonight" and shown.chat_id == -1001234
    assert [m.plain_text for m in group.messages] == ["Tonight"]
    press = await group.press(amina, "I host")
    assert press["callback_query"]["from"]["id"] == 1001
    await amina.expect_silence(within=0.01)
    with pytest.raises(Forbidden, match="initiate"):
        await bot.send_message(1001, "private hello")
    assert emu.group(-4321).messages == []
    assert (await bot.get_chat(-4321)).type == "group"
