"""What people type, made safe to show others: no bidirectional overrides or isolates (a
right-to-left override typed into a report would reverse the dispatchers' alert around it),
while the joiners that emoji sequences and Persian or Arabic names need are kept."""

from __future__ import annotations

import unicodedata

# U+202A–U+202E (embeddings, overrides, pop) and U+2066–U+2069 (isolates).
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
JOINERS = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ
_DROP = {ord(ch): None for ch in BIDI_CONTROLS}


def clean_text(text: str) -> str:
    """`text` without bidirectional controls (everything else as typed)."""
    return text.translate(_DROP)


def printable(text: str) -> str:
    """One line: bidi controls and other invisible controls out, joiners and spaces kept."""
    return "".join(
        ch
        for ch in clean_text(text)
        if unicodedata.category(ch)[0] != "C" or ch == " " or ch in JOINERS
    )
