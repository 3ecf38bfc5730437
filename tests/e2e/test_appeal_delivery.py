"""Urgent appeals through the real bot, over HTTP, against the emulator with Telegram's limits:
every host once, a 429 honoured, a blocked host marked, a restart that repeats and misses
nobody, and the dispatcher's progress message edited in place."""

from __future__ import annotations

import time as clock_time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import time
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.config import Config
from bot.lifecycle import polling
from dispatch.appeals import AppealFilters, AppealStatus, NewAppeal, Recipient, RecipientStatus
from dispatch.groups import GroupType, Household
from dispatch.models import HostDetails, HostStatus, Site
from emulator import BotApiEmulator
from emulator.limits import RateLimits
from jobs.appeal_sender import wake
from storage.store import Store
from tests.e2e.conftest import ADMIN_ID, FIXED_NOW, Clock
from tests.waiting import until
from views.appeal_keys import AppealBeds

DISPATCH_CHAT = -1001234
LOCALES = ("fr", "nl", "en", "ar")


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(rate_limits=RateLimits()) as emu:  # Telegram's own limits
        emu.group(DISPATCH_CHAT, "Dispatch")
        for user_id in (ADMIN_ID, *range(5000, 5040)):
            emu.user(user_id).record.started = True
        yield emu


@pytest.fixture
def bot_config(bot_config: Config) -> Config:
    return replace(bot_config, dispatch_chat_id=DISPATCH_CHAT)


async def seed(store: Store, count: int) -> list[Recipient]:
    """`count` vetted hosts in the four languages, users 5000, 5001, …"""
    [site] = await store.sites.all() or [
        await store.sites.ensure_default(
            Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), FIXED_NOW
        )
    ]
    recipients = []
    for n in range(count):
        user_id = 5000 + n
        await store.users.set_locale(user_id, LOCALES[n % 4], FIXED_NOW)
        details = HostDetails(
            f"H{n}",
            None,
            Household.COUPLE,
            frozenset({GroupType.SINGLE_MEN}),
            ("fr",),
            False,
            False,
            True,
            (site.id,),
        )
        host = await store.hosts.register(user_id, details, 1, FIXED_NOW)
        await store.hosts.set_status(host.id, HostStatus.VETTED, FIXED_NOW)
        recipients.append(Recipient(user_id, host.id))
    return recipients


async def create_appeal(store: Store, recipients: list[Recipient]) -> int:
    [site] = await store.sites.all()
    appeal = NewAppeal(
        site.id, FIXED_NOW.date(), ADMIN_ID, 7, 2, "", AppealFilters(site.id), ADMIN_ID
    )
    return await store.appeals.create(appeal, recipients, FIXED_NOW)


def hosts_reached(emulator: BotApiEmulator) -> dict[int, int]:
    return {c: n for c, n in emulator.messages_per_chat().items() if 5000 <= c < 6000}


async def test_every_host_gets_the_appeal_once_and_the_progress_is_edited_in_place(
    emulator: BotApiEmulator, bot: Any
) -> None:
    store: Store = bot.bot_data.store
    recipients = await seed(store, 12)
    appeal_id = await create_appeal(store, recipients)
    shown = await bot.bot.send_message(ADMIN_ID, "📤 Sending…")
    await store.appeals.set_progress_message(appeal_id, shown.message_id)
    wake(bot.bot_data)

    async def done() -> bool:
        return (await store.appeals.progress(appeal_id)).status is AppealStatus.DONE

    await until(done, what="the appeal to be done")
    assert hosts_reached(emulator) == {r.chat_id: 1 for r in recipients}
    assert emulator.rate_limited == 0
    message = emulator.user(5002).messages[-1]  # English
    assert "7 people, including 2 children" in str(message.plain_text)
    assert "طفلان" in str(emulator.user(5003).messages[-1].plain_text)  # Arabic, at send time
    assert message.button_data("🏠 I can take 2 tonight") == AppealBeds(appeal_id, 2).pack()
    assert message.button_data("🔕 No more appeals") == f"v1:appeal:optout:{appeal_id}"

    admin = emulator.user(ADMIN_ID)

    async def final_edit() -> bool:
        return "done" in str(admin.messages[-1].plain_text)

    await until(final_edit, what="the progress message's last edit")
    edits = [m for m in admin.messages if m.edited]
    assert {m.message_id for m in edits} == {shown.message_id}
    assert "Sent: 12 of 12 hosts" in str(edits[-1].plain_text)
    await until(lambda: len(emulator.group(DISPATCH_CHAT).messages) == 2, what="two lines")
    group = emulator.group(DISPATCH_CHAT).messages
    assert "going out to 12 hosts" in str(group[0].plain_text)
    assert "Sent: 12 of 12 hosts" in str(group[1].plain_text)


async def test_a_429_pauses_the_sender_and_loses_nobody(emulator: BotApiEmulator, bot: Any) -> None:
    store: Store = bot.bot_data.store
    recipients = await seed(store, 6)
    emulator.drop_next("sendMessage", 429, retry_after=1)
    started = clock_time.monotonic()
    appeal_id = await create_appeal(store, recipients)
    wake(bot.bot_data)

    async def all_sent() -> bool:
        return (await store.appeals.progress(appeal_id)).sent == 6

    await until(all_sent, what="six sent")
    assert clock_time.monotonic() - started >= 1.0  # the whole sender waited retry_after
    assert hosts_reached(emulator) == {r.chat_id: 1 for r in recipients}


async def test_a_host_who_blocked_the_bot_is_marked_unreachable(
    emulator: BotApiEmulator, bot: Any
) -> None:
    store: Store = bot.bot_data.store
    recipients = await seed(store, 3)
    emulator.user(5001).record.blocked = True
    appeal_id = await create_appeal(store, recipients)
    wake(bot.bot_data)

    async def settled() -> bool:
        return (await store.appeals.progress(appeal_id)).pending == 0

    await until(settled, what="no recipient pending")
    progress = await store.appeals.progress(appeal_id)
    assert (progress.sent, progress.unreachable) == (2, 1)
    account = await store.users.get(5001)
    assert account is not None and account.unreachable


async def test_a_restart_mid_appeal_sends_nobody_twice_and_misses_nobody(
    emulator: BotApiEmulator, bot_config: Config, tmp_path: Path
) -> None:
    config = replace(bot_config, appeal_rate=10)
    store = Store(config.database)
    await store.open()
    recipients = await seed(store, 30)
    appeal_id = await create_appeal(store, recipients)
    assert await store.appeals.queue.claim(appeal_id, 5029)  # a send cut short by a crash
    await store.close()

    async with polling(build_application(config, clock=Clock())) as first:
        await until(lambda: len(hosts_reached(emulator)) >= 10, what="ten hosts reached")
        first_store: Store = first.bot_data.store
        progress = await first_store.appeals.progress(appeal_id)
        assert progress.uncertain == 1 and progress.pending > 0
    assert len(hosts_reached(emulator)) < 29  # stopped mid-appeal

    async with polling(build_application(config, clock=Clock())) as second:
        second_store: Store = second.bot_data.store

        async def done() -> bool:
            return (await second_store.appeals.progress(appeal_id)).pending == 0

        await until(done, what="no recipient pending after the restart")
        progress = await second_store.appeals.progress(appeal_id)
    assert hosts_reached(emulator) == {r.chat_id: 1 for r in recipients[:29]}
    assert (progress.sent, progress.uncertain) == (29, 1)
    assert emulator.rate_limited == 0
    assert RecipientStatus.UNCERTAIN in progress.by_status
