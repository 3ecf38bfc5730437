"""The statistics chart: a PNG with one panel per site, in every language, Arabic included."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from PIL import Image

from dispatch.stats import nights_between, window
from tools.actors import TRANSLATORS
from views import stats_texts
from views.charts import MAX_PANELS, ChartText, Panel, build_figure, chart_png, display

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NIGHTS = nights_between(*window(date(2026, 11, 23)))


def panel(name: str, scale: int = 1) -> Panel:
    beds = [(n * 7 % 11) * scale for n in range(len(NIGHTS))]
    asking = [(n * 5 % 13) * scale for n in range(len(NIGHTS))]
    return Panel(name, beds, asking, [min(b, a) for b, a in zip(beds, asking, strict=True)])


def text(locale: str, shown: int = 1, total: int = 1) -> ChartText:
    return stats_texts.chart_text(TRANSLATORS[locale], NIGHTS, shown, total)


@pytest.mark.parametrize("locale", ["en", "fr", "nl", "ar"])
def test_the_chart_is_a_png_in_every_language(locale: str) -> None:
    png = chart_png([panel("Bruxelles"), panel("بروكسل", 2)], text(locale, 2, 2))
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(BytesIO(png)) as image:
        assert image.format == "PNG" and image.width >= 800


def test_one_panel_per_site_and_a_taller_image_for_more_sites() -> None:
    one, three = [panel("A")], [panel("A"), panel("B"), panel("C")]
    assert len(build_figure(one, text("en")).axes) == 1
    assert len(build_figure(three, text("en", 3, 3)).axes) == 3
    heights = []
    for panels in (one, three):
        with Image.open(BytesIO(chart_png(panels, text("en")))) as image:
            heights.append(image.height)
    assert heights[1] > heights[0]


def test_more_sites_than_fit_are_cut_to_the_first_six_with_a_note() -> None:
    panels = [panel(f"Site {n}") for n in range(9)]
    words = text("en", MAX_PANELS, 9)
    figure = build_figure(panels, words)
    assert len(figure.axes) == MAX_PANELS
    assert "6" in words.note and "9" in words.note


def test_arabic_labels_are_drawn_with_glyphs_the_font_has() -> None:
    """pytest turns warnings into errors: a glyph missing from the font would fail here."""
    words = text("ar", 1, 2)  # title, legend, note and dates, all drawn in one chart
    assert words.note and words.right_to_left
    chart_png([panel("بروكسل Bruxelles")], words)
    assert display("نوفمبر") == "نوفمبر"  # logical order: matplotlib shapes it itself


def test_a_site_name_the_font_cannot_draw_loses_only_those_characters() -> None:
    assert display("Gare du Nord 🚉") == "Gare du Nord"
    assert display("آخر \u206830\u2069 ليلة") == "آخر \u206830\u2069 ليلة"  # isolates kept
    chart_png([panel("Gare du Nord 🚉")], text("en"))


def test_no_site_and_missing_nights_still_draw() -> None:
    assert chart_png([], text("en")).startswith(PNG_SIGNATURE)
    assert chart_png([Panel("Short", [1], [2], [])], text("en")).startswith(PNG_SIGNATURE)


def test_date_labels_are_in_the_reader_language() -> None:
    assert text("fr").dates[-1] == "23 nov."
    assert text("en").dates[0] == (NIGHTS[-1] - timedelta(days=29)).strftime("%b %-d")
