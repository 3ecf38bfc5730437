"""Typed input: numbers in any script, times of day, names and phone numbers."""

from __future__ import annotations

import contextlib
from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch.inputs import (
    InvalidInput,
    Problem,
    read_id,
    read_name,
    read_number,
    read_phone,
    read_time,
    to_ascii_digits,
)


@pytest.mark.parametrize(("text", "value"), [("3", 3), (" ٣ ", 3), ("۱۰", 10), ("１２", 12)])
def test_numbers_in_any_script(text: str, value: int) -> None:
    assert read_number(text, 0, 12) == value


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem.EMPTY),
        ("two", Problem.NOT_A_NUMBER),
        ("13", Problem.OUT_OF_RANGE),
        ("-1", Problem.OUT_OF_RANGE),
        ("1.5", Problem.NOT_A_NUMBER),
    ],
)
def test_bad_numbers_say_why(text: str, problem: Problem) -> None:
    with pytest.raises(InvalidInput) as raised:
        read_number(text, 0, 12)
    assert raised.value.problem is problem


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("21:30", time(21, 30)),
        ("21h30", time(21, 30)),
        ("21u30", time(21, 30)),  # Belgian Dutch
        ("21U30", time(21, 30)),
        ("21u", time(21, 0)),
        ("21.30", time(21, 30)),
        ("21h", time(21, 0)),
        ("9", time(9, 0)),
        ("٢١:٣٠", time(21, 30)),
        ("21 : 05", time(21, 5)),
    ],
)
def test_times(text: str, value: time) -> None:
    assert read_time(text) == value


@pytest.mark.parametrize("text", ["25:00", "21:60", "tonight", "21:3", ""])
def test_bad_times(text: str) -> None:
    with pytest.raises(InvalidInput):
        read_time(text)


def test_names_are_cleaned_and_limited() -> None:
    assert read_name("  Amina \n  B. ", 30) == "Amina B."
    assert read_name("أمينة", 30) == "أمينة"
    with pytest.raises(InvalidInput):
        read_name("\u200b\u0000 ", 30)
    with pytest.raises(InvalidInput):
        read_name("x" * 31, 30)


def test_phones() -> None:
    assert read_phone("+32 470 12 34 56") == "+32470123456"
    assert read_phone("٠٤٧٠/١٢.٣٤.٥٦") == "0470123456"
    with pytest.raises(InvalidInput):
        read_phone("call me")


@given(st.text(max_size=40))
def test_readers_only_raise_invalid_input(text: str) -> None:
    for reader in (
        lambda s: read_number(s, 0, 10),
        read_time,
        lambda s: read_name(s, 30),
        read_phone,
    ):
        with contextlib.suppress(InvalidInput):
            reader(text)
    assert len(to_ascii_digits(text)) == len(text)


def test_a_record_number_is_read_in_any_script_and_never_overflows() -> None:
    assert read_id("123") == 123 and read_id(" ١٢ ") == 12
    assert read_id("9" * 18) == int("9" * 18)
    assert read_id("9" * 19) is None  # SQLite's integers stop at 19 digits: no record has it
    assert read_id("") is None and read_id("12a") is None and read_id("-3") is None
