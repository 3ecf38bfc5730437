"""Callback data: short versioned codes with one parser (`v1:lang:ar`, `v1:role:guest`).

Telegram allows 64 bytes; codes carry ids only, never text, so Arabic never inflates them.
A button from an older version of the bot parses to None and is answered as expired.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, TypeVar, get_args, get_type_hints

VERSION = "v1"
MAX_BYTES = 64


@dataclass(frozen=True)
class Callback:
    area: str
    action: str
    args: tuple[str, ...] = ()


def encode(area: str, action: str, *args: str | int) -> str:
    data = ":".join([VERSION, area, action, *(str(a) for a in args)])
    if len(data.encode()) > MAX_BYTES or any(":" in str(a) for a in args):
        raise ValueError(f"callback data {data!r} is not a short code")
    return data


def parse(data: str | None) -> Callback | None:
    """Read what `encode` wrote; anything else (old, forged, foreign) is None."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if len(parts) < 3 or parts[0] != VERSION or not all(parts[1:3]):
        return None
    return Callback(parts[1], parts[2], tuple(parts[3:]))


def pattern(area: str, actions: Iterable[str] = ()) -> str:
    """The CallbackQueryHandler pattern for one area of buttons (only these actions, if named)."""
    if not actions:
        return rf"^{VERSION}:{area}:"
    return rf"^{VERSION}:{area}:(?:{'|'.join(re.escape(a) for a in sorted(actions))})(?::|$)"


# --- Typed callback data (modelled on aiogram's CallbackData factory) -----------------------
#
#     @dataclass(frozen=True)
#     class RideAnswer(CallbackData, prefix="ride.answer"):
#         ride_id: int
#         accept: bool
#
#     RideAnswer(12, True).pack() == "v1:ride.answer:12:1"
#     RideAnswer.unpack("v1:ride.answer:12:1") == RideAnswer(12, True)
#     RideAnswer.unpack("v1:ride.answer:x:1") is None      # validation lives here, nowhere else
#
# Fields may be int (0 or more), str (no ":"), bool, a StrEnum, or any of these | None.
# One subclass per action; `handlers.buttons.button(RideAnswer, on_answer)` registers it.

_PREFIX = re.compile(r"^[a-z][a-z0-9_.]*$")
_REGISTRY: dict[str, type[CallbackData]] = {}
_Packed = TypeVar("_Packed", bound="CallbackData")


class CallbackData:
    """Base of every button's data: pack, unpack and validate in one place."""

    __prefix__: ClassVar[str] = ""

    def __init_subclass__(cls, prefix: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _PREFIX.match(prefix):
            raise ValueError(f"callback prefix {prefix!r} must be lowercase letters, digits, _ .")
        if prefix in _REGISTRY and _REGISTRY[prefix].__qualname__ != cls.__qualname__:
            raise ValueError(f"callback prefix {prefix!r} is used twice")
        _REGISTRY[prefix] = cls
        cls.__prefix__ = prefix

    def pack(self) -> str:
        values = [_to_text(getattr(self, f.name)) for f in dataclasses.fields(self)]  # type: ignore[arg-type]
        data = ":".join([VERSION, self.__prefix__, *values])
        if len(data.encode()) > MAX_BYTES or any(":" in value for value in values):
            raise ValueError(f"callback data {data!r} is not a short code")
        return data

    @classmethod
    def unpack(cls: type[_Packed], data: str | None) -> _Packed | None:
        """Read what `pack` wrote; anything else (old, forged, foreign) is None."""
        if not data or len(data.encode()) > MAX_BYTES:
            return None
        parts = data.split(":")
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        if parts[:2] != [VERSION, cls.__prefix__] or len(parts) != 2 + len(fields):
            return None
        hints = get_type_hints(cls)
        values: dict[str, object] = {}
        for field, text in zip(fields, parts[2:], strict=True):
            value = _from_text(hints[field.name], text)
            if value is _INVALID:
                return None
            values[field.name] = value
        return cls(**values)

    @classmethod
    def pattern(cls) -> str:
        """The CallbackQueryHandler pattern that selects this action's buttons."""
        return rf"^{VERSION}:{re.escape(cls.__prefix__)}(?::|$)"


_INVALID = object()


def _to_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _from_text(kind: Any, text: str) -> object:
    options = get_args(kind)
    if type(None) in options:  # X | None
        if text == "":
            return None
        (kind,) = [option for option in options if option is not type(None)]
    if kind is bool:
        return {"1": True, "0": False}.get(text, _INVALID)
    if kind is int:
        return int(text) if text.isdecimal() and len(text) <= 18 else _INVALID
    if kind is str:
        return text if text else _INVALID
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        try:
            return kind(text)
        except ValueError:
            return _INVALID
    raise TypeError(f"callback field type {kind!r} is not supported")
