"""The statistics' texts: every count pluralised, captions within Telegram's 1,024 characters."""

from __future__ import annotations

from datetime import date

import pytest

from dispatch.stats import DailyFigures, key_figures, window
from tools.actors import TRANSLATORS, plain
from views import stats_texts

LAST = date(2026, 11, 23)


@pytest.mark.parametrize("locale", ["en", "fr", "nl", "ar"])
def test_the_caption_fits_even_with_six_long_site_names(locale: str) -> None:
    t = TRANSLATORS[locale]
    figures = [DailyFigures(s, LAST, 1234, 99, 2345, 800, 120, 2000, 345) for s in range(6)]
    key = key_figures(figures, *window(LAST))
    names = [f"Meeting point number {n} near the station" for n in range(6)]
    caption = stats_texts.caption(t, key, names, 12)
    assert len(plain(caption)) <= 1024
    assert t.number(6 * 2345) in caption and t.number(12) in caption


def test_the_english_caption_reads_as_intended() -> None:
    t = TRANSLATORS["en"]
    figures = [DailyFigures(1, LAST, 3, 1, 3, 2, 1, 2, 1)]
    caption = plain(stats_texts.caption(t, key_figures(figures, *window(LAST)), ["Gare"], 1))
    assert "Last 30 nights, Oct 25\u2009–\u2009Nov 23, 2026" in caption
    assert "3 people asked for a bed (counted each night); 2 were housed (67%)." in caption
    assert "People were left waiting on 1 night of 30." in caption
    assert "Nov 23, 2026: 3 beds offered, 3 people asking, 2 housed, 1 waiting." in caption


def test_the_round_summary_names_the_site_and_the_figures() -> None:
    t = TRANSLATORS["en"]
    text = stats_texts.round_summary(t, "Gare <Nord>", LAST, DailyFigures(1, LAST, 4, 2, 5), 3)
    assert "Gare &lt;Nord&gt;" in text
    assert plain(text).splitlines()[1:] == [
        "4 beds offered",
        "5 people asking",
        "3 people matched so far",
        "0 people still waiting",
    ]
