"""Users, processed updates, the audit log, and the transaction rules behind them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from dispatch.accounts import Role
from storage.store import Store

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


async def test_touch_creates_then_returns_the_same_user(store: Store) -> None:
    first = await store.users.touch(42, NOW)
    again = await store.users.touch(42, NOW + timedelta(minutes=5))
    assert first == again
    assert first.locale is None and first.roles == frozenset()
    assert await store.users.count() == 1


async def test_saved_locale_and_roles_are_read_back(store: Store) -> None:
    await store.users.set_locale(7, "ar", NOW)
    await store.users.grant(7, Role.DISPATCHER, NOW, granted_by=1)
    await store.users.grant(7, Role.DISPATCHER, NOW, granted_by=1)  # idempotent
    account = await store.users.get(7)
    assert account is not None
    assert account.locale == "ar"
    assert account.roles == {Role.DISPATCHER}


async def test_a_blocked_user_is_reachable_again_when_they_write(store: Store) -> None:
    await store.users.touch(8, NOW)
    await store.users.mark_unreachable(8)
    assert (await store.users.get(8)).unreachable  # type: ignore[union-attr]
    assert not (await store.users.touch(8, NOW)).unreachable


async def test_processed_updates_are_remembered_and_pruned(store: Store) -> None:
    assert not await store.updates.seen(1000)
    await store.updates.mark(1000, NOW)
    await store.updates.mark(1000, NOW)
    assert await store.updates.seen(1000)
    assert await store.updates.forget_before(NOW + timedelta(days=3)) == 1
    assert not await store.updates.seen(1000)


async def test_audit_entries_come_back_newest_first(store: Store) -> None:
    await store.audit.record(NOW, 1, "host.approve", "host:3", {"why": "known"})
    await store.audit.record(NOW, None, "round.close", "round:1")
    entries = await store.audit.recent()
    assert [e.action for e in entries] == ["round.close", "host.approve"]
    assert entries[1].detail == {"why": "known"} and entries[1].at == NOW


async def test_a_failed_transaction_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(RuntimeError):
        async with store.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO users (id, created_at, last_seen_at) VALUES (5, 'a', 'a')"
            )
            raise RuntimeError("crash in the middle of a use case")
    assert await store.users.get(5) is None


async def test_concurrent_use_cases_do_not_interleave(store: Store) -> None:
    """Fifty read-then-write use cases run at once; each sees the previous one's write."""

    async def take_next_number() -> None:
        async with store.db.transaction() as tx:
            async with tx.execute("SELECT IFNULL(MAX(update_id), 0) FROM processed_updates") as c:
                row = await c.fetchone()
            await asyncio.sleep(0)  # let the other use cases run, as real awaits would
            assert row is not None
            await tx.execute(
                "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, 'now')",
                (row[0] + 1,),
            )

    await asyncio.gather(*(take_next_number() for _ in range(50)))
    async with store.db.reading() as db:
        async with db.execute("SELECT COUNT(*), MAX(update_id) FROM processed_updates") as c:
            row = await c.fetchone()
    assert row is not None and tuple(row) == (50, 50)


async def test_seen_is_kept_coarse_so_most_updates_write_nothing(store: Store) -> None:
    await store.users.touch(6, NOW)
    await store.users.touch(6, NOW + timedelta(minutes=9))
    async with store.db.reading() as db:
        async with db.execute("SELECT last_seen_at FROM users WHERE id = 6") as cursor:
            row = await cursor.fetchone()
    assert row is not None and row[0] == NOW.isoformat(timespec="seconds")
    await store.users.touch(6, NOW + timedelta(minutes=10))
    async with store.db.reading() as db:
        async with db.execute("SELECT last_seen_at FROM users WHERE id = 6") as cursor:
            row = await cursor.fetchone()
    assert row is not None and row[0] == (NOW + timedelta(minutes=10)).isoformat(timespec="seconds")
