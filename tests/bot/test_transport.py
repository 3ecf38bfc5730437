"""The aiohttp transport behaves as PTB's HTTPXRequest does: same calls, same errors."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.app import build_application
from bot.config import Config
from bot.transport import MEDIA_WRITE_TIMEOUT, AiohttpRequest
from emulator import BotApiEmulator
from tests.ports import free_port


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator() as emu:
        yield emu


async def test_calls_uploads_and_refusals_go_through_a_bot(emulator: BotApiEmulator) -> None:
    user = emulator.user(3100, first_name="Lina", language_code="ar")
    await user.start()  # Telegram lets a bot write only to those who started it
    async with Bot(emulator.token, base_url=emulator.base_url, request=AiohttpRequest()) as bot:
        assert (await bot.get_me()).username
        sent = await bot.send_message(user.id, "مرحبا <b>ليلى</b>", parse_mode="HTML")
        assert sent.text == "مرحبا ليلى"
        document = io.BytesIO(b"night,beds\n2026-11-23,12\n")
        await bot.send_document(user.id, document, filename="stats.csv", caption="CSV")
        await bot.send_photo(user.id, b"\x89PNG\r\n\x1a\n" + bytes(64), caption="chart")
        with pytest.raises(BadRequest):
            await bot.send_message(user.id, "")
    received = [await user.next_message() for _ in range(3)]
    assert received[0].plain_text == "مرحبا ليلى"
    assert [(m.kind, m.text) for m in received[1:]] == [("document", "CSV"), ("photo", "chart")]
    assert received[1].file is not None and received[1].file["file_name"] == "stats.csv"
    assert received[1].file["file_size"] == 25


async def test_the_application_uses_it_with_api_timeout(emulator: BotApiEmulator) -> None:
    config = Config.from_environ(
        {"BOT_TOKEN": emulator.token, "BOT_API_BASE_URL": emulator.base_url, "API_TIMEOUT": "2.5"}
    )
    application = build_application(config)
    assert isinstance(application.bot.request, AiohttpRequest)
    assert application.bot.request.read_timeout == 2.5


async def test_an_unanswered_call_times_out() -> None:
    """A server that accepts and never answers: TimedOut after the read timeout, not later."""
    hold: list[asyncio.StreamWriter] = []

    async def never_answer(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        hold.append(writer)

    server = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    request = AiohttpRequest(read_timeout=0.2)
    await request.initialize()
    try:
        started = asyncio.get_running_loop().time()
        with pytest.raises(TimedOut):
            await request.do_request(f"http://127.0.0.1:{port}/botX/getMe", "POST")
        assert asyncio.get_running_loop().time() - started < 2
    finally:
        await request.shutdown()
        server.close()
        for writer in hold:
            writer.close()


async def test_an_unreachable_server_is_a_network_error() -> None:
    port = free_port()  # closed again: nothing listens there
    request = AiohttpRequest(connect_timeout=1.0)
    async with request:
        with pytest.raises(NetworkError) as raised:
            await request.do_request(f"http://127.0.0.1:{port}/botX/getMe", "POST")
    assert not isinstance(raised.value, TimedOut)
    assert "aiohttp." in str(raised.value)


async def test_it_must_be_initialized_and_can_start_again() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/botX/getMe", "POST")
    await request.initialize()
    await request.shutdown()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/botX/getMe", "POST")
    await request.initialize()  # PTB may initialize a bot again after a shutdown
    await request.shutdown()


def test_uploads_get_the_longer_write_time() -> None:
    request = AiohttpRequest(read_timeout=5.0, write_timeout=5.0)
    plain = request._timeout(*(request.DEFAULT_NONE,) * 4, uploads=False)
    upload = request._timeout(*(request.DEFAULT_NONE,) * 4, uploads=True)
    assert plain.sock_read == 5.0
    assert upload.sock_read == 5.0 + MEDIA_WRITE_TIMEOUT
    chosen = request._timeout(30.0, 1.0, 2.0, 3.0, uploads=False)  # a caller's own timeouts
    assert (chosen.sock_read, chosen.connect) == (30.0, 5.0)


async def test_a_proxy_from_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """Deployments behind an outgoing proxy set HTTPS_PROXY, as they did for httpx."""
    asked: list[bytes] = []

    async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        asked.append(await reader.readline())
        while (await reader.readline()).strip():
            pass  # the headers
        body = b'{"ok": true, "result": true}'
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(proxy, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    for name in ("HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}")
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    try:
        async with AiohttpRequest() as request:
            status, payload = await request.do_request("http://api.example/botX/logOut", "POST")
    finally:
        server.close()
    assert (status, payload) == (200, b'{"ok": true, "result": true}')
    assert asked == [b"POST http://api.example/botX/logOut HTTP/1.1\r\n"]
