"""The table of Bot API methods, keyed case-insensitively as Telegram does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from emulator.errors import ApiError
from emulator.state import EmulatorState

Params = dict[str, Any]
Handler = Callable[[EmulatorState, Params], Awaitable[Any]]


@dataclass(frozen=True)
class MethodSpec:
    """A method's canonical name, implementation and whether flood control applies."""

    name: str
    handler: Handler
    rate_limited: bool = False


_REGISTRY: dict[str, MethodSpec] = {}


def api_method(name: str, *, rate_limited: bool = False) -> Callable[[Handler], Handler]:
    """Register the decorated coroutine as the implementation of ``name``."""

    def register(handler: Handler) -> Handler:
        _REGISTRY[name.lower()] = MethodSpec(name, handler, rate_limited)
        return handler

    return register


def lookup(name: str) -> MethodSpec | None:
    """The method registered under ``name`` (any case), if any."""
    return _REGISTRY.get(name.lower())


def text_param(params: Params, key: str) -> str:
    """A required string parameter; Telegram answers ``<key> is empty`` when missing."""
    value = params.get(key)
    if value is None or value == "":
        raise ApiError.bad_request(f"{key} is empty")
    return str(value)


def float_param(params: Params, key: str) -> float:
    """A required number (latitude, longitude...)."""
    value = params.get(key)
    if isinstance(value, bool) or value is None:
        raise ApiError.bad_request(f"{key} is empty")
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise ApiError.bad_request(f'field "{key}" must be a number') from exc


def language_key(params: Params) -> str:
    """The language_code a bot setting applies to; "" means all languages."""
    value = params.get("language_code")
    return value if isinstance(value, str) else ""
