"""The catalog workflow, scripted (Babel's own commands underneath).

    python scripts/i18n.py extract   # refresh locales/messages.pot from the sources
    python scripts/i18n.py update    # merge the template into the fr, nl, en, ar catalogs
    python scripts/i18n.py check     # fail on a missing, empty, fuzzy or mismatched message
    python scripts/i18n.py all       # the three, in that order

The bot reads the .po files directly (compiled in memory at start-up): there is no .mo to
compile, so none can go stale.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("fr", "nl", "en", "ar")
TEMPLATE = ROOT / "locales" / "messages.pot"
# Babel writes Arabic "many" and "other" swapped (babel issue #816); this is CLDR's order:
# zero, one, two, few (3–10), many (11–99), other (100–102, …).
ARABIC_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def catalog(locale: str) -> Path:
    return ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po"


def extract() -> None:
    pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        "-o",
        str(TEMPLATE),
        "--no-location",
        "--sort-output",
        "--project",
        "nightdispatch",
        "--copyright-holder",
        "the nightdispatch authors",
        str(ROOT),
    )


def update() -> None:
    for locale in LOCALES:
        path = catalog(locale)
        if path.exists():
            pybabel(
                "update",
                "-i",
                str(TEMPLATE),
                "-o",
                str(path),
                "-l",
                locale,
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            )
        else:
            pybabel("init", "-i", str(TEMPLATE), "-o", str(path), "-l", locale)
    fix_arabic_plural_forms(catalog("ar"))


def fix_arabic_plural_forms(path: Path) -> None:
    """Rewrite the (possibly wrapped) Plural-Forms header line with the CLDR order."""
    text = path.read_text(encoding="utf-8")
    header = re.compile(r'"Plural-Forms: [^\\]*?(?:"\n"[^\\]*?)*\\n"')
    fixed = header.sub(lambda _: f'"Plural-Forms: {ARABIC_PLURAL_FORMS}\\n"', text, count=1)
    path.write_text(fixed, encoding="utf-8")


def check() -> int:
    return subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_catalogs.py"],
        cwd=ROOT,
    )


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command in ("extract", "all"):
        extract()
    if command in ("update", "all"):
        update()
    if command in ("check", "all"):
        return check()
    if command not in ("extract", "update", "check", "all"):
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
