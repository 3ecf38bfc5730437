"""Size limits the architecture promises (issue 13): no module of the packages over 400 lines."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "usecases", "jobs", "views", "tools", "dispatch", "storage")
LIMIT = 400


def test_no_module_is_over_400_lines() -> None:
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for package in (*PACKAGES, "emulator", "scripts")
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    assert sizes, "no module found"
    assert {path: n for path, n in sizes.items() if n > LIMIT} == {}
