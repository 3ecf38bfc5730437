"""A notice's stored form: `stored()` writes a payload as a small JSON-ready object and
`parse()` reads it back into its typed payload; they are its only writer and reader."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from enum import Enum
from typing import Any

from dispatch.notices import PAYLOADS, NoticeKind, NoticePayload


class UnknownNotice(LookupError):
    """A stored notice whose kind or payload this version cannot read."""


def stored(payload: NoticePayload) -> dict[str, object]:
    """The JSON-ready form of a payload (dates as ISO text, enums as their value)."""
    out: dict[str, object] = {}
    for field in dataclasses.fields(payload):
        value = getattr(payload, field.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Enum):
            value = value.value
        out[field.name] = value
    return out


def parse(kind: str, data: dict[str, Any]) -> NoticePayload:
    """The typed payload of a stored notice; UnknownNotice when it cannot be read."""
    try:
        cls = PAYLOADS[NoticeKind(kind)]
        hints = typing.get_type_hints(cls)
        values = {f.name: _read(hints[f.name], data.get(f.name)) for f in dataclasses.fields(cls)}
        return cls(**values)
    except (KeyError, ValueError, TypeError) as error:
        raise UnknownNotice(kind) from error


def _read(annotation: Any, value: Any) -> Any:
    """One stored field back into its declared type."""
    if isinstance(annotation, types.UnionType):  # `int | None`
        if value is None:
            return None
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    if value is None:
        raise TypeError("missing field")
    if annotation is date:
        return date.fromisoformat(str(value))
    if annotation is int:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise TypeError("not an id")
        return int(value)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation(value)
    raise TypeError(f"unsupported field type {annotation!r}")
