"""The statistics' pure side: the 30-night window, filling gaps, key figures, CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dispatch.stats import (
    CSV_COLUMNS,
    DailyFigures,
    busiest,
    combine,
    csv_filename,
    fill,
    key_figures,
    to_csv,
    window,
)

LAST = date(2026, 11, 23)


def test_the_window_is_thirty_nights_ending_with_the_last() -> None:
    first, last = window(LAST)
    assert (first, last) == (date(2026, 10, 25), LAST)
    assert csv_filename(first, last) == "nightdispatch-2026-10-25_2026-11-23.csv"


def test_fill_gives_every_site_every_night_with_zeros_where_nothing_was_recorded() -> None:
    first, last = window(LAST, 3)
    known = DailyFigures(2, LAST, beds_offered=4, people_asking=5)
    filled = fill([known], [1, 2], first, last)
    assert [(f.site_id, f.night) for f in filled] == [
        (site, first + timedelta(days=n)) for site in (1, 2) for n in range(3)
    ]
    assert filled[-1] == known
    assert all(f.counts() == (0,) * 7 for f in filled[:-1])


@given(st.lists(st.tuples(st.integers(1, 3), st.integers(0, 29), st.integers(0, 50)), max_size=40))
def test_fill_keeps_every_recorded_night_and_only_those_of_the_period(
    rows: list[tuple[int, int, int]],
) -> None:
    first, last = window(LAST)
    figures = {
        (site, first + timedelta(days=n)): DailyFigures(site, first + timedelta(days=n), beds)
        for site, n, beds in rows
    }
    filled = fill(figures.values(), [1, 2, 3], first, last)
    assert len(filled) == 3 * 30
    assert {(f.site_id, f.night): f for f in filled if f.beds_offered} == {
        key: f for key, f in figures.items() if f.beds_offered
    }


def test_key_figures_total_the_period_and_show_the_last_night_for_all_sites() -> None:
    first, last = window(LAST, 3)
    figures = [
        DailyFigures(1, first, 5, 2, 10, 4, 2, 6, 4),
        DailyFigures(1, LAST, 4, 2, 3, 2, 0, 3, 0),
        DailyFigures(2, LAST, 2, 1, 5, 3, 1, 1, 2),
        DailyFigures(2, LAST + timedelta(days=1), 9, 9, 9, 9, 9, 9, 9),  # outside: ignored
    ]
    key = key_figures(figures, first, last)
    assert (key.nights, key.beds_offered, key.people_asking, key.people_housed) == (3, 11, 18, 10)
    assert key.share_housed == 10 / 18
    assert key.nights_with_waiting == 2  # the first night and the last (at site 2)
    assert key.latest == DailyFigures(0, LAST, 6, 3, 8, 5, 1, 4, 2)


def test_nobody_asking_has_no_share_rather_than_a_division_by_zero() -> None:
    key = key_figures([DailyFigures(1, LAST, beds_offered=3)], *window(LAST))
    assert key.share_housed is None and key.nights_with_waiting == 0
    assert key.latest == DailyFigures(0, LAST, beds_offered=3)


def test_combine_adds_the_sites_of_one_night_only() -> None:
    figures = [
        DailyFigures(1, LAST, 1, 1),
        DailyFigures(2, LAST, 2, 1),
        DailyFigures(3, date(2026, 1, 1), 7),
    ]
    assert combine(figures, LAST, site_id=9) == DailyFigures(9, LAST, 3, 2)


def test_the_busiest_sites_are_those_with_most_beds_and_people_ties_by_id() -> None:
    figures = [
        DailyFigures(1, LAST, beds_offered=1),
        DailyFigures(2, LAST, people_asking=5),
        DailyFigures(3, LAST, beds_offered=3, people_asking=2),
        DailyFigures(4, LAST, beds_offered=1),
    ]
    assert busiest(figures, 3) == [2, 3, 1]


def test_the_csv_has_one_row_per_site_and_night_with_counts_only() -> None:
    figures = [DailyFigures(1, LAST, 3, 2, 4, 2, 1, 2, 1), DailyFigures(2, LAST)]
    text = to_csv(figures, {1: "Bruxelles-Nord", 2: "=HYPERLINK(1)"})
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1] == ["Bruxelles-Nord", "2026-11-23", "3", "2", "4", "2", "1", "2", "1"]
    assert rows[2][0] == "'=HYPERLINK(1)"  # never a formula in a spreadsheet
    assert len(rows) == 3
