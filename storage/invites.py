"""One-time invites: an admin hands out a deep link; whoever opens it first gets the role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dispatch.accounts import Role
from storage.db import Database
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

    async def redeem(self, token: str, user_id: int, now: datetime) -> Redeemed | None:
        """Use the invite and grant its role in one transaction; None if unknown, used or old."""
        async with self._db.transaction() as tx:
            async with tx.execute(
                "UPDATE invites SET used_by = ?, used_at = ? WHERE token = ? AND used_by IS NULL"
                " AND expires_at > ? RETURNING role, site_id, created_by",
                (user_id, to_text(now), token, to_text(now)),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            await tx.execute(
                "INSERT INTO users (id, created_at, last_seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (user_id, to_text(now), to_text(now)),
            )
            await tx.execute(
                "INSERT OR IGNORE INTO user_roles (user_id, role, site_id, granted_by, granted_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (user_id, row["role"], row["site_id"], row["created_by"], to_text(now)),
            )
        return Redeemed(Role(row["role"]), row["site_id"], row["created_by"])
