"""Injected faults reach PTB as production's exceptions, and a faulty call is not performed."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from emulator import BotApiEmulator
from emulator.faults import Faults


def test_the_draw_is_seeded_and_keeps_to_the_shares() -> None:
    draws = [Faults(share_429=0.1, share_500=0.05, share_timeout=0.05, seed=3) for _ in "ab"]
    first, second = ([f.draw() for _ in range(2000)] for f in draws)
    assert first == second
    assert 150 < first.count("429") < 250 and 50 < first.count("timeout") < 150


def test_the_cli_spec_is_parsed_and_checked() -> None:
    assert Faults.parse("429=0.1,500=0.05,timeout=0.05", seed=1).shares == (0.1, 0.05, 0.05)
    with pytest.raises(ValueError, match="unknown fault"):
        Faults.parse("503=0.1")
    with pytest.raises(ValueError, match="add up"):
        Faults.parse("429=0.8,500=0.5")


@pytest.mark.parametrize(
    ("kind", "error"), [("429", RetryAfter), ("500", NetworkError), ("timeout", TimedOut)]
)
async def test_a_fault_is_raised_and_nothing_is_delivered(
    emu: BotApiEmulator, kind: str, error: type[Exception]
) -> None:
    await emu.user(1001).start()
    emu.faults = Faults(**{f"share_{kind}": 1.0})
    bot = Bot(emu.token, base_url=emu.base_url, request=HTTPXRequest(read_timeout=0.3))
    async with bot:
        with pytest.raises(error):
            await bot.send_message(1001, "hello")
        emu.faults = None
        await bot.send_message(1001, "hello")
    assert emu.messages_per_chat()[1001] == 1 and emu.duplicates() == {}
    assert emu.state.chats[1001].events[-1].text == "hello"
