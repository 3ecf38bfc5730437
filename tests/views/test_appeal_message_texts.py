"""The appeal's texts: plurals without '0 children', the dispatchers' note escaped, short
callback codes, and a progress message that reads as figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dispatch.appeals import Appeal, AppealFilters, AppealProgress, AppealStatus
from tools.actors import TRANSLATORS, plain
from views import appeal_message_texts
from views.appeal_keys import AppealBeds

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def appeal(people: int = 5, children: int = 0, note: str = "") -> Appeal:
    return Appeal(
        7,
        1,
        date(2026, 11, 23),
        9000,
        people,
        children,
        note,
        AppealFilters(1),
        AppealStatus.SENDING,
        9000,
        None,
        NOW,
    )


def test_counts_are_pluralised_and_zero_children_is_not_mentioned() -> None:
    t = TRANSLATORS["en"]
    assert "1 person still needs a bed tonight at Gare" in plain(
        appeal_message_texts.appeal_text(t, appeal(1), "Gare")
    )
    text = plain(appeal_message_texts.appeal_text(t, appeal(5), "Gare"))
    assert "5 people still need a bed" in text and "child" not in text
    text = plain(appeal_message_texts.appeal_text(t, appeal(5, 1), "Gare"))
    assert "5 people, including 1 child, still need a bed tonight at Gare." in text


def test_the_dispatchers_note_is_shown_as_written_and_escaped() -> None:
    text = appeal_message_texts.appeal_text(
        TRANSLATORS["en"], appeal(note="Bring <towels> & tea"), "A&B"
    )
    assert "Bring &lt;towels&gt; &amp; tea" in text and "A&amp;B" in text


@pytest.mark.parametrize("locale", ["fr", "nl", "en", "ar"])
def test_the_keyboard_offers_one_to_four_beds_and_an_opt_out(locale: str) -> None:
    rows = appeal_message_texts.appeal_keyboard(TRANSLATORS[locale], 123456).inline_keyboard
    data = [button.callback_data for row in rows for button in row]
    expected = [f"v1:appeal:beds:123456:{n}" for n in (1, 2, 3, 4)]
    assert data == [*expected, "v1:appeal:optout:123456"]
    assert AppealBeds.unpack(data[1]) == AppealBeds(123456, 2)


def test_progress_reads_as_figures_with_the_time_left() -> None:
    t = TRANSLATORS["en"]
    progress = AppealProgress(3000, 900, 2, 3, 4, 2091, 12, 17, AppealStatus.SENDING, NOW)
    text = plain(appeal_message_texts.progress_text(t, progress, NOW + timedelta(seconds=30)))
    for line in (
        "Sent: 900 of 3,000 hosts",
        "Interrupted, perhaps delivered: 2",
        "Failed: 3",
        "Blocked the bot: 4",
        "12 hosts answered, offering 17 beds",
        "about 69 seconds",
    ):
        assert line in text, text
    done = AppealProgress(3, 3, 0, 0, 0, 0, 0, 0, AppealStatus.DONE, NOW, NOW)
    assert "done" in plain(appeal_message_texts.progress_text(t, done, NOW))
