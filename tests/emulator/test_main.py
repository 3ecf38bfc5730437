"""The standalone entry point serves until cancelled."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from emulator.__main__ import _parse_args, serve
from tests.waiting import until


async def test_serve_prints_base_url_and_answers(capsys: pytest.CaptureFixture[str]) -> None:
    args = _parse_args(["--port", "0", "--token", "42:ABC"])
    task = asyncio.create_task(serve(args))
    printed: list[str] = []

    def banner() -> bool:
        printed.append(capsys.readouterr().out)
        return "base_url=" in "".join(printed)

    await until(banner, what="the banner", timeout=2, every=0.005)
    base_url = "".join(printed).split("base_url=")[1].strip()
    async with httpx.AsyncClient() as client:
        me = (await client.get(f"{base_url}42:ABC/getMe")).json()
    assert me["result"]["id"] == 42
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
