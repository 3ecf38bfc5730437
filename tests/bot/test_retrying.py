"""Replies survive a 500 or two: the limiter sends again instead of raising at once."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, NetworkError
from telegram.ext import ExtBot

from bot.retrying import RetryingRateLimiter
from emulator import BotApiEmulator


async def send(emu: BotApiEmulator, text: str = "hi") -> None:
    limiter = RetryingRateLimiter(backoff=0.01)
    async with ExtBot(emu.token, base_url=emu.base_url, rate_limiter=limiter) as bot:
        await bot.send_message(1, text)


async def test_two_500s_in_a_row_still_deliver_once() -> None:
    async with BotApiEmulator() as emu:
        await emu.user(1).start()
        emu.drop_next("sendMessage", 500, times=2)
        await send(emu)
        assert emu.messages_per_chat()[1] == 1


async def test_a_third_500_is_raised_and_a_refusal_is_not_retried() -> None:
    async with BotApiEmulator() as emu:
        await emu.user(1).start()
        emu.drop_next("sendMessage", 500, times=3)
        with pytest.raises(NetworkError):
            await send(emu)
        with pytest.raises(BadRequest):
            await send(emu, "")
        assert emu.messages_per_chat()[1] == 0
