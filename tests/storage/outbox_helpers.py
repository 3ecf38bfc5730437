"""Take due notices as the sender does (listed, then each claimed), for tests that read them."""

from __future__ import annotations

from datetime import datetime

from storage.outbox import Notice
from storage.store import Store


async def claim_due(store: Store, now: datetime) -> list[Notice]:
    """The due notices, each claimed as if its request had just left."""
    due = await store.outbox.due(now, 100)
    return [notice for notice in due if await store.outbox.claim(notice.id)]
