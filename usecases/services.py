"""What every use case needs from the running application: the store, the locks, the solver."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from dispatch.evening import Solver
from dispatch.matching.engine import match
from storage.store import Store


@dataclass
class RoundLocks:
    """Per-application locks of the evening round (one set per running bot, not per module)."""

    # One pass at a time: each reads what the previous one wrote.
    passes: asyncio.Lock = field(default_factory=asyncio.Lock)
    # One closing at a time: the tick, a catch-up and /close may meet on the same round, and
    # only the first may match it and tell the dispatch group.
    closing: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass(frozen=True)
class Services:
    store: Store
    locks: RoundLocks = field(default_factory=RoundLocks)
    solve: Solver = match
