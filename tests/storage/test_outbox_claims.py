"""Notices are claimed one by one, just before they are sent, so a crash strands few."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.store import Store

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


async def test_due_notices_are_listed_without_being_claimed(store: Store) -> None:
    for key in ("a", "b"):
        await store.outbox.add(1, "text", {}, key, NOW)
    first = await store.outbox.due(NOW)
    assert [n.attempts for n in first] == [1, 1] and first[0].created_at == NOW
    assert await store.outbox.claim(first[0].id)
    assert not await store.outbox.claim(first[0].id)  # taken: nobody sends it again
    assert [n.id for n in await store.outbox.due(NOW)] == [first[1].id]
    assert await store.outbox.abandon_interrupted(NOW) == 1  # only the one in flight


async def test_a_notice_sent_again_later_counts_its_attempts(store: Store) -> None:
    await store.outbox.add(1, "text", {}, "a", NOW)
    [notice] = await store.outbox.due(NOW)
    await store.outbox.claim(notice.id)
    await store.outbox.retry_at(notice.id, NOW + timedelta(seconds=2), "NetworkError")
    assert await store.outbox.due(NOW) == []
    [again] = await store.outbox.due(NOW + timedelta(seconds=2))
    assert again.attempts == 2
