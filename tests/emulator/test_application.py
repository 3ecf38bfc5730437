"""A full PTB Application, long polling the emulator, as the real bot runs."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from emulator import BotApiEmulator

PING = InlineKeyboardMarkup([[InlineKeyboardButton("Ping", callback_data="ping")]])


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"start args={context.args}")


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_html(f"echo: <b>{update.message.text}</b>", reply_markup=PING)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("pong!")
    await query.edit_message_text(f"pressed {query.data}")


@pytest.fixture
async def app(emu: BotApiEmulator) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    application = Application.builder().token(emu.token).base_url(emu.base_url).build()
    application.add_handler(CommandHandler("start", on_start))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    application.add_handler(CallbackQueryHandler(on_button))
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_echo_and_button_over_long_polling(
    emu: BotApiEmulator,
    app: Application,  # type: ignore[type-arg]
) -> None:
    user = emu.user(1001, "Amina", language_code="ar")
    await user.start("guest_ar")
    assert (await user.next_message()).text == "start args=['guest_ar']"
    await user.send("hello")
    reply = await user.next_message()
    assert reply.text == "echo: <b>hello</b>" and reply.plain_text == "echo: hello"
    assert reply.buttons == [["Ping"]]
    await user.press("Ping")
    edit = await user.next_message()
    assert edit.edited and edit.message_id == reply.message_id
    assert edit.text == "pressed ping" and edit.buttons == []
    assert user.callback_answers[0]["text"] == "pong!"
    await user.expect_silence(within=0.05)


async def test_updates_are_confirmed_on_stop(emu: BotApiEmulator) -> None:
    application = Application.builder().token(emu.token).base_url(emu.base_url).build()
    application.add_handler(MessageHandler(filters.TEXT, on_text))
    user = emu.user(1001)
    await user.send("queued before start")
    await application.initialize()
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    await user.next_message()
    await application.updater.stop()
    await application.stop()
    await application.shutdown()
    assert emu.pending_updates() == 0 and emu.updates_confirmed == 1
