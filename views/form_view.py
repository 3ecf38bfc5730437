"""How a form's current question looks: the text, the buttons, and a re-ask when needed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from babel.dates import get_day_names
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import N_, Translator
from dispatch.forms import Answers, Field, Form, Kind, button_value
from dispatch.inputs import Problem
from dispatch.languages import SPOKEN
from views.form_texts import (
    BACK,
    CANCEL,
    DONE,
    FIELD_PROBLEMS,
    FORM_OPTION_LABELS,
    NOTHING_TICKED,
    OPTION_LABELS,
    PROMPTS,
    SKIP,
)

Labels = Mapping[str, str]  # run-time labels, e.g. site id → site name
SKIPPABLE = (Kind.TEXT, Kind.PHONE, Kind.COORDINATES, Kind.PARAGRAPH)  # typed answers


class FormOp(StrEnum):
    """What a form's button does to its question."""

    SET = "set"
    ON = "on"  # tick an option of a multiple choice
    OFF = "off"  # untick it
    TOG = "tog"  # buttons sent before a press said which: flip it
    DONE = "done"
    SKIP = "skip"
    BACK = "back"
    CANCEL = "cancel"


@dataclass(frozen=True)
class FormPress(CallbackData, prefix="f"):
    """A button of the question `field` (the engine checks it is the one being asked)."""

    field: str
    op: FormOp
    value: str | None = None


def question(t: Translator, form: Form, field: Field) -> str:
    key = (form.name, field.name) if (form.name, field.name) in PROMPTS else ("*", field.name)
    return t.gettext(PROMPTS[key])


def option_label(t: Translator, form: Form, field: Field, option: str, labels: Labels) -> str:
    if (form.name, field.name, option) in FORM_OPTION_LABELS:
        return t.gettext(FORM_OPTION_LABELS[(form.name, field.name, option)])
    if (field.name, option) in OPTION_LABELS:
        return t.gettext(OPTION_LABELS[(field.name, option)])
    if field.name == "languages":
        return SPOKEN[option]
    if field.name == "weekdays":
        return str(get_day_names("wide", locale=t.babel_locale)[int(option) - 1])
    if field.name == "days":
        return t.ngettext("{count} day", "{count} days", int(option))
    return labels.get(option, t.number(int(option)) if option.isdigit() else option)


# What is wrong with a typed answer, in the words of the kinds whose readers say it.
KIND_PROBLEMS: dict[tuple[Kind, Problem], str] = {
    (Kind.TIMEZONE, Problem.NOT_AN_OPTION): N_(
        "I do not know this time zone. Choose one below, or type its name as in Europe/Brussels."
    ),
    (Kind.COORDINATES, Problem.NOT_A_NUMBER): N_(
        "Please share a location, or type latitude and longitude, for example 50.8466, 4.3528."
    ),
    (Kind.COORDINATES, Problem.OUT_OF_RANGE): N_(
        "The latitude must be between -90 and 90, and the longitude between -180 and 180."
    ),
}


def problem_text(t: Translator, problem: Problem, field: Field) -> str:
    if (field.name, problem) in FIELD_PROBLEMS:
        return "⚠️ " + t.gettext(FIELD_PROBLEMS[(field.name, problem)])
    if (field.kind, problem) in KIND_PROBLEMS:
        return "⚠️ " + t.gettext(KIND_PROBLEMS[(field.kind, problem)])
    if problem is Problem.EMPTY and field.kind is Kind.MULTI:
        return t.gettext("Please choose at least one option.")
    messages = {
        Problem.EMPTY: t.gettext("Please type an answer."),
        Problem.NOT_A_NUMBER: t.gettext("Please send a number, for example 2."),
        Problem.OUT_OF_RANGE: t.gettext(
            "Please choose a number from {low} to {high}.",
            low=t.number(field.low),
            high=t.number(field.high),
        ),
        Problem.TOO_LONG: t.gettext(
            "That is too long: {limit} characters at most.", limit=t.number(field.max_length)
        ),
        Problem.NOT_A_TIME: t.gettext("Please send a time such as 21:30."),
        Problem.NOT_A_PHONE: t.gettext(
            "That does not look like a phone number. Send it with its country code, "
            "for example +32 470 12 34 56, or skip this question."
        ),
        Problem.NOT_AN_OPTION: t.gettext("Please answer with the buttons below."),
        Problem.EMPTY_GROUP: t.gettext("A group has at least one person. Let us count again."),
        Problem.GROUP_TOO_LARGE: t.gettext(
            "For such a large group, please speak with a dispatcher at the meeting point. "
            "Or let us count again."
        ),
        Problem.MINORS_ALONE: t.gettext("A group needs at least one adult. Let us count again."),
    }
    return "⚠️ " + messages[problem]


def _button(label: str, field: Field, op: FormOp, value: str = "") -> InlineKeyboardButton:
    data = FormPress(field.name, op, value or None)
    return InlineKeyboardButton(label, callback_data=data.pack())


def _rows(buttons: list[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def keyboard(
    t: Translator,
    form: Form,
    field: Field,
    answers: Answers,
    options: tuple[str, ...],
    labels: Labels,
    *,
    can_go_back: bool,
) -> InlineKeyboardMarkup:
    """Option buttons for the question, then Back and Cancel."""
    rows: list[list[InlineKeyboardButton]] = []
    if field.kind is Kind.CHOICE:
        per_row = (
            2 if all(len(option_label(t, form, field, o, labels)) <= 14 for o in options) else 1
        )
        rows = _rows(
            [
                _button(option_label(t, form, field, o, labels), field, FormOp.SET, o)
                for o in options
            ],
            per_row,
        )
    elif field.kind is Kind.MULTI:
        chosen = set(_selected(answers, field))
        toggles = [
            _button(
                ("✅ " if o in chosen else "▫️ ") + option_label(t, form, field, o, labels),
                field,
                FormOp.OFF
                if o in chosen
                else FormOp.ON,  # what a press does, not "flip": see toggle()
                o,
            )
            for o in options
        ]
        rows = _rows(toggles, 2 if len(options) > 4 else 1)
        rows.append([_button(_done_label(t, form, field, chosen), field, FormOp.DONE)])
    elif field.kind is Kind.NUMBER:
        numbers = [str(n) for n in range(field.low, field.high + 1)]
        rows = _rows([_button(t.number(int(n)), field, FormOp.SET, n) for n in numbers], 5)
    elif field.kind is Kind.TIME:
        rows = _rows([_button(p, field, FormOp.SET, button_value(p)) for p in field.presets], 3)
    elif field.kind is Kind.TIMEZONE:
        rows = _rows([_button(p, field, FormOp.SET, button_value(p)) for p in field.presets], 2)
    if field.optional and field.kind in SKIPPABLE:
        rows.append([_button(t.gettext(SKIP), field, FormOp.SKIP)])
    nav = [_button(t.gettext(BACK), field, FormOp.BACK)] if can_go_back else []
    nav.append(_button(t.gettext(CANCEL), field, FormOp.CANCEL))
    rows.append(nav)
    return InlineKeyboardMarkup(rows)


def _done_label(t: Translator, form: Form, field: Field, chosen: set[str]) -> str:
    if not chosen and (form.name, field.name) in NOTHING_TICKED:
        return t.gettext(NOTHING_TICKED[(form.name, field.name)])
    return t.gettext(DONE)


def _selected(answers: Answers, field: Field) -> list[str]:
    """A multiple choice being toggled lives under a working key until Done is pressed."""
    value: Any = answers.get(f"_{field.name}", answers.get(field.name, []))
    return list(value)
