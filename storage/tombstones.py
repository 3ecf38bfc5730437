"""Tombstones: what must outlive a person's erased data (a block, a suspension, a pair never to
be matched again), kept as a keyed hash of the Telegram id (SQL's `tomb()`, see storage.db) and
nothing else, and found again when the same account comes back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import aiosqlite

from storage.db import every
from storage.timestamps import to_text

WITHOUT_NOTES = "json_remove(detail, '$.note', '$.reason')"
BLOCKED_AGAIN = "(SELECT :now FROM tombstones WHERE digest = tomb(:user) AND kind = 'blocked')"
# Positional (the hosts' INSERT binds by position): the user id goes in its place.
SUSPENDED_AGAIN = (
    "CASE WHEN EXISTS (SELECT 1 FROM tombstones WHERE digest = tomb(?)"
    " AND kind = 'suspended') THEN 'suspended' ELSE 'pending' END"
)


async def bury(tx: aiosqlite.Connection, who: str, names: Mapping[str, object]) -> None:
    """Keep, as keyed hashes only, what must outlive the data of the people `who` selects (SQL:
    ":user", or a query of ids): a block, a suspension, and each pair never to be matched
    again (when both sides wrote to the bot themselves). `names` binds `who`'s names and :day."""
    for sql in (
        "INSERT OR IGNORE INTO tombstones (digest, kind, created_at) SELECT tomb(id),"
        f" 'blocked', :day FROM users WHERE id IN ({who}) AND blocked_at IS NOT NULL",
        "INSERT OR IGNORE INTO tombstones (digest, kind, created_at) SELECT tomb(user_id),"
        f" 'suspended', :day FROM hosts WHERE user_id IN ({who}) AND status = 'suspended'",
        "INSERT OR IGNORE INTO tombstones (digest, kind, created_at) SELECT tomb(user_id),"
        f" 'suspended', :day FROM drivers WHERE user_id IN ({who}) AND status = 'suspended'",
        "INSERT OR IGNORE INTO pair_tombstones (host_digest, guest_digest, created_at)"
        " SELECT tomb(h.user_id), tomb(g.user_id), :day FROM pair_blocks b"
        " JOIN hosts h ON h.id = b.host_id JOIN guests g ON g.id = b.guest_id"
        " WHERE b.night IS NULL AND g.user_id IS NOT NULL"
        f" AND (h.user_id IN ({who}) OR g.user_id IN ({who}))",
        # The host's vetting reasons name them too.
        f"UPDATE audit_log SET detail = {WITHOUT_NOTES} WHERE subject IN (SELECT 'host:' || id"
        f" FROM hosts WHERE user_id IN ({who}))",
    ):
        await tx.execute(sql, names)


async def restore_pairs(tx: aiosqlite.Connection, user_id: int, now: datetime) -> None:
    """Someone who comes back finds their pairs blocked again (the other side still here)."""
    mine = await every(
        tx,
        "SELECT host_digest, guest_digest FROM pair_tombstones"
        " WHERE host_digest = tomb(:user) OR guest_digest = tomb(:user)",
        {"user": user_id},
    )
    if not mine:
        return
    digests = sorted({d for row in mine for d in (row[0], row[1])})
    marks = ", ".join("?" for _ in digests)
    await tx.execute(
        "INSERT OR IGNORE INTO pair_blocks (host_id, guest_id, night, reason, created_at)"
        " SELECT h.id, g.id, NULL, 'incident', ? FROM pair_tombstones t"
        f" JOIN (SELECT id, tomb(user_id) AS digest FROM hosts WHERE tomb(user_id) IN ({marks}))"
        " h ON h.digest = t.host_digest"
        f" JOIN (SELECT id, tomb(user_id) AS digest FROM guests WHERE user_id IS NOT NULL"
        f" AND tomb(user_id) IN ({marks})) g ON g.digest = t.guest_digest",
        (to_text(now), *digests, *digests),
    )


async def lift(tx: aiosqlite.Connection, user_id: int, kind: str) -> None:
    """A dispatcher lifted the block or the suspension: no tombstone brings it back."""
    await tx.execute("DELETE FROM tombstones WHERE digest = tomb(?) AND kind = ?", (user_id, kind))
