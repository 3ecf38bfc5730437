"""Granting and revoking a role: the change and its audit entry, inside the caller's
transaction. Who is told is the use case's call (usecases/roles.py)."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from dispatch.accounts import Role
from storage.audit import write as audit
from storage.timestamps import to_text


async def grant_in(
    tx: aiosqlite.Connection,
    user_id: int,
    role: Role,
    site_id: int | None,
    actor_id: int,
    now: datetime,
) -> int | None:
    """Inside the caller's transaction: the audit entry of the grant, None if the person
    already had it."""
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
        return None
    return await audit(tx, now, actor_id, "role.grant", f"user:{user_id}", {"site": site_id})


async def revoke_in(
    tx: aiosqlite.Connection, user_id: int, role: Role, actor_id: int, now: datetime
) -> int | None:
    """Take the role away at every site: the audit entry, None if the person did not hold it."""
    cursor = await tx.execute(
        "DELETE FROM user_roles WHERE user_id = ? AND role = ?", (user_id, role.value)
    )
    if cursor.rowcount == 0:
        return None
    detail = {"role": role.value}
    return await audit(tx, now, actor_id, "role.revoke", f"user:{user_id}", detail)
