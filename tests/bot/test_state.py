"""Per-application state: two bots in one process share no lock, courier, flow or clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from telegram import CallbackQuery, Update, User

from bot.app import build_application
from bot.config import Config
from bot.context import BotContext
from handlers.replies import answer, start_update
from jobs.courier import courier_for


def _config(folder: Path) -> Config:
    return Config(token="1:fake", database=folder / "night.sqlite3", default_locale="en")


def test_each_application_has_its_own_state(tmp_path: Path) -> None:
    first = build_application(
        _config(tmp_path / "a"), clock=lambda: datetime(2026, 1, 1, tzinfo=UTC)
    )
    second = build_application(_config(tmp_path / "b"))
    one, two = first.bot_data, second.bot_data
    assert one is not two
    assert one.services.locks.passes is not two.services.locks.passes
    assert one.services.locks.closing is not two.services.locks.closing
    assert one.flows is not None and two.flows is not None and one.flows is not two.flows
    assert one.flows.get("offer") is not None
    assert courier_for(first, "outbox") is not courier_for(second, "outbox")
    assert courier_for(first, "outbox") is courier_for(first, "outbox")
    assert BotContext(first).state is one
    assert BotContext(first).now() == datetime(2026, 1, 1, tzinfo=UTC)
    assert BotContext(second).now().year >= 2026  # the system clock


class _Query(CallbackQuery):
    answers: list[str | None]

    async def answer(self, text: str | None = None, *args: object, **kwargs: object) -> bool:  # type: ignore[override]
        self.answers.append(text)
        return True


async def test_a_press_is_answered_once_per_update() -> None:
    """The record of answered presses belongs to the update being handled (its task)."""
    user = User(1, "Ana", is_bot=False)
    query = _Query("q1", user, "chat")
    object.__setattr__(query, "answers", [])
    update = Update(1, callback_query=query)

    async def handle() -> None:
        start_update()
        await answer(update, "first")
        await answer(update, "second")

    await asyncio.create_task(handle())
    await asyncio.create_task(handle())  # a redelivered update is a new one: answered again
    assert query.answers == ["first", "first"]
