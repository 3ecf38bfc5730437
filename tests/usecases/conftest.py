"""Use cases run against a real SQLite file, with the clock's value passed in: no Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import time, timedelta
from pathlib import Path

import pytest

from dispatch.groups import Household
from dispatch.models import Site
from dispatch.party import Party
from dispatch.readmodels import NewRequest
from storage.store import Store
from tests.storage.people import vetted_host
from tests.storage.test_evening import CUTOFF, NIGHT, NOW
from usecases.services import Services

LATER = CUTOFF + timedelta(minutes=5)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = Store(tmp_path / "night.sqlite3")
    await opened.open()
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def site(store: Store) -> Site:
    return await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )


@pytest.fixture
def services(store: Store) -> Services:
    return Services(store)


async def offer(
    store: Store, site: Site, user_id: int, beds: int, *, name: str = "Marie", nights: int = 1
) -> int:
    """A vetted host (a couple, who may host single women) offering beds tonight."""
    await store.users.touch(user_id, NOW)
    host = await vetted_host(store, user_id, site.id, NOW, name=name, household=Household.COUPLE)
    saved = await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=beds,
        latest_pickup=time(21, 30),
        nights=nights,
        note=None,
        now=NOW,
    )
    return saved.id


async def ask(store: Store, site: Site, user_id: int) -> int:
    """A single woman asks for tonight."""
    await store.users.touch(user_id, NOW)
    await store.requests.record_consent(user_id, 1, NOW)
    new = NewRequest(site.id, NIGHT, CUTOFF, f"G{user_id}", Party(1, 0, 0), ("fr",), False, False)
    return (await store.requests.save_for_user(user_id, new, NOW)).id


async def kinds(store: Store) -> list[tuple[int, str]]:
    """The notices queued so far, by recipient (claimed: the next call sees only new ones)."""
    due = await store.outbox.due(CUTOFF + timedelta(1), limit=1000)
    for notice in due:
        await store.outbox.claim(notice.id)
    return sorted((n.chat_id, n.kind) for n in due)
