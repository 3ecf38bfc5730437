"""The use cases import no Telegram, no bot runtime and no handler: the board's web endpoints
and the command-line tools call the same functions."""

from __future__ import annotations

import ast
from pathlib import Path

USECASES = Path(__file__).resolve().parents[2] / "usecases"
FORBIDDEN = ("telegram", "bot", "handlers", "babel")


def test_usecases_import_no_framework() -> None:
    found = []
    for path in sorted(USECASES.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            found += [f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN]
    assert found == []
