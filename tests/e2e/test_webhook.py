"""Webhook mode, end to end: `python -m bot run` with WEBHOOK_URL, the emulator pushing."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp

from emulator import BotApiEmulator
from emulator.webhook import SECRET_HEADER
from tests.ports import free_port
from tests.waiting import until

SECRET = "s3cret_for-tests_long-enough-to-guess-never"


@asynccontextmanager
async def webhook_bot(emulator: BotApiEmulator, tmp_path: Path) -> AsyncIterator[str]:
    """The bot process in webhook mode; yields its webhook URL once Telegram knows it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    environ = {
        **os.environ,
        "BOT_TOKEN": emulator.token,
        "BOT_API_BASE_URL": emulator.base_url,
        "DATABASE": str(tmp_path / "night.sqlite3"),
        "DEFAULT_LOCALE": "en",
        "WEBHOOK_URL": url,
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
    }
    log = tmp_path / "bot.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=environ,
            stdout=output,
            stderr=output,
        )
        try:
            await until(
                lambda: emulator.state.webhook_url == url or process.returncode is not None,
                what=lambda: "the webhook to be set:\n" + log.read_text(),
                timeout=30,
            )
            assert emulator.state.webhook_url == url, log.read_text()
            yield url
        finally:
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), timeout=20) == 0, log.read_text()


async def test_the_bot_answers_updates_pushed_to_its_webhook(tmp_path: Path) -> None:
    async with BotApiEmulator() as emulator, webhook_bot(emulator, tmp_path):
        user = emulator.user(4343, first_name="Jonas", language_code="en")
        await user.start()
        reply = await user.next_message(timeout=20)
        assert reply.plain_text
        assert emulator.state.webhook_secret == SECRET
        assert not any(method == "getUpdates" for method, _ in emulator.calls)
        assert emulator.webhook_deliveries[-1][1] == 200


async def test_a_request_without_the_right_secret_is_refused(tmp_path: Path) -> None:
    """Someone who guessed the URL cannot feed the bot updates."""
    async with BotApiEmulator() as emulator, webhook_bot(emulator, tmp_path) as url:
        intruder = emulator.user(6666, first_name="Mallory")
        forged = {
            "update_id": 999_999,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 6666, "type": "private", "first_name": "Mallory"},
                "from": {"id": 6666, "is_bot": False, "first_name": "Mallory"},
                "text": "/start",
            },
        }
        async with aiohttp.ClientSession() as session:
            for headers in ({SECRET_HEADER: "wrong"}, {}):
                async with session.post(url, json=forged, headers=headers) as response:
                    assert response.status == 403
        await intruder.expect_silence(within=1.0)
