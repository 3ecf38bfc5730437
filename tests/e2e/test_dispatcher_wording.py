"""What dispatchers read and press: one vetting card per host with a confirmation before
approving, and an appeal preview that would reach nobody says why and offers to widen."""

from __future__ import annotations

import pytest

from emulator import BotApiEmulator
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.people import Person, plain
from tests.e2e.test_dispatchers import read_until
from tests.e2e.test_evening import ask_bed, vetted_host
from tests.e2e.test_hosts import register_host
from views import appeal_texts

pytestmark = pytest.mark.usefixtures("bot")


async def test_each_waiting_host_has_a_card_and_approving_asks_first(
    emulator: BotApiEmulator,
) -> None:
    for user_id, name in ((9300, "Anne"), (9301, "Bert")):
        await register_host(Person.join(emulator, user_id, "nl", name), name)
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.user.command("vetting")
    while "2 hosts are waiting" not in str((first := await admin.reply()).plain_text):
        pass
    cards = [first, await admin.reply()]  # the heading sits above the first card
    for card, name in zip(cards, ("Anne", "Bert"), strict=True):
        assert name in str(card.plain_text)
        assert [label for row in card.buttons for label in row] == [
            f"✅ Approve {name}",
            f"❌ Refuse {name}",
        ]
    confirm = await admin.tap_label("✅ Approve Bert")
    assert "Approve Bert?" in str(confirm.plain_text)
    back = await admin.tap("↩️ Back")
    assert "Bert" in str(back.plain_text) and "✅ Approve Bert" in str(back.buttons)
    await admin.tap_label("✅ Approve Bert")
    done = await admin.tap_label("✅ Yes, approve Bert")
    assert done.plain_text == "Approved: Bert. They have been told."


async def test_an_appeal_that_reaches_nobody_says_why_and_offers_every_host(
    emulator: BotApiEmulator,
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await vetted_host(emulator, 9310, "fr", "Marie")
    await ask_bed(Person.join(emulator, 9311, "nl", "Amina"), "Amina")
    await admin.command("appeal")
    await admin.tap("Hosts who hosted in the last 7 days")  # nobody hosted yet
    await admin.tap("Any language")
    preview = await admin.tap("Any host")
    preview = await admin.tap("⏭ Skip")
    text = plain(str(preview.text))
    assert "No host matches this audience right now" in text
    assert "it would reach 1 host" in text
    assert admin.t.gettext("Hosts who hosted in the last 7 days") in text  # the reason
    widened = await admin.tap_label(appeal_texts.widen_label(admin.t, 1))
    assert "would reach 1 host now" in plain(str(widened.text))
    await admin.tap_label(appeal_texts.send_label(admin.t, 1))
    assert "Sent: 1 of 1 host" in await read_until(admin, "Appeal sent")


async def test_an_appeal_nobody_can_receive_says_widening_would_not_help(
    emulator: BotApiEmulator,
) -> None:
    admin = Person.join(emulator, ADMIN_ID, "en", "Admin")
    await admin.command("start")
    await ask_bed(Person.join(emulator, 9321, "nl", "Amina"), "Amina")
    await admin.command("appeal")
    await admin.tap("All hosts")
    await admin.tap("Any language")
    await admin.tap("Any host")
    preview = await admin.tap("⏭ Skip")
    assert preview.plain_text and "Widening the audience would not help" in preview.plain_text
    assert [label for row in preview.buttons for label in row] == ["✖️ Do not send"]
