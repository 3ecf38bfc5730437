"""Shared fixtures for the emulator's own tests."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from telegram import Bot

from emulator import BotApiEmulator
from tests.waiting import until

# PTB >= 22.2 warns when it builds RetryAfter with int seconds unless opted in to timedelta;
# the suite treats warnings as errors.
os.environ["PTB_TIMEDELTA"] = "1"


class FakeClock:
    """A settable clock so rate-limit tests move time instead of sleeping."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emulator:
        yield emulator


@pytest.fixture
async def bot(emu: BotApiEmulator) -> AsyncIterator[Bot]:
    async with Bot(emu.token, base_url=emu.base_url) as telegram_bot:
        yield telegram_bot


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


def api_url(emu: BotApiEmulator, method: str) -> str:
    """The full URL of a method, as PTB builds it."""
    return f"{emu.base_url}{emu.token}/{method}"


async def wait_until(condition: Callable[[], bool], timeout: float = 2.0) -> None:
    """Wait for a condition on emulator state (not for a schedule); fail after timeout."""
    await until(condition, what="the emulator's state", timeout=timeout, every=0.005)


def polls_started(emu: BotApiEmulator) -> int:
    """How many getUpdates calls reached the emulator so far."""
    return sum(1 for name, _ in emu.calls if name == "getUpdates")
