"""Notices are claimed one by one, when their request leaves; a crash repeats what must be."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dispatch.notices import Feedback, MatchHost, Side, Waiting
from storage.store import Store

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


async def test_due_notices_are_listed_without_being_claimed(store: Store) -> None:
    for key in ("a", "b"):
        await store.outbox.add(1, MatchHost(7), key, NOW)
    first = await store.outbox.due(NOW)
    assert [n.attempts for n in first] == [1, 1] and first[0].created_at == NOW
    assert first[0].payload == MatchHost(7) and first[0].repeats == 0
    assert await store.outbox.claim(first[0].id)
    assert not await store.outbox.claim(first[0].id)  # taken: nobody sends it again
    assert [n.id for n in await store.outbox.due(NOW)] == [first[1].id]


async def test_a_notice_sent_again_later_counts_its_attempts(store: Store) -> None:
    await store.outbox.add(1, MatchHost(7), "a", NOW)
    [notice] = await store.outbox.due(NOW)
    await store.outbox.claim(notice.id)
    await store.outbox.retry_at(notice.id, NOW + timedelta(seconds=2), "NetworkError")
    assert await store.outbox.due(NOW) == []
    [again] = await store.outbox.due(NOW + timedelta(seconds=2))
    assert again.attempts == 2


async def test_an_interrupted_proposal_is_sent_again_marked_and_a_survey_is_not(
    store: Store,
) -> None:
    await store.outbox.add(1, MatchHost(7), "proposal", NOW)
    await store.outbox.add(2, Feedback(7, Side.GUEST), "survey", NOW)
    await store.outbox.add(3, Waiting(4), "queued", NOW)  # never left: untouched
    for notice in (await store.outbox.due(NOW))[:2]:
        assert await store.outbox.claim(notice.id)  # both requests were in flight
    later = NOW + timedelta(minutes=1)
    assert await store.outbox.recover_interrupted(later) == (1, 1)
    due = await store.outbox.due(later)
    assert [(n.chat_id, n.repeats) for n in due] == [(1, 1), (3, 0)]
    assert await store.outbox.counts() == {"failed": 1, "pending": 2}


async def test_an_unreadable_payload_is_reported_not_guessed(store: Store) -> None:
    await store.outbox.add(1, MatchHost(7), "a", NOW)
    await store.db.write('UPDATE outbox SET payload = \'{"match": "x"}\'')
    [notice] = await store.outbox.due(NOW)
    assert notice.payload is None and notice.kind == "match_host"
