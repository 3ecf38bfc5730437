"""Reading what people type: numbers in any script, times of day, names, phone numbers.

Each reader returns a clean value or raises InvalidInput with a reason code that the bot
turns into a localized re-ask.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time
from enum import StrEnum

from dispatch.text import printable


class Problem(StrEnum):
    EMPTY = "empty"
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    TOO_LONG = "too_long"
    NOT_A_TIME = "not_a_time"
    NOT_A_PHONE = "not_a_phone"
    NOT_AN_OPTION = "not_an_option"
    EMPTY_GROUP = "empty_group"
    GROUP_TOO_LARGE = "group_too_large"
    MINORS_ALONE = "minors_alone"


class InvalidInput(ValueError):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def to_ascii_digits(text: str) -> str:
    """'٣' and '۳' (Arabic-Indic and Persian digits) and full-width digits become '3'."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def read_number(text: str, low: int, high: int) -> int:
    cleaned = to_ascii_digits(text).strip()
    if not cleaned:
        raise InvalidInput(Problem.EMPTY)
    if not re.fullmatch(r"[+-]?\d{1,6}", cleaned):
        raise InvalidInput(Problem.NOT_A_NUMBER)
    value = int(cleaned)
    if not low <= value <= high:
        raise InvalidInput(Problem.OUT_OF_RANGE)
    return value


MAX_ID_DIGITS = 18  # a record's number: SQLite's integers hold up to 19 digits


def read_id(text: str) -> int | None:
    """A record's number as a dispatcher types it after a command (/block 123, /ride ١٢):
    digits only, any script; None for anything else, a number no record can have included."""
    cleaned = to_ascii_digits(text.strip())
    if not re.fullmatch(rf"\d{{1,{MAX_ID_DIGITS}}}", cleaned):
        return None
    return int(cleaned)


# Separators people type: 21:30, French 21h30, Belgian Dutch 21u30, 21.30, Arabic 21٫30.
_TIME = re.compile(r"^(\d{1,2})(?:\s*[:hHuU.\u066b]\s*(\d{2}))?\s*([hHuU])?$")


def read_time(text: str) -> time:
    """'21:30', '21h30', '21u30', '21.30', '21h', '21' and '٢١:٣٠' read as half past nine."""
    cleaned = to_ascii_digits(text).strip()
    match = _TIME.match(cleaned)
    if not cleaned:
        raise InvalidInput(Problem.EMPTY)
    if not match:
        raise InvalidInput(Problem.NOT_A_TIME)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise InvalidInput(Problem.NOT_A_TIME)
    return time(hour, minute)


def read_name(text: str, max_length: int) -> str:
    """A first name, alias or short note: printable, whitespace folded, within the limit."""
    cleaned = " ".join(printable(text).split())
    if not cleaned:
        raise InvalidInput(Problem.EMPTY)
    if len(cleaned) > max_length:
        raise InvalidInput(Problem.TOO_LONG)
    return cleaned


def read_phone(text: str) -> str:
    """A phone number as dispatchers will dial it: digits, an optional leading +."""
    cleaned = re.sub(r"[\s().\-/]", "", to_ascii_digits(text))
    if not cleaned:
        raise InvalidInput(Problem.EMPTY)
    if not re.fullmatch(r"\+?\d{6,15}", cleaned):
        raise InvalidInput(Problem.NOT_A_PHONE)
    return cleaned
