"""People who never chose a language (they came through a poster link without one) get every
message in the language their Telegram app reports: the approval, the proposal, the match
notice and the urgent appeal, all sent when they were not writing to the bot. A Confirm
pressed again answers "already confirmed" with the stay's details, and /status repeats it."""

from __future__ import annotations

from typing import Any

import pytest

from bot.context import BotContext
from dispatch.appeals import AppealFilters, NewAppeal, Recipient
from dispatch.models import HostStatus
from emulator import BotApiEmulator
from jobs.appeal_sender import wake
from jobs.ticks import evening_tick
from storage.store import Store
from tests.e2e.conftest import ADMIN_ID, Clock
from tests.e2e.people import Person
from tests.e2e.test_evening import CUTOFF, ask_bed, offer
from tests.e2e.test_hosts import approve, register_host
from usecases import meeting
from views import appeal_message_texts, meeting_keys, meeting_texts, round_texts, vetting_texts

HOST, GUEST = 4500, 4600


@pytest.mark.parametrize(
    ("host_locale", "guest_locale"), [("fr", "nl"), ("nl", "ar"), ("ar", "fr")]
)
async def test_telegram_s_language_is_spoken_in_every_message_sent_later(
    emulator: BotApiEmulator, bot: Any, clock: Clock, host_locale: str, guest_locale: str
) -> None:
    store: Store = bot.bot_data.store
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    host = Person.join(emulator, HOST, host_locale, "Marie")
    await register_host(host, "Marie", link="host")  # the plain poster: no language in it
    await approve(emulator, "Marie")
    approval = await host.reply()
    account = await store.users.get(HOST)
    assert account is not None and (account.locale, account.telegram_locale) == (None, host_locale)
    profile = await store.hosts.by_user(HOST)
    assert profile is not None
    reason = await store.vetting.reason(profile.id)
    expected = vetting_texts.to_host(host.t, HostStatus.VETTED, HostStatus.PENDING, reason)
    assert approval.text == expected

    await offer(host)
    guest = Person.join(emulator, GUEST, guest_locale, "Amina")
    await ask_bed(guest, "Amina", link="guest")
    clock.now = CUTOFF
    await evening_tick(BotContext(bot))
    proposal = await host.reply()
    [site] = await store.sites.all()
    match = await store.evening.live_for_guest(GUEST, CUTOFF.date())
    assert match is not None
    rule = meeting_texts.code_rule(host.t)  # the one code rule, under every proposal
    assert proposal.text == f"{round_texts.to_host(host.t, match, site, 30)}\n\n{rule}"

    await host.tap("✅ I confirm")
    told = await guest.reply()
    card = await meeting.card(store, match.id)  # the meeting: time, who, where, code
    assert card is not None
    assert told.text == meeting_keys.guest_view(guest.t, card)[0]
    confirm = proposal.button_data(host._("✅ I confirm"))
    assert confirm is not None
    await host.user.press_data(confirm, message=proposal)  # a double tap, or a redelivery
    # The same card again: Telegram keeps the message as it is ("not modified"), code and all.
    await host.user.expect_silence(within=0.3)
    shown = [m for m in host.user.messages if m.message_id == proposal.message_id][-1]
    assert shown.text == meeting_keys.host_view(host.t, card)[0]
    await guest.user.expect_silence(within=0.2)  # the guest is not told twice
    await host.command("status")  # the host's home, then what tonight's notices said
    stay = await host.reply()
    assert stay.text == meeting_keys.host_view(host.t, card)[0]
    assert host._("👥 My guests are with me") in str(stay.buttons)

    appeal = NewAppeal(site.id, CUTOFF.date(), ADMIN_ID, 3, 0, "", AppealFilters(site.id), ADMIN_ID)
    appeal_id = await store.appeals.create(appeal, [Recipient(HOST, profile.id)], clock.now)
    wake(bot.bot_data)
    received = await host.reply()
    stored = await store.appeals.get(appeal_id)
    assert stored is not None
    assert received.text == appeal_message_texts.appeal_text(host.t, stored, site.name)
