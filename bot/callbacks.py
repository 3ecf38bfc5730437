"""Callback data: short versioned codes with one parser (`v1:lang:ar`, `v1:role:guest`).

Telegram allows 64 bytes; codes carry ids only, never text, so Arabic never inflates them.
A button from an older version of the bot parses to None and is answered as expired.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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
