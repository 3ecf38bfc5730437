"""The languages the network works in; the order is the order of the language picker."""

from __future__ import annotations

SUPPORTED_LOCALES: tuple[str, ...] = ("fr", "nl", "en", "ar")

# Each language named in its own script, so anyone can find theirs without reading another.
NATIVE_NAMES: dict[str, str] = {
    "fr": "Français",
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
}

RIGHT_TO_LEFT: frozenset[str] = frozenset({"ar"})
