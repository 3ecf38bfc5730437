"""The statistics chart: one panel per site, beds offered / people asking / people housed per
night, drawn to PNG bytes.

matplotlib is imported inside `chart_png`, so a bot nobody asks for statistics never loads
it (start-up time and memory stay as they were). It uses the object API on the Agg canvas,
never pyplot's global figures, so nothing leaks between charts. Since 3.11 matplotlib lays
text out with libraqm (FriBiDi + HarfBuzz): Arabic letters are joined and right-to-left runs
ordered by matplotlib itself, so labels go in in logical order (pre-shaping them with
arabic-reshaper + python-bidi, as older versions needed, would now reverse them twice).
DejaVu Sans, bundled with matplotlib, has the Arabic glyphs. Texts arrive translated: this
module knows no language.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MAX_PANELS = 6
FONT = "DejaVu Sans"
COLOURS = {"beds": "#9ecae1", "asking": "#e6550d", "housed": "#31a354"}
_DRAWING = threading.Lock()  # matplotlib's font cache and text layout are not thread-safe


@dataclass(frozen=True)
class Panel:
    """One site's nights, in order."""

    title: str
    beds_offered: Sequence[int]
    people_asking: Sequence[int]
    people_housed: Sequence[int]


@dataclass(frozen=True)
class ChartText:
    """The chart's words, already translated; `dates` has one label per night."""

    title: str
    beds_offered: str
    people_asking: str
    people_housed: str
    dates: Sequence[str]
    note: str = ""
    right_to_left: bool = False


def chart_png(panels: Sequence[Panel], text: ChartText) -> bytes:
    """Draw up to MAX_PANELS panels (the caller picks which) and return the PNG."""
    from matplotlib import rc_context

    with _DRAWING, rc_context({"font.family": FONT, "font.size": 9}):
        figure = build_figure(panels, text)
        buffer = BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def build_figure(panels: Sequence[Panel], text: ChartText) -> Figure:
    """The figure on an Agg canvas of its own: one panel per site, the legend titled."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    shown = list(panels)[:MAX_PANELS] or [Panel("", (), (), ())]
    figure = Figure(figsize=(9.0, 1.4 + 2.3 * len(shown)), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)  # attaches itself: Agg, whatever matplotlib's default backend
    axes = figure.subplots(len(shown), 1, sharex=True, squeeze=False)[:, 0]
    for ax, panel in zip(axes, shown, strict=True):
        _draw_panel(ax, panel, text)
    _label_nights(axes[-1], text.dates)
    handles, labels = _in_order(axes[0], text)
    # The title heads the legend: a separate suptitle overlaps an outside legend.
    figure.legend(
        handles,
        labels,
        loc="outside upper center",
        ncols=3,
        frameon=False,
        title=display(text.title),
        title_fontproperties={"size": 12, "weight": "bold"},
    )
    if text.note:
        figure.supxlabel(display(text.note), fontsize=8, color="#555555")
    return figure


def _draw_panel(ax: Any, panel: Panel, text: ChartText) -> None:
    from matplotlib.ticker import MaxNLocator

    nights = range(len(text.dates))
    beds = _values(panel.beds_offered, nights)
    ax.bar(nights, beds, color=COLOURS["beds"], label=display(text.beds_offered))
    for values, colour, label in (
        (panel.people_asking, COLOURS["asking"], text.people_asking),
        (panel.people_housed, COLOURS["housed"], text.people_housed),
    ):
        ax.plot(
            nights,
            _values(values, nights),
            color=colour,
            marker="o",
            markersize=3,
            linewidth=1.6,
            label=display(label),
        )
    side = "right" if text.right_to_left else "left"
    ax.set_title(display(panel.title), loc=side, fontsize=10, fontweight="bold")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def _in_order(ax: Any, text: ChartText) -> tuple[list[Any], list[str]]:
    """Legend entries in reading order (beds, asking, housed), not matplotlib's (lines first)."""
    found = dict(zip(*reversed(ax.get_legend_handles_labels()), strict=True))
    wanted = [display(x) for x in (text.beds_offered, text.people_asking, text.people_housed)]
    labels = [label for label in wanted if label in found]
    return [found[label] for label in labels], labels


def _label_nights(ax: Any, dates: Sequence[str]) -> None:
    """About six date labels under the last panel, always including the latest night."""
    if not dates:
        return
    step = max(1, round(len(dates) / 6))
    ticks = sorted({*range(len(dates) - 1, -1, -step)})
    ax.set_xticks(ticks, [display(dates[i]) for i in ticks])
    ax.set_xlim(-0.6, len(dates) - 0.4)


def _values(values: Sequence[int], nights: range) -> list[int]:
    """Exactly one value per night (missing ones are zeros), so no series is misaligned."""
    return [values[i] if i < len(values) else 0 for i in nights]


def display(text: str) -> str:
    """Leave out what the font cannot draw (an emoji in a site's name), which matplotlib
    would replace with a box and a warning; bidi controls such as isolates are kept, since
    libraqm reads them and draws nothing."""
    drawable = _drawable()
    return "".join(
        char
        for char in text
        if ord(char) in drawable or char.isspace() or unicodedata.category(char) == "Cf"
    ).strip()


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    from matplotlib.font_manager import findfont, get_font

    font = get_font(findfont(FONT))
    return frozenset(code for code in font.get_charmap() if code >= 0x20)
