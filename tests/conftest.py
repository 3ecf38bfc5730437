"""Markers applied by place and by name, so `-m "not e2e"` or `-m "not slow"` picks the fast
tests without anyone remembering to decorate a new one."""

from __future__ import annotations

from pathlib import Path

import pytest

E2E = Path(__file__).parent / "e2e"
# Tests that take seconds even on an idle machine (measured with --durations); by node name,
# relative to tests/, without parameters.
SLOW = frozenset({})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(E2E):
            item.add_marker(pytest.mark.e2e)
        name = item.nodeid.split("[")[0].removeprefix("tests/")
        if name in SLOW:
            item.add_marker(pytest.mark.slow)
