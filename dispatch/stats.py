"""Anonymous nightly figures for dispatchers: the 30-night window, key figures, CSV export.

Pure: the figures come in as counts (never people), the dates come in as arguments, and
nothing here reads the clock, so reports for any period are reproducible in tests.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta

WINDOW_NIGHTS = 30
CSV_COLUMNS = (
    "site",
    "night",
    "beds_offered",
    "hosts_offering",
    "people_asking",
    "groups_asking",
    "children_asking",
    "people_housed",
    "people_waiting",
)


@dataclass(frozen=True)
class DailyFigures:
    """One site's counts for one night; the same columns as the `daily_stats` table."""

    site_id: int
    night: date
    beds_offered: int = 0
    hosts_offering: int = 0
    people_asking: int = 0
    groups_asking: int = 0
    children_asking: int = 0
    people_housed: int = 0
    people_waiting: int = 0

    def counts(self) -> tuple[int, ...]:
        return tuple(getattr(self, f.name) for f in fields(self)[2:])


@dataclass(frozen=True)
class KeyFigures:
    """What a dispatcher reads first: totals over the period and the latest night."""

    first: date
    last: date
    nights: int
    beds_offered: int  # bed-nights: a bed offered on three nights counts three times
    people_asking: int  # person-nights, likewise
    people_housed: int
    share_housed: float | None  # None when nobody asked
    nights_with_waiting: int  # nights when someone was still left without a bed
    latest: DailyFigures  # the last night, all sites together (site_id 0)


def window(last: date, nights: int = WINDOW_NIGHTS) -> tuple[date, date]:
    """The first and last night of the `nights` nights ending with `last`."""
    return last - timedelta(days=nights - 1), last


def nights_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def fill(
    figures: Iterable[DailyFigures], site_ids: Sequence[int], first: date, last: date
) -> list[DailyFigures]:
    """Every (site, night) of the period, zeros where nothing was recorded, by site then night.

    A night nobody offered or asked leaves no row; a chart and a CSV still show it.
    """
    known = {(f.site_id, f.night): f for f in figures}
    return [
        known.get((site_id, night), DailyFigures(site_id, night))
        for site_id in site_ids
        for night in nights_between(first, last)
    ]


def combine(figures: Iterable[DailyFigures], night: date, site_id: int = 0) -> DailyFigures:
    """The sum of several sites' counts for one night."""
    totals = [0] * len(CSV_COLUMNS[2:])
    for figure in figures:
        if figure.night == night:
            totals = [a + b for a, b in zip(totals, figure.counts(), strict=True)]
    return DailyFigures(site_id, night, *totals)


def key_figures(figures: Sequence[DailyFigures], first: date, last: date) -> KeyFigures:
    """Totals over [first, last] for all the given sites together."""
    period = [f for f in figures if first <= f.night <= last]
    asking = sum(f.people_asking for f in period)
    housed = sum(f.people_housed for f in period)
    return KeyFigures(
        first=first,
        last=last,
        nights=(last - first).days + 1,
        beds_offered=sum(f.beds_offered for f in period),
        people_asking=asking,
        people_housed=housed,
        share_housed=housed / asking if asking else None,
        nights_with_waiting=len({f.night for f in period if f.people_waiting > 0}),
        latest=combine(period, last),
    )


def by_site(figures: Iterable[DailyFigures]) -> dict[int, list[DailyFigures]]:
    """Each site's nights in order, sites in the order they first appear."""
    grouped: dict[int, list[DailyFigures]] = {}
    for figure in figures:
        grouped.setdefault(figure.site_id, []).append(figure)
    return {site: sorted(nights, key=lambda f: f.night) for site, nights in grouped.items()}


def busiest(figures: Iterable[DailyFigures], limit: int) -> list[int]:
    """The `limit` sites with the most beds offered plus people asking (ties: lower id)."""
    volume: dict[int, int] = {}
    for figure in figures:
        volume[figure.site_id] = (
            volume.get(figure.site_id, 0) + figure.beds_offered + figure.people_asking
        )
    ranked = sorted(volume, key=lambda site: (-volume[site], site))
    return ranked[:limit]


def to_csv(figures: Iterable[DailyFigures], site_names: Mapping[int, str]) -> str:
    """One row per site and night; counts only, so the file can be shared outside the team."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for figure in figures:
        name = site_names.get(figure.site_id, str(figure.site_id))
        writer.writerow([_text_cell(name), figure.night.isoformat(), *figure.counts()])
    return buffer.getvalue()


def _text_cell(text: str) -> str:
    # A spreadsheet would run a name starting like a formula; a leading quote keeps it text.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def csv_filename(first: date, last: date) -> str:
    return f"nightdispatch-{first.isoformat()}_{last.isoformat()}.csv"
