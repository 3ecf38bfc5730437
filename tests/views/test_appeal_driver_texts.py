"""Appeals to drivers in words: the progress counts people, not hosts, and says how many
drivers can drive; a driver's appeal escapes the dispatchers' note; typed, short buttons."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from dispatch.appeals import AppealFilters, AppealProgress, AppealStatus, Audience
from tests.views.test_appeal_message_texts import appeal
from tools.actors import TRANSLATORS, plain
from views import appeal_driver_keys, appeal_driver_texts, appeal_message_texts

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def test_progress_with_drivers_counts_people_and_drivers_who_can_drive() -> None:
    t = TRANSLATORS["en"]
    progress = AppealProgress(
        12, 12, 0, 0, 0, 0, 3, 4, AppealStatus.DONE, NOW, NOW, drivers=5, drivers_answered=1
    )
    text = plain(appeal_message_texts.progress_text(t, progress, NOW))
    assert "Sent: 12 of 12 people (hosts and drivers)" in text
    assert "2 hosts answered, offering 4 beds" in text
    assert "1 driver can drive tonight: see the board." in text
    only_drivers = replace(progress, answered=1, beds_answered=0)
    assert "hosts answered" not in plain(appeal_message_texts.progress_text(t, only_drivers, NOW))


def test_a_drivers_appeal_escapes_the_note_and_its_buttons_are_short_and_typed() -> None:
    t = TRANSLATORS["ar"]
    sent = replace(appeal(3, note="<b>Gare</b>"), filters=AppealFilters(1, audience=Audience.BOTH))
    text = appeal_driver_texts.appeal_text(t, sent, "Bruxelles & co")
    assert "&lt;b&gt;Gare&lt;/b&gt;" in text and "Bruxelles &amp; co" in text
    keyboard = appeal_driver_keys.appeal_keyboard(t, 123456789)
    data = [button.callback_data for row in keyboard.inline_keyboard for button in row]
    assert data == ["v1:appeal.drive:123456789", "v1:appeal.driveroff:123456789"]
    assert appeal_driver_keys.CanDrive.unpack(str(data[0])) == appeal_driver_keys.CanDrive(
        123456789
    )
    assert appeal_driver_keys.CanDrive.unpack("v1:appeal.drive:x") is None
    after = appeal_driver_keys.after_answer(t, 123456789)
    assert [b.callback_data for row in after.inline_keyboard for b in row] == [data[1]]


def test_an_appeal_going_out_names_hosts_drivers_or_both() -> None:
    t = TRANSLATORS["en"]
    group = appeal_message_texts.group_started
    start = "🆘 An urgent appeal for Gare is going out to"
    assert plain(group(t, "Gare", 12, 0)) == f"{start} 12 hosts."
    assert plain(group(t, "Gare", 0, 1)) == f"{start} 1 driver."
    assert plain(group(t, "Gare", 1, 3)) == f"{start} 1 host and 3 drivers."
    assert "host" not in plain(appeal_driver_texts.sent(t, 0, 4))
    assert "4 drivers" in plain(appeal_driver_texts.sent(t, 0, 4))
    fr = TRANSLATORS["fr"]
    drivers_only = plain(group(fr, "Gare", 0, 2))
    assert "hôte" not in drivers_only and "2 chauffeurs" in drivers_only
