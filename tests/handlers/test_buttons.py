"""Every button action of the registry: one handler each, its data round-trips, fits Telegram's
64 bytes and reaches that handler; old or forged data (wrong types, a value more or less,
too long, another version) is answered as expired and reaches no handler's code."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date, time
from enum import StrEnum
from types import NoneType, SimpleNamespace, UnionType
from typing import Any, get_args, get_type_hints

import pytest

from bot import callbacks
from bot.callbacks import MAX_BYTES, CallbackData
from handlers import button_handlers, fallback
from handlers.buttons import ButtonHandler
from handlers.replies import start_update
from tools.actors import TRANSLATORS
from views import common_texts

HANDLERS = button_handlers()
KINDS = [handler.kind for handler in HANDLERS]
EXPIRED = common_texts.expired_button(TRANSLATORS["en"])


def _values(kind: Any) -> list[Any]:
    """Values a field of this type may carry, the longest ones included."""
    if isinstance(kind, UnionType):
        (inner,) = [arg for arg in get_args(kind) if arg is not NoneType]
        return [None, *_values(inner)]
    if kind is bool:
        return [True, False]
    if kind is int:
        return [0, 7, 10**15]  # Telegram's user ids and every row id stay far below
    if kind is str:
        return ["fr", "household", "Europe/Brussels"]  # a locale, a field name, a preset
    if kind is date:
        return [date(2026, 12, 31)]
    if kind is time:
        return [time(23, 59)]
    assert issubclass(kind, StrEnum), kind
    return list(kind)


def _samples(kind: type[CallbackData]) -> list[CallbackData]:
    hints = get_type_hints(kind)
    fields = dataclasses.fields(kind)  # type: ignore[arg-type]
    choices = [_values(hints[field.name]) for field in fields]
    return [kind(*values) for values in itertools.product(*choices)]


def _wrong(kind: Any) -> list[str]:
    """Texts a field of this type must refuse."""
    if isinstance(kind, UnionType):
        (inner,) = [arg for arg in get_args(kind) if arg is not NoneType]
        return [text for text in _wrong(inner) if text]
    if kind is str:
        return ["", "a b" * 22]
    if kind is int:
        return ["x", "-1", "", "1.5", "1" * 19, "١٢"]  # Arabic digits are not ids either
    if kind is bool:
        return ["2", "", "true"]
    if kind is date:
        return ["2026-02-30", "20261207", "", "x"]
    if kind is time:
        return ["2400", "930", "21:30"[:2], ""]
    return ["", "x", "HOST"]


def _forged(data: CallbackData) -> list[str]:
    packed = data.pack()
    forged = [
        "v0" + packed[2:],  # another version
        packed + ":1",  # a value too many
        packed + "x" * (MAX_BYTES + 1 - len(packed)),  # over Telegram's limit
    ]
    parts = packed.split(":")
    prefix = data.__prefix__.count(":") + 2
    if len(parts) > prefix:
        forged.append(":".join(parts[:-1]))  # a value too few
    hints = get_type_hints(type(data))
    for index, field in enumerate(dataclasses.fields(data)):  # type: ignore[arg-type]
        for text in _wrong(hints[field.name]):
            wrong = [*parts]
            wrong[prefix + index] = text
            forged.append(":".join(wrong))
    return forged


class _Query:
    def __init__(self, data: str) -> None:
        self.id, self.data = "1", data
        self.answers: list[tuple[str | None, bool]] = []

    async def answer(self, text: str | None = None, show_alert: bool = False) -> None:
        self.answers.append((text, show_alert))


def _route(data: str) -> ButtonHandler | None:
    """The first registered action whose pattern selects this data, as PTB picks it."""
    return next((h for h in HANDLERS if h.pattern.match(data)), None)


async def _press(data: str) -> _Query:
    """Press through the registry: the selected action's handler, or the catch-all."""
    start_update()
    query = _Query(data)
    update = SimpleNamespace(callback_query=query, effective_user=SimpleNamespace(id=1))
    context = SimpleNamespace(t=TRANSLATORS["en"])  # a handler's own code would need more
    handler = _route(data)
    await (handler.callback if handler else fallback.expired_button)(update, context)
    return query


def test_every_action_has_one_handler_and_every_view_action_is_registered() -> None:
    assert len(KINDS) == len(set(KINDS))
    defined = {kind for kind in callbacks.registered() if kind.__module__.startswith("views.")}
    assert defined == set(KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__prefix__)
def test_every_action_round_trips_fits_and_reaches_its_own_handler(
    kind: type[CallbackData],
) -> None:
    for data in _samples(kind):
        packed = data.pack()
        assert len(packed.encode()) <= MAX_BYTES
        assert kind.unpack(packed) == data
        assert [other for other in KINDS if other.unpack(packed) is not None] == [kind]
        assert callbacks.unpack_any(packed) == data
        handler = _route(packed)
        assert handler is not None and handler.kind is kind, packed


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__prefix__)
async def test_old_or_forged_data_is_answered_as_expired(kind: type[CallbackData]) -> None:
    forged = {text for data in _samples(kind) for text in _forged(data)}
    assert len(forged) >= 3
    for text in sorted(forged):
        assert all(other.unpack(text) is None for other in KINDS), text
        query = await _press(text)
        assert query.answers == [(EXPIRED, True)], text


@pytest.mark.parametrize(
    "old",
    ["v1:lang:ar", "v1:menu:show", "v1:near:show", "v1:f:sites:done", "v1:host:edit", "v1:x:y"],
)
async def test_the_shapes_written_before_typed_data_with_a_value_left_out_are_expired(
    old: str,
) -> None:
    query = await _press(old)
    assert query.answers == [(EXPIRED, True)]
