"""Random updates against the running bot: it never fails, always answers private messages in
the user's language, keeps its database consistent, and handles a redelivered update once."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_application
from bot.lifecycle import emulator_config, polling
from emulator import BotApiEmulator
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.fuzz_actions import ACTION, CAST, GROUP_ID
from tests.e2e.fuzz_harness import ErrorLog, Fuzzer


@pytest.fixture
def errors() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)


async def play(
    cast: list[int], actions: list[tuple[Any, ...]], database: Path, errors: ErrorLog
) -> None:
    """A fresh emulator and bot per example, so a failing example replays exactly."""
    errors.records.clear()
    async with BotApiEmulator() as emulator:
        # Alerts go to a group, so group buttons and error alerts are exercised too.
        emulator.group(GROUP_ID, "Dispatch")
        config = emulator_config(
            emulator, database, admin_ids=frozenset({ADMIN_ID}), dispatch_chat_id=GROUP_ID
        )
        async with polling(build_application(config, clock=Clock())):
            fuzzer = Fuzzer(emulator, database, errors, cast)
            try:
                for action in actions:
                    await fuzzer.play(action)
                fuzzer.check_database()
            finally:
                fuzzer.close()


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cast=CAST, actions=st.lists(ACTION, min_size=30, max_size=50))
async def test_random_updates_never_break_the_bot(
    tmp_path: Path, errors: ErrorLog, cast: list[int], actions: list[tuple[Any, ...]]
) -> None:
    """Any sequence of updates: no error, an answer in the right language, a sound database."""
    await play(cast, actions, tmp_path / f"fuzz-{next(_RUNS)}.sqlite3", errors)


_RUNS = itertools.count()
