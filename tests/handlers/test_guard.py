"""The guard: an update delivered twice (as around a crash) is answered once."""

from __future__ import annotations

from pathlib import Path

from telegram import Update

from bot.app import build_application
from bot.config import Config
from emulator import BotApiEmulator


async def test_the_same_update_twice_is_processed_once(tmp_path: Path) -> None:
    async with BotApiEmulator() as emulator:
        config = Config(
            token=emulator.token, api_base_url=emulator.base_url, database=tmp_path / "g.sqlite3"
        )
        application = build_application(config)
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        try:
            user = emulator.user(77, first_name="Twice", language_code="en")
            raw = await user.command("help")
            for _ in range(2):
                await application.process_update(Update.de_json(raw, application.bot))
            await user.next_message()
            await user.expect_silence(within=0.2)
            assert len(user.messages) == 1
        finally:
            await application.shutdown()
            assert application.post_shutdown is not None
            await application.post_shutdown(application)
