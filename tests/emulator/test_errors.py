"""Every documented failure reaches PTB as the exception class production would raise."""

from __future__ import annotations

import datetime as dtm

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter

from emulator import BotApiEmulator, RateLimits
from tests.emulator.conftest import FakeClock, api_url


async def started(emu: BotApiEmulator, user_id: int = 1001) -> None:
    await emu.user(user_id).start()


async def test_wrong_token_is_invalid_token(emu: BotApiEmulator) -> None:
    bot = Bot("123456:WRONG", base_url=emu.base_url)
    with pytest.raises(InvalidToken):
        await bot.initialize()
    await bot.shutdown()


async def test_raw_error_envelopes(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    wrong = await http.post(f"{emu.base_url}123456:WRONG/getMe")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    unknown = await http.post(api_url(emu, "fooBar"))
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    stray = await http.get(f"http://127.0.0.1:{emu.port}/elsewhere")
    assert stray.status_code == 404
    bad_html = await http.post(
        api_url(emu, "sendMessage"), data={"chat_id": "1001", "text": "<foo>", "parse_mode": "HTML"}
    )
    assert bad_html.json()["description"] == "Bad Request: chat not found"
    await started(emu)
    bad_html = await http.post(
        api_url(emu, "sendMessage"),
        data={"chat_id": "1001", "text": "Hello there <foo>x</foo>", "parse_mode": "HTML"},
    )
    assert bad_html.status_code == 400
    assert bad_html.json()["description"] == (
        'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 12'
    )


@pytest.mark.parametrize(
    ("text", "parse_mode", "message"),
    [
        ("   ", None, "message text is empty"),
        ("<b> </b>", "HTML", "message text is empty"),
        ("a" * 4097, None, "message is too long"),
        (
            "<b>x",
            "HTML",
            "can't parse entities: can't find end tag corresponding to start tag \"b\"",
        ),
        ("1 & 2", "HTML", "can't parse entities: unescaped"),
    ],
)
async def test_text_errors(
    emu: BotApiEmulator, bot: Bot, text: str, parse_mode: str | None, message: str
) -> None:
    await started(emu)
    with pytest.raises(BadRequest) as info:
        await bot.send_message(1001, text, parse_mode=parse_mode)
    assert str(info.value).lower().startswith(message)


async def test_long_html_is_measured_after_parsing(emu: BotApiEmulator, bot: Bot) -> None:
    await started(emu)
    sent = await bot.send_message(1001, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    assert len(sent.text or "") == 4096


async def test_callback_data_over_64_bytes(emu: BotApiEmulator, bot: Bot) -> None:
    await started(emu)
    data = "é" * 33  # 33 characters, 66 bytes
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data=data)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(1001, "pick", reply_markup=markup)
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="é" * 32)]])
    await bot.send_message(1001, "pick", reply_markup=ok)


async def test_edit_and_delete_errors(emu: BotApiEmulator, bot: Bot) -> None:
    await started(emu)
    sent = await bot.send_message(1001, "<b>same</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is not modified: specified new message"):
        await bot.edit_message_text(
            "<strong>same</strong>", 1001, sent.message_id, parse_mode="HTML"
        )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(1001, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", 1001, 999)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(1001, 999)
    location = await bot.send_location(1001, 1.0, 2.0)
    with pytest.raises(BadRequest, match="There is no text in the message to edit"):
        await bot.edit_message_text("x", 1001, location.message_id)


async def test_chat_access_errors(emu: BotApiEmulator, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(4242, "hi")
    emu.user(1002)
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(1002, "hi")
    blocked = emu.user(1003)
    await blocked.start()
    blocked.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(1003, "hi")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_chat_action(1003, "typing")


async def test_reply_to_missing_message(emu: BotApiEmulator, bot: Bot) -> None:
    await started(emu)
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(1001, "hi", reply_to_message_id=999)
    await bot.send_message(1001, "hi", reply_to_message_id=999, allow_sending_without_reply=True)


async def test_answer_callback_query_once(emu: BotApiEmulator, bot: Bot) -> None:
    user = emu.user(1001)
    await user.start()
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    await bot.send_message(1001, "pick", reply_markup=markup)
    update = await user.press("Go")
    query_id = update["callback_query"]["id"]
    assert await bot.answer_callback_query(query_id, text="done")
    with pytest.raises(BadRequest, match="Query is too old and response timeout expired"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("nope")
    assert user.callback_answers == [{"callback_query_id": query_id, "text": "done"}]


async def test_rate_limits_per_chat() -> None:
    clock = FakeClock()
    async with BotApiEmulator(rate_limits=RateLimits(), clock=clock) as emu:
        await started(emu)
        async with Bot(emu.token, base_url=emu.base_url) as bot:
            for n in range(3):
                await bot.send_message(1001, f"burst {n}")
            with pytest.raises(RetryAfter) as info:
                await bot.send_message(1001, "one too many")
            assert info.value.retry_after == dtm.timedelta(seconds=1)
            assert emu.rate_limited == 1
            clock.advance(1.0)
            await bot.send_message(1001, "after waiting")


async def test_rate_limits_overall_and_group() -> None:
    clock = FakeClock()
    limits = RateLimits(
        per_chat_burst=100, per_chat_per_second=100, overall_per_second=2, group_per_minute=1
    )
    async with BotApiEmulator(rate_limits=limits, clock=clock) as emu:
        await started(emu, 1001)
        await started(emu, 1002)
        emu.group(-1001234)
        async with Bot(emu.token, base_url=emu.base_url) as bot:
            await bot.send_message(1001, "a")
            await bot.send_message(1002, "b")
            with pytest.raises(RetryAfter):
                await bot.send_message(1001, "c")
            clock.advance(10)
            await bot.send_message(-1001234, "group 1")
            with pytest.raises(RetryAfter) as info:
                await bot.send_message(-1001234, "group 2")
            assert info.value.retry_after == dtm.timedelta(seconds=60)
    assert emu.rate_limited == 2


async def test_drop_next_injects_faults(emu: BotApiEmulator, bot: Bot) -> None:
    emu.drop_next("getMe", status=500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.get_me()
    await bot.get_me()
    emu.drop_next("getme", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as info:
        await bot.get_me()
    assert info.value.retry_after == dtm.timedelta(seconds=7)
    emu.drop_next("getMe", status=400)
    with pytest.raises(BadRequest):
        await bot.get_me()
    assert [name for name, _ in emu.calls].count("getMe") == 6  # one from Bot.initialize
