"""Granting and revoking the dispatcher role, and redeeming an invite: the change, the
person's notice and the audit entry are one transaction."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from dispatch import notices
from dispatch.accounts import Role
from storage import invites, roles
from storage.invites import Redeemed
from storage.outbox import enqueue
from usecases.services import Services


async def _grant_in(
    tx: aiosqlite.Connection,
    user_id: int,
    role: Role,
    site_id: int | None,
    actor_id: int,
    now: datetime,
) -> bool:
    entry = await roles.grant_in(tx, user_id, role, site_id, actor_id, now)
    if entry is None:
        return False
    await enqueue(tx, user_id, notices.RoleGranted(site_id), f"role:{entry}", now)
    return True


async def grant_role(
    services: Services, user_id: int, role: Role, site_id: int | None, actor_id: int, now: datetime
) -> bool:
    """Grant the role and tell the person; False if they already had this grant."""

    async def work(tx: aiosqlite.Connection) -> bool:
        return await _grant_in(tx, user_id, role, site_id, actor_id, now)

    return await services.store.db.run(work)


async def revoke_role(
    services: Services, user_id: int, role: Role, actor_id: int, now: datetime
) -> bool:
    """Take the role away at every site and tell the person; False if they did not hold it."""

    async def work(tx: aiosqlite.Connection) -> bool:
        entry = await roles.revoke_in(tx, user_id, role, actor_id, now)
        if entry is None:
            return False
        await enqueue(tx, user_id, notices.RoleRemoved(), f"role:{entry}", now)
        return True

    return await services.store.db.run(work)


async def redeem_invite(
    services: Services, token: str, user_id: int, now: datetime
) -> Redeemed | None:
    """Use the invite and grant its role in one transaction; None if unknown, used or old."""

    async def work(tx: aiosqlite.Connection) -> Redeemed | None:
        redeemed = await invites.redeem_in(tx, token, user_id, now)
        if redeemed is not None:
            await _grant_in(tx, user_id, redeemed.role, redeemed.site_id, redeemed.created_by, now)
        return redeemed

    return await services.store.db.run(work)
