"""Redelivery: an update comes again under its own id, as after a lost getUpdates offset."""

from __future__ import annotations

import httpx

from emulator import BotApiEmulator
from tests.emulator.conftest import api_url


async def poll(http: httpx.AsyncClient, emu: BotApiEmulator, offset: int) -> list[int]:
    response = await http.post(api_url(emu, "getUpdates"), data={"offset": str(offset)})
    return [update["update_id"] for update in response.json()["result"]]


async def test_a_redelivered_update_comes_once_more_despite_the_offset(
    emu: BotApiEmulator, http: httpx.AsyncClient
) -> None:
    user = emu.user(1001)
    first = await user.send("one")
    assert await poll(http, emu, 0) == [1]
    assert await poll(http, emu, 2) == []
    emu.state.updates.redeliver(first)
    await user.send("two")
    assert emu.pending_updates() == 2
    assert await poll(http, emu, 2) == [1, 2]
    assert await poll(http, emu, 3) == [] and emu.pending_updates() == 0
