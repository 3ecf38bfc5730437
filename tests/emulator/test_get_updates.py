"""getUpdates semantics over raw HTTP: offset, limit, long polling, conflicts, encodings."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from emulator import BotApiEmulator
from tests.emulator.conftest import api_url, polls_started, wait_until


async def get_updates(
    http: httpx.AsyncClient, emu: BotApiEmulator, **params: Any
) -> httpx.Response:
    data = {k: json.dumps(v) if isinstance(v, list) else str(v) for k, v in params.items()}
    return await http.post(api_url(emu, "getUpdates"), data=data)


def ids(response: httpx.Response) -> list[int]:
    body = response.json()
    assert body["ok"] is True, body
    return [update["update_id"] for update in body["result"]]


async def test_offset_and_limit(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    user = emu.user(1001)
    for text in ("one", "two", "three"):
        await user.send(text)
    assert emu.pending_updates() == 3 and emu.updates_confirmed == -1
    assert ids(await get_updates(http, emu, limit=2)) == [1, 2]
    assert ids(await get_updates(http, emu, offset=2)) == [2, 3]
    assert emu.updates_confirmed == 1 and emu.pending_updates() == 2
    assert ids(await get_updates(http, emu, offset=4)) == []
    assert emu.updates_confirmed == 3 and emu.pending_updates() == 0
    await user.send("four")
    assert ids(await get_updates(http, emu, offset=4, limit=0)) == [4]  # clamped to 1


async def test_negative_offset_keeps_the_tail(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    user = emu.user(1001)
    for text in ("one", "two", "three"):
        await user.send(text)
    assert ids(await get_updates(http, emu, offset=-1)) == [3]
    assert emu.pending_updates() == 1


async def test_allowed_updates_filter(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    user = emu.user(1001)
    await user.send("hi")
    user.block()
    response = await get_updates(http, emu, allowed_updates=["my_chat_member"])
    (update,) = response.json()["result"]
    assert update["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    assert ids(await get_updates(http, emu, allowed_updates=[])) == [1, 2]


async def test_long_poll_wakes_on_new_update(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    poll = asyncio.create_task(get_updates(http, emu, timeout=5))
    await wait_until(lambda: polls_started(emu) == 1)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await emu.user(1001).send("wake up")
    response = await asyncio.wait_for(poll, 2)
    assert ids(response) == [1]
    assert loop.time() - started < 2


async def test_long_poll_times_out_empty(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert ids(await get_updates(http, emu, timeout=0.2)) == []
    assert loop.time() - started >= 0.2


async def test_second_poll_terminates_the_first(
    emu: BotApiEmulator, http: httpx.AsyncClient
) -> None:
    first = asyncio.create_task(get_updates(http, emu, timeout=5))
    await wait_until(lambda: polls_started(emu) == 1)
    second = await get_updates(http, emu, timeout=0)
    assert ids(second) == []
    response = await asyncio.wait_for(first, 2)
    assert response.status_code == 409
    assert response.json() == {
        "ok": False,
        "error_code": 409,
        "description": "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
    }


async def test_client_disconnect_loses_nothing(
    emu: BotApiEmulator, http: httpx.AsyncClient
) -> None:
    poll = asyncio.create_task(get_updates(http, emu, timeout=5))
    await wait_until(lambda: polls_started(emu) == 1)
    poll.cancel()
    await asyncio.gather(poll, return_exceptions=True)
    await emu.user(1001).send("still here")
    assert ids(await get_updates(http, emu, timeout=1)) == [1]


async def test_webhook_excludes_polling(emu: BotApiEmulator, http: httpx.AsyncClient) -> None:
    await emu.user(1001).send("hi")
    await http.post(api_url(emu, "setWebhook"), data={"url": "https://example.org/hook"})
    response = await get_updates(http, emu)
    assert response.status_code == 409
    assert "webhook is active" in response.json()["description"]
    await http.post(api_url(emu, "deleteWebhook"), data={"drop_pending_updates": "true"})
    assert emu.pending_updates() == 0
    assert ids(await get_updates(http, emu)) == []


async def test_json_body_query_string_and_method_case(
    emu: BotApiEmulator, http: httpx.AsyncClient
) -> None:
    await emu.user(1001).start()
    by_json = await http.post(api_url(emu, "SENDMESSAGE"), json={"chat_id": 1001, "text": "a"})
    assert by_json.json()["result"]["text"] == "a"
    by_query = await http.get(api_url(emu, "sendmessage"), params={"chat_id": "1001", "text": "b"})
    assert by_query.json()["result"]["text"] == "b"
    markup = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}
    form = {"chat_id": "1001", "text": "c", "reply_markup": json.dumps(markup)}
    by_form = await http.post(api_url(emu, "sendMessage"), data=form)
    assert by_form.json()["result"]["reply_markup"] == markup
    assert [name for name, _ in emu.calls] == ["sendMessage"] * 3
    assert emu.calls[0][1] == {"chat_id": 1001, "text": "a"}
    me = await http.get(api_url(emu, "getme"))
    assert me.json()["result"]["username"] == "nightdispatch_bot"


async def test_stop_ends_a_running_long_poll(http: httpx.AsyncClient) -> None:
    emu = BotApiEmulator()
    await emu.start()
    poll = asyncio.create_task(get_updates(http, emu, timeout=30))
    await wait_until(lambda: polls_started(emu) == 1)
    await asyncio.wait_for(emu.stop(), 2)
    response = await asyncio.wait_for(poll, 2)
    assert ids(response) == []


async def test_restart_keeps_port_and_state(http: httpx.AsyncClient) -> None:
    emu = BotApiEmulator()
    await emu.start()
    port = emu.port
    await emu.user(1001).send("before outage")
    await emu.stop()
    with pytest.raises(httpx.TransportError):
        await get_updates(http, emu)
    await emu.start()
    try:
        assert emu.port == port
        assert ids(await get_updates(http, emu, timeout=1)) == [1]
    finally:
        await emu.stop()
