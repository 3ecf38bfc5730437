"""The real bot, over real HTTP, against the Bot API emulator on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.config import Config
from bot.lifecycle import polling
from emulator import BotApiEmulator

ADMIN_ID = 9000
# Monday 23 November 2026, 18:30 in Brussels: half an hour before the default cut-off.
FIXED_NOW = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)


class Clock:
    """The injected clock: tests move it; nothing sleeps for a schedule."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


RunningBot = Callable[..., AbstractAsyncContextManager[Any]]


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emu:
        yield emu


@pytest.fixture
def bot_config(emulator: BotApiEmulator, tmp_path: Path) -> Config:
    return Config(
        token=emulator.token,
        api_base_url=emulator.base_url,
        database=tmp_path / "night.sqlite3",
        admin_ids=frozenset({ADMIN_ID}),
        default_locale="en",
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot(bot_config: Config, clock: Clock) -> AsyncIterator[Any]:
    """The bot, polling the emulator, for the duration of one test."""
    application = build_application(bot_config, clock=clock)
    async with polling(application) as running:
        yield running
