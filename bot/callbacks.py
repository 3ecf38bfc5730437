"""Callback data: short versioned codes, one typed class per action (`v1:match:yes:12`).

Telegram allows 64 bytes; codes carry ids only, never text, so Arabic never inflates them.
A button from an older version of the bot, or a forged one, unpacks to None and is answered
as expired.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, time
from enum import StrEnum
from typing import Any, ClassVar, TypeVar, get_args, get_type_hints

VERSION = "v1"
MAX_BYTES = 64


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
# Fields may be int (0 or more), str (no ":"), bool, a StrEnum, a date (2026-12-07), a time
# of day (2130), or any of these | None.
# One subclass per action; `handlers.buttons.button(RideAnswer, on_answer)` registers it.
# A prefix may also be `area:action` (`match:yes`): the codes the bot wrote before typed
# data had that shape, so the buttons on messages already sent keep working.

_PREFIX = re.compile(r"^[a-z][a-z0-9_.]*(?::[a-z][a-z0-9_]*)?$")
_REGISTRY: dict[str, type[CallbackData]] = {}
_Packed = TypeVar("_Packed", bound="CallbackData")


class CallbackData:
    """Base of every button's data: pack, unpack and validate in one place."""

    __prefix__: ClassVar[str] = ""

    def __init_subclass__(cls, prefix: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not _PREFIX.match(prefix):
            raise ValueError(f"callback prefix {prefix!r} must be lowercase letters, digits, _ . :")
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
        """Read what `pack` wrote; anything else (old, forged, foreign) is None. What it reads,
        it packs again to the same text."""
        if not data or _size(data) > MAX_BYTES:
            return None
        parts = data.split(":")
        head = [VERSION, *cls.__prefix__.split(":")]
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        if parts[: len(head)] != head or len(parts) != len(head) + len(fields):
            return None
        hints = get_type_hints(cls)
        values: dict[str, object] = {}
        for field, text in zip(fields, parts[len(head) :], strict=True):
            value = _from_text(hints[field.name], text)
            if value is _INVALID:
                return None
            values[field.name] = value
        return cls(**values)

    @classmethod
    def pattern(cls) -> str:
        """The CallbackQueryHandler pattern that selects this action's buttons: its prefix
        and as many values as it has fields. `role:dispatch` also has the shape of a `role`
        with one value: register the longer prefix first."""
        values = len(dataclasses.fields(cls))  # type: ignore[arg-type]
        return rf"^{VERSION}:{re.escape(cls.__prefix__)}(?::[^:]*){{{values}}}$"


def _size(data: str) -> int:
    """Bytes on the wire; text that is not UTF-8 (a lone surrogate in forged JSON) is too big."""
    try:
        return len(data.encode())
    except UnicodeEncodeError:
        return MAX_BYTES + 1


def unpack_any(data: str | None) -> CallbackData | None:
    """The data of whichever registered action wrote it (None: old, forged or foreign); the
    longest prefix first, as `role:dispatch` is also the shape of a `role` with one value."""
    for kind in sorted(_REGISTRY.values(), key=lambda k: -len(k.__prefix__)):
        found = kind.unpack(data)
        if found is not None:
            return found
    return None


def registered() -> list[type[CallbackData]]:
    """Every action class defined so far (for the tests that walk them all)."""
    return list(_REGISTRY.values())


_INVALID = object()


def _to_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, time):
        return value.strftime("%H%M")
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
        # As pack writes it: ASCII digits (int() also reads Arabic-Indic ones), no leading 0.
        ok = text.isascii() and text.isdecimal() and len(text) <= 18
        return int(text) if ok and str(int(text)) == text else _INVALID
    if kind is str:
        return text if text else _INVALID
    if kind is date:
        return _date(text)
    if kind is time:
        return _time(text)
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        try:
            return kind(text)
        except ValueError:
            return _INVALID
    raise TypeError(f"callback field type {kind!r} is not supported")


def _date(text: str) -> object:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return _INVALID
    return value if value.isoformat() == text else _INVALID  # not 20261207 nor 2026-W50-1


def _time(text: str) -> object:
    if len(text) != 4 or not (text.isascii() and text.isdecimal()):
        return _INVALID
    if int(text[:2]) > 23 or int(text[2:]) > 59:
        return _INVALID
    return time(int(text[:2]), int(text[2:]))
