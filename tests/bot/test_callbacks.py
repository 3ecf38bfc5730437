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


from dataclasses import dataclass  # noqa: E402
from enum import StrEnum  # noqa: E402


class _Answer(StrEnum):
    YES = "yes"
    NO = "no"


@dataclass(frozen=True)
class _RideAnswer(callbacks.CallbackData, prefix="test.ride"):
    ride_id: int
    accept: bool
    answer: _Answer
    note: str | None = None


def test_typed_data_round_trips() -> None:
    data = _RideAnswer(12, True, _Answer.NO)
    assert data.pack() == "v1:test.ride:12:1:no:"
    assert _RideAnswer.unpack(data.pack()) == data
    assert _RideAnswer.unpack(_RideAnswer(3, False, _Answer.YES, "x").pack()) == _RideAnswer(
        3, False, _Answer.YES, "x"
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "v1:test.ride:x:1:no:",
        "v1:test.ride:1:2:no:",
        "v1:test.ride:1:1:maybe:",
        "v1:test.ride:1:1:no",
        "v1:other:1:1:no:",
        "v0:test.ride:1:1:no:",
        "v1:test.ride:-1:1:no:",
    ],
)
def test_typed_data_refuses_what_it_did_not_write(data: str | None) -> None:
    assert _RideAnswer.unpack(data) is None


def test_typed_data_refuses_a_second_class_with_the_same_prefix() -> None:
    with pytest.raises(ValueError):

        @dataclass(frozen=True)
        class _Again(callbacks.CallbackData, prefix="test.ride"):
            ride_id: int


@given(st.text(max_size=100))
def test_typed_unpack_never_raises(data: str) -> None:
    _RideAnswer.unpack(data)
