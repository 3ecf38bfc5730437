"""One-time invites: an admin hands out a deep link; whoever opens it first gets the role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from dispatch.accounts import Role
from storage.audit import write as audit
from storage.db import Database, one
from storage.timestamps import to_text


@dataclass(frozen=True)
class Redeemed:
    role: Role
    site_id: int | None
    created_by: int


class InviteRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        token: str,
        role: Role,
        site_id: int | None,
        created_by: int,
        now: datetime,
        expires_at: datetime,
    ) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO invites (token, role, site_id, created_by, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (token, role.value, site_id, created_by, to_text(now), to_text(expires_at)),
            )
            # The token is a secret: the log names the invite by when it expires, not by it.
            detail = {"site": site_id, "expires": to_text(expires_at)}
            await audit(tx, now, created_by, "invite.create", f"role:{role.value}", detail)


async def redeem_in(
    tx: aiosqlite.Connection, token: str, user_id: int, now: datetime
) -> Redeemed | None:
    """Use the invite inside the caller's transaction; None if unknown, used or old."""
    row = await one(
        tx,
        "UPDATE invites SET used_by = ?, used_at = ? WHERE token = ? AND used_by IS NULL"
        " AND expires_at > ? RETURNING role, site_id, created_by",
        (user_id, to_text(now), token, to_text(now)),
    )
    if row is None:
        return None
    return Redeemed(Role(row["role"]), row["site_id"], row["created_by"])
