"""The committed form diagrams are the ones the form declarations draw today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "form_diagrams.py"


def test_every_form_diagram_is_current() -> None:
    spec = importlib.util.spec_from_file_location("form_diagrams", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    wanted: dict[str, str] = script.pages()
    committed = {p.name: p.read_text(encoding="utf-8") for p in sorted(script.OUT.glob("*.md"))}
    stale = sorted(n for n in wanted.keys() | committed.keys() if wanted.get(n) != committed.get(n))
    assert stale == [], "run `python scripts/form_diagrams.py`: these are stale"
    assert {"request.md", "walkin.md", "host.md", "offer.md", "site.md", "report.md"} <= set(wanted)
