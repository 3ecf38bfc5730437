"""Callback codes: short, versioned, typed, and anything else unpacks to None."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import callbacks


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
        "v1:test.ride:١٢:1:no:",  # Arabic-Indic digits: int() reads them, no button writes them
        "v1:test.ride:012:1:no:",  # not as pack writes 12
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


@dataclass(frozen=True)
class _Yes(callbacks.CallbackData, prefix="test:yes"):
    match_id: int


@dataclass(frozen=True)
class _Menu(callbacks.CallbackData, prefix="test:menu"):
    pass


@dataclass(frozen=True)
class _Pick(callbacks.CallbackData, prefix="test"):
    choice: str


@dataclass(frozen=True)
class _When(callbacks.CallbackData, prefix="test:when"):
    night: date
    at: time | None = None


def test_an_area_and_action_prefix_writes_the_codes_of_before_typed_data() -> None:
    assert _Yes(12).pack() == "v1:test:yes:12"
    assert _Yes.unpack("v1:test:yes:12") == _Yes(12)
    assert _Menu().pack() == "v1:test:menu"
    for data in ("v1:test:yes", "v1:test:yes:12:1", "v1:test:no:12", "v1:test:12", "v1:test"):
        assert _Yes.unpack(data) is None, data


def test_a_pattern_selects_its_prefix_with_as_many_values_as_fields() -> None:
    """`test:menu` also has the shape of a `test` with one value (registered after it)."""
    assert re.match(_Menu.pattern(), "v1:test:menu")
    assert not re.match(_Menu.pattern(), "v1:test:menu:1")
    assert re.match(_Pick.pattern(), "v1:test:x")
    assert not re.match(_Pick.pattern(), "v1:test:menu:x")
    assert not re.match(_Pick.pattern(), "v1:test")
    assert re.match(_Yes.pattern(), "v1:test:yes:x")  # the shape; unpack then refuses it
    assert not re.match(_Yes.pattern(), "v1:test:yesno:1")


def test_dates_and_times_round_trip_and_nothing_else_passes() -> None:
    data = _When(date(2026, 12, 7), time(21, 30))
    assert data.pack() == "v1:test:when:2026-12-07:2130"
    assert _When.unpack(data.pack()) == data
    assert _When.unpack("v1:test:when:2026-12-07:") == _When(date(2026, 12, 7))
    for bad in (
        "2026-13-07:2130",
        "20261207:2130",
        "2026-W50-1:2130",
        "2026-12-07:2460",
        "2026-12-07:930",
        "2026-12-07:٢١٣٠",
    ):
        assert _When.unpack(f"v1:test:when:{bad}") is None, bad


def test_unpack_any_finds_the_action_that_wrote_it() -> None:
    assert callbacks.unpack_any("v1:test:yes:3") == _Yes(3)
    assert callbacks.unpack_any("v1:test:menu") == _Menu()
    assert callbacks.unpack_any("v1:test:yes:x") is None
    assert callbacks.unpack_any(None) is None


def test_a_prefix_is_letters_with_at_most_one_area() -> None:
    for prefix in ("Test", "a:b:c", "a::b", ":a", "a b"):
        with pytest.raises(ValueError):
            type("_Bad", (callbacks.CallbackData,), {}, prefix=prefix)


def test_codes_that_would_not_fit_telegram_are_refused_at_build_time() -> None:
    with pytest.raises(ValueError):
        _Pick("x" * 64).pack()
    with pytest.raises(ValueError):
        _Pick("a:b").pack()


@given(
    st.text(max_size=100)
    | st.builds(
        lambda head, values: ":".join([head, *values]),
        st.sampled_from(["v1:test:yes", "v1:test:when", "v1:test.ride", "v1:test"]),
        st.lists(st.text(st.characters(exclude_characters=":"), max_size=12), max_size=4),
    )
)
def test_what_unpacks_packs_back_to_the_same_text(data: str) -> None:
    found = callbacks.unpack_any(data)
    assert found is None or found.pack() == data


def test_forged_text_that_is_not_utf8_is_refused_not_raised() -> None:
    """JSON may carry a lone surrogate ("\\ud800"): such data is no button of ours."""
    assert callbacks.unpack_any("v1:guest:withdraw_yes:\ud800") is None
    assert _Pick.unpack("v1:test:yes:\ud800") is None
