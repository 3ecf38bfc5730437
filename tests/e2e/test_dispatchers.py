"""Dispatchers' roles and vetting, end to end: invite links, grants by number, revocation,
refusal and suspension with a reason the host reads in their own language."""

from __future__ import annotations

import re
from typing import Any

from dispatch.models import HostStatus
from emulator import BotApiEmulator
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.people import Person, plain
from tests.e2e.test_evening import offer, vetted_host
from tests.e2e.test_hosts import register_host
from tests.waiting import until
from views import roles_texts, vetting_texts


async def refused_press(person: Person, data: str) -> None:
    """Press forged or foreign callback data; the bot must answer with the refusal alert."""
    before = len(person.user.callback_answers)
    await person.user.press_data(data)
    await until(lambda: len(person.user.callback_answers) > before, what=f"an answer to {data}")
    answer = person.user.callback_answers[before]
    assert answer["text"] == person._("This is reserved for dispatchers."), (data, answer)


async def until_button(person: Person, label: str) -> None:
    while label not in str((await person.reply()).buttons):
        pass


async def read_until(person: Person, needle: str) -> str:
    """Read the person's messages until one contains `needle` (alerts may come first)."""
    while needle not in (text := plain(str((await person.reply()).text))):
        pass
    return text


async def test_an_invite_link_makes_one_dispatcher_who_can_be_removed(
    emulator: BotApiEmulator, bot: Any
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    listing = await admin.command("dispatchers")
    assert "0 dispatchers" in plain(str(listing.text))
    link = await admin.tap("🔗 Invite link: every site")
    token = re.search(r"start=(inv_[\w-]+)", str(link.plain_text))
    assert token, link.plain_text

    fatima = Person.join(emulator, 6000, "ar", "Fatima")
    await fatima.user.command("start", token.group(1))
    everywhere = roles_texts.where(fatima.t, None, {})
    assert (await fatima.reply()).text == roles_texts.welcome_dispatcher(fatima.t, everywhere)
    board = await fatima.command("board")
    assert "📋" in str(board.text)

    intruder = Person.join(emulator, 6001, "fr", "Paul")
    await intruder.user.command("start", token.group(1))
    assert (await intruder.reply()).text == roles_texts.invite_invalid(intruder.t)
    refused = intruder._("This is reserved for dispatchers.")
    assert (await intruder.command("board")).text == refused
    admins_only = intruder._("This is reserved for admins.")
    assert (await intruder.command("dispatchers")).text == admins_only

    done = await admin.command("dispatchers", "remove 6000")
    assert "6000" in str(done.plain_text)
    assert (await fatima.reply()).text == roles_texts.role_removed(fatima.t)
    assert (await fatima.command("board")).text == fatima._("This is reserved for dispatchers.")
    actions = [entry.action for entry in await bot.bot_data.store.audit.recent()]
    assert "role.grant" in actions and "role.revoke" in actions


async def test_a_dispatcher_named_for_one_site_cannot_act_on_another(
    emulator: BotApiEmulator, bot: Any
) -> None:
    store = bot.bot_data.store
    [first] = await store.sites.all()
    from dataclasses import replace

    second = await store.sites.add(replace(first, id=0, name="Liège"), bot.bot_data.clock())
    assert second is not None
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    noor = Person.join(emulator, 6100, "nl", "Noor")
    await noor.command("start")  # Telegram lets a bot write only to people who wrote first
    await admin.command("dispatchers", f"add 6100 {second.id}")
    welcome = await noor.reply()
    assert "Liège" in str(welcome.plain_text)
    board = await noor.command("board")
    assert "Liège" in str(board.plain_text)  # a single site: opened at once
    await refused_press(noor, f"v1:board:show:{first.id}")


async def test_a_refused_host_reads_the_reason_in_their_language(
    emulator: BotApiEmulator, bot: Any
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    marie = Person.join(emulator, 6200, "fr", "Marie")
    await register_host(marie, "Marie")
    await admin.user.command("vetting")
    await until_button(admin, "❌ Refuse Marie")
    await admin.tap_label("❌ Refuse Marie")
    await admin.user.send("We could not reach you by phone.")
    assert "Not accepted: Marie" in await read_until(admin, "Not accepted")
    expected = vetting_texts.to_host(
        marie.t, HostStatus.REJECTED, HostStatus.PENDING, "We could not reach you by phone."
    )
    assert (await marie.reply()).text == expected
    [entry] = [e for e in await bot.bot_data.store.audit.recent() if e.action == "host.rejected"]
    assert entry.actor_id == ADMIN_ID and entry.detail["reason"]


async def test_suspension_withdraws_tonight_and_reinstatement_is_told(
    emulator: BotApiEmulator, bot: Any
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = await vetted_host(emulator, 6300, "ar", "Salma")
    await offer(host)
    await admin.user.command("hosts", "Salma")
    await until_button(admin, "⏸ Suspend Salma")
    await admin.tap_label("⏸ Suspend Salma")
    await admin.user.send("Two guests reported a problem.")
    await read_until(admin, "Suspended: Salma")
    suspended = vetting_texts.to_host(
        host.t, HostStatus.SUSPENDED, HostStatus.VETTED, "Two guests reported a problem."
    )
    assert (await host.reply()).text == suspended
    store = bot.bot_data.store
    profile = await store.hosts.by_user(6300)
    assert profile.status is HostStatus.SUSPENDED
    assert await store.vetting.live_offers(profile.id, bot.bot_data.clock().date()) == []

    await admin.user.command("hosts", "Salma")
    await until_button(admin, "▶️ Reinstate Salma")
    reinstated = await admin.tap_label("▶️ Reinstate Salma")
    assert "Reinstated: Salma" in str(reinstated.plain_text)
    back = vetting_texts.to_host(host.t, HostStatus.VETTED, HostStatus.SUSPENDED, "")
    assert (await host.reply()).text == back
