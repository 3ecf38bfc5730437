"""Pickup codes: short, easy to read aloud and to copy by hand, unique within a round."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Collection

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code is read aloud on a cold night and copied on paper.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 4


def new_code(taken: Collection[str], choose: Callable[[str], str] = secrets.choice) -> str:
    """A code not already used in this round (25⁴ = 390,625 possibilities)."""
    while True:
        code = "".join(choose(ALPHABET) for _ in range(LENGTH))
        if code not in taken:
            return code


def pickup_code(taken: set[str], kept: str | None = None) -> str:
    """The code of a new match or walk-in, the one place codes are chosen: a walk-in keeps
    the code on their paper; anyone else gets one not `taken` in this round (every match's
    and every walk-in's code), which is then taken too."""
    code = kept or new_code(taken)
    taken.add(code)
    return code
