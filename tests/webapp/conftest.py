"""The real bot with its board page on a loopback port, the emulator, and two sites."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import build_application
from bot.config import Config
from bot.lifecycle import polling
from dispatch.models import Site
from emulator import BotApiEmulator
from tests.e2e.conftest import Clock, bot_config, clock, emulator  # noqa: F401 (fixtures)
from tests.ports import free_port

BOARD = "/board/"


@pytest.fixture
def web_config(bot_config: Config) -> Config:  # noqa: F811
    port = free_port()
    return replace(
        bot_config, health_port=port, webapp_url=f"http://127.0.0.1:{port}{BOARD.rstrip('/')}/"
    )


@pytest.fixture
async def web_bot(web_config: Config, clock: Clock) -> AsyncIterator[Any]:  # noqa: F811
    application = build_application(web_config, clock=clock)
    async with polling(application) as running:
        yield running


@pytest.fixture
async def sites(web_bot: Any, clock: Clock) -> tuple[Site, Site]:  # noqa: F811
    """The configured site (Brussels) and a second one (Liège)."""
    store = web_bot.bot_data.store
    [first] = await store.sites.all()
    second = await store.sites.add(replace(first, id=0, name="Liège"), clock.now)
    assert second is not None
    return first, second


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


def signed(telegram: BotApiEmulator, user_id: int, at: Clock, age: timedelta = timedelta()) -> str:
    """initData the emulator signs for this user, `age` before the bot's clock."""
    return telegram.user(user_id).web_app_init_data(int((at.now - age).timestamp()))


def api(config: Config, path: str) -> str:
    return f"{config.webapp_url}api/{path}"


__all__ = ["BOARD", "Path", "api", "signed"]
