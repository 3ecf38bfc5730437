"""An appeal whose request never left (refused connection, no connection in time) is sent
later; one that may have reached Telegram (no answer) is never sent again."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime, time
from pathlib import Path

from telegram import Bot

from bot.config import Config
from bot.context import BotData
from bot.i18n import Translators
from bot.transport import AiohttpRequest
from dispatch.appeals import AppealFilters, NewAppeal, Recipient, RecipientStatus
from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostStatus, Site
from emulator import BotApiEmulator
from emulator.faults import Faults
from jobs.appeal_sender import AppealSender
from storage.store import Store

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
HOST_USER = 5000


async def _appeal(store: Store) -> int:
    for user_id in (1, HOST_USER):
        await store.users.touch(user_id, NOW)
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    details = HostDetails(
        "Marie",
        None,
        Household.COUPLE,
        frozenset({GroupType.SINGLE_MEN}),
        ("fr",),
        False,
        False,
        True,
        (site.id,),
    )
    host = await store.hosts.register(HOST_USER, details, 1, NOW)
    await store.hosts.set_status(host.id, HostStatus.VETTED, NOW)
    appeal = NewAppeal(site.id, NOW.date(), 1, 7, 2, "", AppealFilters(site.id), 1)
    return await store.appeals.create(appeal, [Recipient(HOST_USER, host.id)], NOW)


async def _one_pass(tmp_path: Path, base_url: str, token: str, read_timeout: float) -> str:
    """Run the sender once over one recipient; the recipient's status afterwards."""
    config = Config(token=token, api_base_url=base_url, database=tmp_path / "a.sqlite3")
    store = Store(config.database)
    await store.open()
    try:
        appeal_id = await _appeal(store)
        request = AiohttpRequest(read_timeout=read_timeout, connect_timeout=0.5)
        bot = Bot(token, base_url=base_url, request=request)
        data = BotData(
            config=config, store=store, translators=Translators.load(), clock=lambda: NOW
        )
        sender = AppealSender(data, bot)
        await request.initialize()
        assert await sender._send_batch() == 1
        while sender._inflight:
            await asyncio.sleep(0.01)
        await sender._flush()
        await request.shutdown()
        row = await store.db.one(
            "SELECT status FROM appeal_recipients WHERE appeal_id = ?", (appeal_id,)
        )
        assert row is not None
        return str(row[0])
    finally:
        await store.close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nobody listens once it is closed


async def test_a_refused_connection_puts_the_appeal_back_in_the_queue(tmp_path: Path) -> None:
    base_url = f"http://127.0.0.1:{_closed_port()}/bot"
    status = await _one_pass(tmp_path, base_url, "1:refused", read_timeout=1.0)
    assert status == RecipientStatus.PENDING.value  # never left: it will be sent later


async def test_an_unanswered_request_is_counted_uncertain_and_not_repeated(
    tmp_path: Path,
) -> None:
    async with BotApiEmulator() as emulator:
        emulator.user(HOST_USER).record.started = True
        emulator.faults = Faults(share_timeout=1.0, hold_seconds=5.0)
        status = await _one_pass(tmp_path, emulator.base_url, emulator.token, read_timeout=0.3)
    assert status == RecipientStatus.UNCERTAIN.value  # it may have arrived: at most once
