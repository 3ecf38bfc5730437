"""Granting and revoking the dispatcher role: the change, the person's notice and the audit
entry are one transaction."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from dispatch import notices
from dispatch.accounts import Role
from storage.audit import write as audit
from storage.db import Database
from storage.outbox import enqueue
from storage.timestamps import to_text


async def grant_in(
    tx: aiosqlite.Connection,
    user_id: int,
    role: Role,
    site_id: int | None,
    actor_id: int,
    now: datetime,
) -> bool:
    """Inside the caller's transaction; False if the person already had this grant."""
    await tx.execute(
        "INSERT INTO users (id, created_at, last_seen_at) VALUES (?, ?, ?)"
        " ON CONFLICT (id) DO NOTHING",
        (user_id, to_text(now), to_text(now)),
    )
    cursor = await tx.execute(
        "INSERT OR IGNORE INTO user_roles (user_id, role, site_id, granted_by, granted_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (user_id, role.value, site_id, actor_id, to_text(now)),
    )
    if cursor.rowcount != 1:
        return False
    entry = await audit(tx, now, actor_id, "role.grant", f"user:{user_id}", {"site": site_id})
    await enqueue(tx, user_id, notices.RoleGranted(site_id), f"role:{entry}", now)
    return True


class RoleRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def grant(
        self, user_id: int, role: Role, site_id: int | None, actor_id: int, now: datetime
    ) -> bool:
        async with self._db.transaction() as tx:
            return await grant_in(tx, user_id, role, site_id, actor_id, now)

    async def revoke(self, user_id: int, role: Role, actor_id: int, now: datetime) -> bool:
        """Take the role away at every site; False if the person did not hold it."""
        async with self._db.transaction() as tx:
            cursor = await tx.execute(
                "DELETE FROM user_roles WHERE user_id = ? AND role = ?", (user_id, role.value)
            )
            if cursor.rowcount == 0:
                return False
            detail = {"role": role.value}
            entry = await audit(tx, now, actor_id, "role.revoke", f"user:{user_id}", detail)
            await enqueue(tx, user_id, notices.RoleRemoved(), f"role:{entry}", now)
        return True
