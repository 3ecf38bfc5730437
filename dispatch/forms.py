"""Step-by-step forms: which question comes next, and what counts as a valid answer.

A form is an ordered list of fields. Answers are kept in a draft (storage), so a form
interrupted by another command or a restart of the bot resumes at the first unanswered
question. Fields can depend on earlier answers (`when`) and offer options that depend on
them (`options`), which is how the non-mixité rule shapes what a host can choose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any
from zoneinfo import available_timezones

from dispatch.inputs import (
    InvalidInput,
    Problem,
    read_name,
    read_number,
    read_phone,
    read_time,
    to_ascii_digits,
)
from dispatch.text import clean_text

Answers = Mapping[str, Any]
Choices = Mapping[str, tuple[str, ...]]  # options known only at run time (e.g. the sites)
Labels = Mapping[str, str]  # how each run-time option reads, in the reader's language


class Kind(StrEnum):
    CHOICE = "choice"  # one option, by button
    MULTI = "multi"  # several options, toggled, then "done"
    NUMBER = "number"  # buttons low…high, or typed in any script
    TEXT = "text"  # typed
    PHONE = "phone"  # typed
    TIME = "time"  # buttons for common times, or typed (HH:MM)
    TIMEZONE = "timezone"  # buttons for common zones, or a typed IANA name
    COORDINATES = "coordinates"  # a shared location, or typed "latitude, longitude"
    PARAGRAPH = "paragraph"  # typed, kept as typed (line breaks too)


def _always(_: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    options: tuple[str, ...] | Callable[[Answers, Choices], tuple[str, ...]] = ()
    low: int = 0
    high: int = 10
    max_length: int = 40
    optional: bool = False  # may be skipped (text, phone) or left empty (multi)
    when: Callable[[Answers], bool] = _always
    presets: tuple[str, ...] = ()  # suggested answers shown as buttons (times, zones)

    def choices(self, answers: Answers, runtime: Choices) -> tuple[str, ...]:
        if callable(self.options):
            return self.options(answers, runtime)
        return self.options


@dataclass(frozen=True)
class Form:
    name: str
    fields: tuple[Field, ...]
    autofill_single: frozenset[str] = field(default_factory=frozenset)

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def applicable(self, answers: Answers) -> list[Field]:
        return [f for f in self.fields if f.when(answers)]

    def next_field(self, answers: Answers) -> Field | None:
        """The first question still to ask, or None when the form is complete."""
        return next((f for f in self.applicable(answers) if f.name not in answers), None)

    def previous_field(self, answers: Answers) -> Field | None:
        """The last question answered before the current one (for a Back button)."""
        answered = [f for f in self.applicable(answers) if f.name in answers]
        return answered[-1] if answered else None

    def complete(self, answers: Answers) -> bool:
        return self.next_field(answers) is None

    def relevant(self, answers: Answers) -> dict[str, Any]:
        """Drop answers to this form's questions that no longer apply (a changed answer can
        make others moot); keep anything else the form was started with."""
        moot = {f.name for f in self.fields} - {f.name for f in self.applicable(answers)}
        return {key: value for key, value in answers.items() if key not in moot}


def autofill(form: Form, answers: dict[str, Any], runtime: Choices) -> None:
    """Answer by themselves the questions with a single possible option (e.g. one site)."""
    while (current := form.next_field(answers)) is not None:
        options = current.choices(answers, runtime)
        if current.name not in form.autofill_single or len(options) != 1:
            return
        answers[current.name] = [options[0]] if current.kind is Kind.MULTI else options[0]


def read_typed(field_: Field, text: str) -> Any:
    """A typed answer for the current question, or InvalidInput saying what is wrong."""
    if field_.kind is Kind.NUMBER:
        return read_number(text, field_.low, field_.high)
    if field_.kind is Kind.TIME:
        return read_time(text).strftime("%H:%M")
    if field_.kind is Kind.TEXT:
        return read_name(text, field_.max_length)
    if field_.kind is Kind.PHONE:
        return read_phone(text)
    if field_.kind is Kind.TIMEZONE:
        return read_timezone(text)
    if field_.kind is Kind.COORDINATES:
        return read_coordinates(text)
    if field_.kind is Kind.PARAGRAPH:
        return read_paragraph(text, field_.max_length)
    raise InvalidInput(Problem.NOT_AN_OPTION)


def read_button(field_: Field, value: str, answers: Answers, runtime: Choices) -> Any:
    """A pressed button's value for the current question; forged values are refused."""
    if field_.kind is Kind.NUMBER:
        return read_number(value, field_.low, field_.high)
    if field_.kind in (Kind.TIME, Kind.TIMEZONE):
        for preset in field_.presets:
            if button_value(preset) == value:
                return preset
        raise InvalidInput(Problem.NOT_AN_OPTION)
    if field_.kind is Kind.CHOICE and value in field_.choices(answers, runtime):
        return value
    raise InvalidInput(Problem.NOT_AN_OPTION)


def button_value(preset: str) -> str:
    """A time preset as button data: callback codes use ':' as their separator."""
    return preset.replace(":", "")


def toggle(
    field_: Field,
    value: str,
    selected: list[str],
    answers: Answers,
    runtime: Choices,
    *,
    on: bool | None = None,
) -> list[str]:
    """Tick (`on`) or untick one option of a multiple choice, keeping the options' order.

    A button says which it does, so a double tap, or a press delivered again after a restart,
    leaves the box as the person meant; `on=None` flips (buttons sent before it said)."""
    options = field_.choices(answers, runtime)
    if field_.kind is not Kind.MULTI or value not in options:
        raise InvalidInput(Problem.NOT_AN_OPTION)
    chosen = set(selected)
    if on is None:
        chosen ^= {value}
    elif on:
        chosen.add(value)
    else:
        chosen.discard(value)
    return [option for option in options if option in chosen]


def finish_multi(field_: Field, selected: list[str]) -> list[str]:
    if not selected and not field_.optional:
        raise InvalidInput(Problem.EMPTY)
    return selected


@cache
def _zones() -> dict[str, str]:
    """IANA zones by their case-folded name; 'Etc/' and bare names (EST, GMT+0) are offsets
    or aliases, not the places a cut-off is set in."""
    return {z.casefold(): z for z in available_timezones() if "/" in z and not z.startswith("Etc/")}


def read_timezone(text: str) -> str:
    """'europe/brussels' or 'America/New York' read as the zone's IANA name."""
    cleaned = "_".join(text.split())
    if not cleaned:
        raise InvalidInput(Problem.EMPTY)
    zone = _zones().get(cleaned.casefold())
    if zone is None:
        raise InvalidInput(Problem.NOT_AN_OPTION)
    return zone


_DEGREES = r"[+-]?\d{1,3}(?:[.,]\d+)?"
_POSITION = re.compile(rf"^({_DEGREES})\s*[,;\s]\s*({_DEGREES})$")
# Arabic decimal separator and comma, and the minus sign that some keyboards type.
_SIGNS = str.maketrans({"\u066b": ".", "\u060c": ",", "\u2212": "-"})


def read_coordinates(text: str) -> list[float]:
    """'50.8466, 4.3528', '50,8466; 4,3528' or '٥٠٫٨٤٦٦، ٤٫٣٥٢٨' as [latitude, longitude]."""
    cleaned = to_ascii_digits(text).translate(_SIGNS).strip()
    if not cleaned:
        raise InvalidInput(Problem.EMPTY)
    match = _POSITION.match(cleaned)
    if match is None:
        raise InvalidInput(Problem.NOT_A_NUMBER)
    latitude, longitude = (float(group.replace(",", ".")) for group in match.groups())
    return read_position(latitude, longitude)


def read_position(latitude: float, longitude: float) -> list[float]:
    """A point on Earth, as a list because drafts are stored as JSON."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidInput(Problem.OUT_OF_RANGE)
    return [round(latitude, 6), round(longitude, 6)]


def read_paragraph(text: str, max_length: int) -> str:
    """A longer text kept as typed, line breaks included; the ends trimmed, bidi controls out."""
    cleaned = clean_text(text).strip()
    if not cleaned:
        raise InvalidInput(Problem.EMPTY)
    if len(cleaned) > max_length:
        raise InvalidInput(Problem.TOO_LONG)
    return cleaned
