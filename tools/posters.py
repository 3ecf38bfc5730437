"""Printable posters for one site: a guest poster in each language and one for hosts.

Each poster carries a QR code of a deep link (`https://t.me/<bot>?start=guest_ar`), so the
phone's camera opens the bot in the poster's language on the right path. Guests and hosts
alike get one poster per language: a volunteer hangs the French and the Dutch host posters
side by side in Brussels, and whoever scans one is answered in that poster's language. The
guest posters also carry pictograms (a bed, a moon, a phone) for someone who reads none of
the four languages.

QR codes come from segno (pure Python, maintained, typed, ISO/IEC 18004 conformant); the pages
are drawn by matplotlib (see tools/poster_layout.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import segno

from bot.i18n import Translators
from dispatch.deeplinks import Intent, start_payload
from dispatch.locales import SUPPORTED_LOCALES
from dispatch.models import Site
from tools.poster_layout import poster_figure
from views.charts import FONT
from views.poster_texts import PosterText, guest_poster, host_poster

PNG_DPI = 200
# Q recovers a quarter of the code: posters get torn, rained on and written over.
ERROR_CORRECTION = "q"
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


@dataclass(frozen=True)
class Poster:
    """One page: `name` becomes its file name (`guest-ar`, `host`)."""

    name: str
    link: str
    text: PosterText


def bot_username(value: str) -> str:
    """A Telegram username as BotFather allows it, with or without its `@`."""
    name = value.strip().removeprefix("@")
    if not _USERNAME.match(name):
        raise ValueError(f"{value!r} is not a Telegram bot username such as nightdispatch_bot")
    return name


def deep_link(username: str, payload: str) -> str:
    return f"https://t.me/{username}?start={payload}"


def site_posters(site: Site, username: str, translators: Translators) -> list[Poster]:
    """The guest posters in the picker's order of languages, then the host posters."""
    posters = []
    for intent, make in ((Intent.GUEST, guest_poster), (Intent.HOST, host_poster)):
        for locale in SUPPORTED_LOCALES:
            link = deep_link(username, start_payload(intent, locale))
            posters.append(
                Poster(f"{intent.value}-{locale}", link, make(translators[locale], site, link))
            )
    return posters


def qr_modules(link: str) -> list[list[int]]:
    """The code's matrix without its quiet zone (the layout draws that), 1 = dark."""
    code = segno.make_qr(link, error=ERROR_CORRECTION)
    return [[1 if dark else 0 for dark in row] for row in code.matrix]


def file_stem(site_name: str) -> str:
    """`Brussels North` → `brussels-north`; letters of any script are kept."""
    return re.sub(r"[\W_]+", "-", site_name.casefold()).strip("-") or "site"


def write_posters(posters: Sequence[Poster], out_dir: Path, stem: str) -> list[Path]:
    """One PDF with a page per poster, and a PNG per poster; returns the files written."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = out_dir / f"{stem}-posters.pdf"
    written = [pdf_path]
    with (
        rc_context({"font.family": FONT, "pdf.fonttype": 42}),
        PdfPages(pdf_path, metadata={"Title": f"nightdispatch posters: {stem}"}) as pdf,
    ):
        for poster in posters:
            figure = poster_figure(poster.text, qr_modules(poster.link))
            png_path = out_dir / f"{stem}-{poster.name}.png"
            figure.savefig(png_path, dpi=PNG_DPI, facecolor="white")
            pdf.savefig(figure, facecolor="white")
            written.append(png_path)
    return written
