"""The health endpoint and `nightdispatch health`: 200 when the bot can work, else 503."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.__main__ import main
from bot.app import build_application
from bot.health import probe
from bot.lifecycle import emulator_config, polling
from emulator import BotApiEmulator
from tests.ports import free_port
from tests.waiting import until


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def ask(port: int) -> tuple[int, dict[str, object]]:
    """`nightdispatch health` does a blocking GET: run it off the bot's event loop."""
    status, text = await asyncio.to_thread(probe, port)
    return status, json.loads(text.removeprefix("503 "))


async def test_a_running_bot_reports_healthy_with_its_figures(tmp_path: Path) -> None:
    port, clock = free_port(), Clock()
    async with BotApiEmulator() as emulator:
        config = emulator_config(emulator, tmp_path / "night.sqlite3", health_port=port)
        async with polling(build_application(config, clock=clock)):
            answers: list[tuple[int, dict[str, Any]]] = []

            async def ticked() -> bool:
                answers.append(await ask(port))
                return bool(answers[-1][1]["last_tick"])

            # The tick's first run, one second after start.
            await until(ticked, what="the tick's first run", timeout=6, every=0.1)
    status, body = answers[-1]
    assert status == 0
    assert body == {"database": "ok", "last_tick": "2026-11-23T17:30:00+00:00", "outbox_pending": 0}


async def test_an_overdue_tick_makes_the_bot_unhealthy(tmp_path: Path) -> None:
    port, clock = free_port(), Clock()
    async with BotApiEmulator() as emulator:
        config = emulator_config(emulator, tmp_path / "night.sqlite3", health_port=port)
        async with polling(build_application(config, clock=clock)):
            clock.now += timedelta(minutes=10)
            status, body = await ask(port)
    assert status == 1
    assert body["tick"] == "overdue"


async def test_a_closed_database_makes_the_bot_unhealthy(tmp_path: Path) -> None:
    port = free_port()
    async with BotApiEmulator() as emulator:
        config = emulator_config(emulator, tmp_path / "night.sqlite3", health_port=port)
        application = build_application(config)
        async with polling(application):
            await application.bot_data.store.db.close()
            status, body = await ask(port)
    assert status == 1
    assert body["database"] == "error: RuntimeError"


def test_the_command_fails_when_nothing_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["health"], environ={"HEALTH_PORT": str(free_port())}) == 1
    assert "no answer from http://127.0.0.1:" in capsys.readouterr().out


def test_the_command_says_when_the_endpoint_is_off(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["health"], environ={}) == 2
    assert "HEALTH_PORT is not set" in capsys.readouterr().out
