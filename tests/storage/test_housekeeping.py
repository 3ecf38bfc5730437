"""The tables that would only grow are bounded: old appeals (with their recipient rows),
spent invites and a very old audit log go; what is still current stays."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from dispatch.accounts import Role
from dispatch.appeals import AppealFilters, NewAppeal, Recipient
from dispatch.housekeeping import AUDIT_DAYS, tidy_window
from dispatch.models import Site
from storage.store import Store
from tests.storage.people import vetted_host

THEN = datetime(2026, 1, 10, 18, 0, tzinfo=UTC)
LATER = THEN + timedelta(days=40)  # past a 30-day retention


async def count(store: Store, table: str) -> int:
    row = await store.db.one(f"SELECT COUNT(*) FROM {table}")
    assert row is not None
    return int(row[0])


async def test_old_appeals_spent_invites_and_an_old_audit_log_are_tidied(store: Store) -> None:
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), THEN
    )
    await store.users.touch(1, THEN)
    await store.users.touch(50, THEN)
    host = await vetted_host(store, 50, site.id, THEN)
    for night_of in (THEN, LATER):
        appeal = NewAppeal(site.id, night_of.date(), 1, 3, 0, "", AppealFilters(site.id), 1)
        await store.appeals.create(appeal, [Recipient(50, host.id)], night_of)
    await store.invites.create("old", Role.DISPATCHER, None, 1, THEN, THEN + timedelta(days=2))
    await store.invites.create("new", Role.DISPATCHER, None, 1, LATER, LATER + timedelta(days=2))
    audit_before = await count(store, "audit_log")

    deleted = await store.housekeeping.tidy(tidy_window(LATER, 30))
    assert deleted == {"appeals": 1, "invites": 1, "audit_log": 0}
    assert await count(store, "appeal_recipients") == 1  # the current appeal's row only
    assert await count(store, "audit_log") == audit_before

    much_later = LATER + timedelta(days=AUDIT_DAYS + 1)
    deleted = await store.housekeeping.tidy(tidy_window(much_later, 30))
    assert deleted["audit_log"] == audit_before and await count(store, "audit_log") == 0
    assert await store.housekeeping.tidy(tidy_window(much_later, 30)) == {
        "appeals": 0,
        "invites": 0,
        "audit_log": 0,
    }
