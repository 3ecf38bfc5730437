"""Replies survive a 500 or two: the limiter sends again instead of raising at once; a 429
pauses only its chat; a sender's claim runs once, when the request really leaves."""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from telegram.error import BadRequest, NetworkError
from telegram.ext import ExtBot

from bot.retrying import LEAVING, NotClaimed, RetryingRateLimiter
from emulator import BotApiEmulator

# As bot.app does: PTB >= 22.2 warns on every RetryAfter unless its timedelta mode is chosen.
os.environ.setdefault("PTB_TIMEDELTA", "1")


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


async def test_a_429_pauses_its_own_chat_and_nobody_else() -> None:
    async with BotApiEmulator() as emu:
        for chat in (1, 2):
            await emu.user(chat).start()
        limiter = RetryingRateLimiter(backoff=0.01)
        async with ExtBot(emu.token, base_url=emu.base_url, rate_limiter=limiter) as bot:
            emu.drop_next("sendMessage", 429, retry_after=1)
            slow = asyncio.create_task(bot.send_message(1, "after the pause"))
            for _ in range(200):  # until Telegram's 429 has come back
                if limiter.paused_for(1) > 0:
                    break
                await asyncio.sleep(0.01)
            assert limiter.paused_for(1) > 0.3 and limiter.paused_for(2) == 0
            started = time.monotonic()
            await bot.send_message(2, "at once")  # another chat: not held by chat 1's 429
            assert time.monotonic() - started < limiter.paused_for(1) + 0.2 or not slow.done()
            await slow
        assert emu.messages_per_chat() == {1: 1, 2: 1}


async def test_a_notice_is_claimed_once_when_its_request_leaves_after_the_pause() -> None:
    async with BotApiEmulator() as emu:
        await emu.user(1).start()
        limiter = RetryingRateLimiter(backoff=0.01)
        claims: list[float] = []

        async def claim() -> bool:
            claims.append(time.monotonic())
            return True

        async with ExtBot(emu.token, base_url=emu.base_url, rate_limiter=limiter) as bot:
            limiter.pause(1, 0.3)  # an earlier 429 in this chat
            emu.drop_next("sendMessage", 429, retry_after=1)  # and one more on the way
            started = time.monotonic()
            token = LEAVING.set(claim)
            try:
                await bot.send_message(1, "notice")
            finally:
                LEAVING.reset(token)
        assert len(claims) == 1 and claims[0] - started >= 0.3  # not while it waited
        assert emu.messages_per_chat()[1] == 1


async def test_a_vetoed_claim_sends_nothing() -> None:
    async with BotApiEmulator() as emu:
        await emu.user(1).start()

        async def taken() -> bool:
            return False

        async with ExtBot(
            emu.token, base_url=emu.base_url, rate_limiter=RetryingRateLimiter()
        ) as bot:
            token = LEAVING.set(taken)
            try:
                with pytest.raises(NotClaimed):
                    await bot.send_message(1, "notice")
            finally:
                LEAVING.reset(token)
        assert emu.messages_per_chat().get(1, 0) == 0
