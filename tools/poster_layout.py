"""One A4 poster drawn on a matplotlib figure: the words above and below a large QR code.

matplotlib is already a dependency (the /stats chart) and writes both multi-page PDFs and
PNGs; since 3.11 it shapes and orders Arabic itself through libraqm, in the PDF backend too,
so a poster needs no layout library of its own. It is imported inside the functions, as in
views/charts.py, so the bot never loads it unless someone prints posters.

Lines are wrapped by measuring the shaped text, not by counting characters, because an Arabic
or a Dutch sentence of the same length can be much wider or narrower. Everything is black on
white, for any printer; the QR modules are vector squares, so the PDF prints sharp at any size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.i18n import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE
from views.charts import FONT, display
from views.poster_texts import PosterText

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PAGE_MM = (210.0, 297.0)  # A4 portrait
MARGIN_MM = 15.0
QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks
MIN_CODE_MM = 85.0  # the dark modules' side: well above 8 cm, readable from a few metres
MM_PER_POINT = 25.4 / 72
SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)  # shrink the words, never the code, if a text runs long


@dataclass(frozen=True)
class Block:
    """Something drawn across the page: its height, and how to draw it from a top edge."""

    height_mm: float
    draw: Callable[[Figure, float], None]


def poster_figure(text: PosterText, modules: Sequence[Sequence[int]]) -> Figure:
    """The poster for `text` around the QR code whose matrix (1 = dark) is `modules`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(PAGE_MM[0] / 25.4, PAGE_MM[1] / 25.4), dpi=72)
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    available = PAGE_MM[1] - 2 * MARGIN_MM
    for scale in SCALES:
        blocks = _blocks(text, modules, renderer, scale)
        if sum(block.height_mm for block in blocks) <= available:
            break
    gap = (available - sum(block.height_mm for block in blocks)) / (len(blocks) - 1)
    top = MARGIN_MM
    for block in blocks:
        block.draw(figure, top)
        top += block.height_mm + max(gap, 0.0)
    return figure


def _blocks(
    text: PosterText, modules: Sequence[Sequence[int]], renderer: Any, scale: float
) -> list[Block]:
    def words(lines: Sequence[str], size: float, bold: bool = False) -> Block:
        return _text_block(text.locale, lines, size * scale, bold, renderer)

    pictograms = [_pictogram_block(scale)] if text.pictograms else []
    return [
        words([text.site], 16),
        words([text.headline], 44, bold=True),
        *pictograms,
        words(text.lines, 17),
        _code_block(modules),
        words([text.call_to_action], 15),
        words(text.details, 17, bold=True),
        words([text.footer], 15),
    ]


def _text_block(
    locale: str, paragraphs: Sequence[str], size: float, bold: bool, renderer: Any
) -> Block:
    """Paragraphs wrapped to the page width, centred (which reads well in either direction)."""
    from matplotlib.font_manager import FontProperties

    font = FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")
    width_pt = (PAGE_MM[0] - 2 * MARGIN_MM) / MM_PER_POINT
    wrapped = [wrap(display(paragraph), font, width_pt, renderer) for paragraph in paragraphs]
    # Arabic letters reach further above and below the line than Latin ones.
    step_mm = size * (1.55 if locale == "ar" else 1.3) * MM_PER_POINT
    paragraph_gap = size * 0.5 * MM_PER_POINT * (len(paragraphs) - 1)

    def draw(figure: Figure, top: float) -> None:
        y = top
        for lines in wrapped:
            for line in lines:
                figure.text(
                    0.5,
                    1 - y / PAGE_MM[1],
                    line,
                    fontproperties=font,
                    ha="center",
                    va="top",
                    color="black",
                    language=locale,
                    parse_math=False,
                )
                y += step_mm
            y += size * 0.5 * MM_PER_POINT

    return Block(sum(map(len, wrapped)) * step_mm + paragraph_gap, draw)


def wrap(text: str, font: Any, width_pt: float, renderer: Any) -> list[str]:
    """Greedy word wrap on the measured, shaped width; a word wider than a line stands alone."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            width, _, _ = renderer.get_text_width_height_descent(candidate, font, ismath=False)
            if line and width > width_pt:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return balanced(lines)


def balanced(lines: Sequence[str]) -> list[str]:
    """Close a bidi isolate (a Latin name in Arabic text) that a line break cut, and reopen it
    on the next line, so each line is laid out on its own with the right directions."""
    result: list[str] = []
    still_open = 0
    for line in lines:
        text = FIRST_STRONG_ISOLATE * still_open + line
        still_open = max(0, text.count(FIRST_STRONG_ISOLATE) - text.count(POP_DIRECTIONAL_ISOLATE))
        result.append(text + POP_DIRECTIONAL_ISOLATE * still_open)
    return result


PICTOGRAM_MM = 24.0


def _pictogram_block(scale: float) -> Block:
    """A bed, a moon and a phone in a row: a bed for tonight, through the phone."""
    side = PICTOGRAM_MM * scale
    gap = side * 0.6

    def draw(figure: Figure, top: float) -> None:
        left = (PAGE_MM[0] - 3 * side - 2 * gap) / 2
        bottom = PAGE_MM[1] - top - side
        for index, pictogram in enumerate(PICTOGRAMS):
            x = left + index * (side + gap)
            ax = figure.add_axes(
                (x / PAGE_MM[0], bottom / PAGE_MM[1], side / PAGE_MM[0], side / PAGE_MM[1])
            )
            ax.set_xlim(0, 10)
            ax.set_ylim(0, 10)
            ax.set_aspect("equal")
            ax.set_axis_off()
            ax.set_label(pictogram.__name__.removeprefix("_draw_"))
            pictogram(ax)

    return Block(side, draw)


def _draw_bed(ax: Any) -> None:
    from matplotlib.patches import FancyBboxPatch, Rectangle

    ax.add_patch(Rectangle((0.5, 2.0), 0.9, 6.0, color="black"))  # headboard
    ax.add_patch(Rectangle((0.5, 3.4), 9.0, 1.6, color="black"))  # frame and mattress
    ax.add_patch(Rectangle((8.6, 2.0), 0.9, 2.0, color="black"))  # foot
    ax.add_patch(FancyBboxPatch((1.9, 5.3), 2.4, 1.2, "round,pad=0.25", color="black"))  # pillow
    ax.add_patch(FancyBboxPatch((4.8, 5.1), 4.5, 0.6, "round,pad=0.2", color="black"))  # blanket


def _draw_moon(ax: Any) -> None:
    from matplotlib.patches import Circle

    ax.add_patch(Circle((5.0, 5.0), 4.2, color="black"))
    ax.add_patch(Circle((6.9, 6.3), 3.6, color="white"))


def _draw_phone(ax: Any) -> None:
    from matplotlib.patches import Circle, FancyBboxPatch, Rectangle

    ax.add_patch(FancyBboxPatch((2.6, 0.6), 4.8, 8.8, "round,pad=0.3", color="black"))
    ax.add_patch(Rectangle((3.1, 2.2), 3.8, 6.4, color="white"))  # the screen
    ax.add_patch(Circle((5.0, 1.35), 0.45, color="white"))  # the button


PICTOGRAMS = (_draw_bed, _draw_moon, _draw_phone)


def code_side_mm(modules: Sequence[Sequence[int]]) -> float:
    """The printed side of the code with its quiet zone, so the dark part is ≥ MIN_CODE_MM."""
    return MIN_CODE_MM * (len(modules) + 2 * QUIET_ZONE) / len(modules)


def _code_block(modules: Sequence[Sequence[int]]) -> Block:
    side = code_side_mm(modules)

    def draw(figure: Figure, top: float) -> None:
        left = (PAGE_MM[0] - side) / 2
        bottom = PAGE_MM[1] - top - side
        ax = figure.add_axes(
            (left / PAGE_MM[0], bottom / PAGE_MM[1], side / PAGE_MM[0], side / PAGE_MM[1])
        )
        draw_code(ax, modules)

    return Block(side, draw)


def draw_code(ax: Any, modules: Sequence[Sequence[int]]) -> None:
    """Each row's runs of dark modules as one compound path of rectangles. They overlap the
    next row by a hair, so no viewer shows white seams between rows."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    outline: list[tuple[float, float]] = []
    for row, cells in enumerate(modules):
        y0, y1 = row + QUIET_ZONE, row + QUIET_ZONE + 1.02
        for start, end in _runs(cells):
            x0, x1 = start + QUIET_ZONE, end + QUIET_ZONE
            outline += [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    codes = [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
    codes *= len(outline) // len(codes)
    side = len(modules) + 2 * QUIET_ZONE
    ax.add_patch(PathPatch(Path(outline, codes), facecolor="black", linewidth=0))
    ax.set_xlim(0, side)
    ax.set_ylim(side, 0)  # row 0 at the top, as the matrix reads
    ax.set_axis_off()


def _runs(cells: Sequence[int]) -> list[tuple[int, int]]:
    """[start, end) of each run of dark cells in one row."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for column, dark in enumerate([*cells, 0]):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column))
            start = None
    return runs
