"""Callback codes: short, versioned, and anything else parses to None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import callbacks


def test_encode_and_parse_agree() -> None:
    data = callbacks.encode("lang", "ar", "guest")
    assert data == "v1:lang:ar:guest"
    assert callbacks.parse(data) == callbacks.Callback("lang", "ar", ("guest",))


@pytest.mark.parametrize(
    "data", [None, "", "lang:ar", "v0:lang:ar", "v1::ar", "v1:lang", "v1:" + "x" * 70]
)
def test_foreign_or_old_data_is_refused(data: str | None) -> None:
    assert callbacks.parse(data) is None


def test_codes_that_would_not_fit_telegram_are_refused_at_build_time() -> None:
    with pytest.raises(ValueError):
        callbacks.encode("area", "action", "x" * 64)
    with pytest.raises(ValueError):
        callbacks.encode("area", "action", "a:b")


@given(st.text(max_size=100))
def test_parse_never_raises(data: str) -> None:
    parsed = callbacks.parse(data)
    assert parsed is None or data.startswith("v1:")
