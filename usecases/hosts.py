"""A host changes their profile. Whom they may be sent (household, whom they accept, their
sites) was checked by a dispatcher: a change to it goes back to vetting, in the same
transaction as the change itself and its audit entry, so no round can match the host on
answers nobody checked. Their offers stay, held until a dispatcher decides (the matching
takes only vetted hosts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from dispatch import notices
from dispatch.hosting import changes_to_vet
from dispatch.models import HostDetails, HostStatus
from storage import vetting
from storage.audit import write as audit
from storage.hosts import profile_in, write_details, write_status
from storage.outbox import enqueue
from storage.store import Store
from usecases.services import Services


@dataclass(frozen=True)
class ProfileEdit:
    changed: tuple[str, ...]  # the vetted answers that changed (VETTED_FIELDS names)
    back_to_vetting: bool  # a vetted host who now waits for a dispatcher again


async def edit_profile(
    store: Store, host_id: int, details: HostDetails, now: datetime
) -> ProfileEdit | None:
    """Save the host's new answers; None when the host is gone meanwhile."""
    async with store.db.transaction() as tx:
        before = await profile_in(tx, host_id)
        if before is None:
            return None
        changed = changes_to_vet(before.details, details)
        again = bool(changed) and before.status is HostStatus.VETTED
        await write_details(tx, host_id, details, now)
        if again:
            await write_status(tx, host_id, HostStatus.PENDING, now)
        if changed:
            detail = {"changed": list(changed), "from": before.status.value}
            action = "host.revet" if again else "host.edit_vetted"
            await audit(tx, now, before.user_id, action, f"host:{host_id}", detail)
    return ProfileEdit(changed, again)


async def decide_host(
    services: Services, host_id: int, status: HostStatus, reason: str, actor_id: int, now: datetime
) -> HostStatus | None:
    """A dispatcher's vetting decision, the host's notice and the audit entry in one
    transaction; the status the host had, None if not allowed now (a stale list)."""

    async def work(tx: aiosqlite.Connection) -> HostStatus | None:
        decided = await vetting.decide_in(tx, host_id, status, reason, actor_id, now)
        if decided is None:
            return None
        payload = notices.Vetting(host_id, status, decided.previous)
        await enqueue(tx, decided.user_id, payload, f"vetting:{decided.entry}", now)
        return decided.previous

    return await services.store.db.run(work)
