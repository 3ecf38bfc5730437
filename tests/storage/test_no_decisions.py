"""Storage makes no decision (issue 13): who is told what is the use case's call. No storage
module but the outbox itself queues a notice: the use case does, in the transaction of the
change (usecases/*.py, with `storage.outbox.enqueue`)."""

from __future__ import annotations

import ast
from pathlib import Path

import storage

STORAGE = Path(storage.__file__).parent
OUTBOX = STORAGE / "outbox.py"


def queuing(path: Path) -> list[str]:
    """Where a module queues a notice: calls to or imports of `enqueue`, and SQL that writes
    outbox rows itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and any(a.name == "enqueue" for a in node.names):
            found.append(f"{path.name}:{node.lineno} imports enqueue")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "enqueue":
                found.append(f"{path.name}:{node.lineno} calls enqueue")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and "INTO OUTBOX" in " ".join(node.value.upper().split())
        ):
            found.append(f"{path.name}:{node.lineno} inserts into outbox")
    return found


def test_no_storage_module_but_the_outbox_queues_a_notice() -> None:
    modules = sorted(p for p in STORAGE.rglob("*.py") if p != OUTBOX)
    assert len(modules) > 30  # the scan sees the package
    assert [where for path in modules for where in queuing(path)] == []


def test_the_scan_finds_what_it_forbids(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from storage.outbox import enqueue\n"
        "async def f(tx):\n"
        "    await enqueue(tx, 1, p, 'k', now)\n"
        "    await outbox.enqueue(tx, 1, p, 'k', now)\n"
        "    await tx.execute('INSERT OR IGNORE INTO  outbox (chat_id) VALUES (?)', (1,))\n",
        encoding="utf-8",
    )
    assert queuing(sample) == [
        "sample.py:1 imports enqueue",
        "sample.py:3 calls enqueue",
        "sample.py:4 calls enqueue",
        "sample.py:5 inserts into outbox",
    ]
    assert queuing(OUTBOX)  # the outbox itself does, and may
