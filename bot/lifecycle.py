"""Run an Application inside an existing event loop (the tour, tests, the emulator demo).

`run_polling` owns its loop and its signals; these helpers start and stop the same pieces in
the caller's loop instead, in the order python-telegram-bot documents.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram import Update

from bot.config import Config
from bot.context import App
from emulator import BotApiEmulator


@asynccontextmanager
async def polling(application: App, *, poll_timeout: int = 1) -> AsyncIterator[App]:
    """Initialise, start and long-poll; stop everything on the way out, even after an error."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0, timeout=poll_timeout, allowed_updates=Update.ALL_TYPES
        )
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def emulator_config(emulator: BotApiEmulator, database: Path, **settings: Any) -> Config:
    """The production configuration, pointed at the local emulator."""
    return Config(
        token=emulator.token, api_base_url=emulator.base_url, database=database, **settings
    )
