"""Issue 15, finding 1: a vetted host who changes whom they may be sent (household, whom they
welcome, their sites) goes back to vetting in the same transaction, audited; their offer is
held (the matching takes only vetted hosts); other answers change freely."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time

from dispatch.groups import GroupType, Household
from dispatch.models import HostStatus, Site
from storage.store import Store
from tests.storage.people import vetted_host
from usecases.hosts import edit_profile

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)


async def test_a_household_change_goes_back_to_vetting_and_is_audited(store: Store) -> None:
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    await store.users.touch(51, NOW)
    host = await vetted_host(store, 51, site.id, NOW, household=Household.SINGLE_MAN)
    same = await edit_profile(store, host.id, replace(host.details, pets=True), NOW)
    assert same is not None and not same.back_to_vetting and same.changed == ()
    assert (await store.hosts.get(host.id)).status is HostStatus.VETTED  # type: ignore[union-attr]

    changed = replace(
        host.details,
        household=Household.SINGLE_WOMAN,
        accepts=frozenset({GroupType.SINGLE_WOMEN, GroupType.WOMEN_WITH_CHILDREN}),
    )
    edit = await edit_profile(store, host.id, changed, NOW)
    assert edit is not None and edit.back_to_vetting
    assert edit.changed == ("household", "accepts")
    stored = await store.hosts.get(host.id)
    assert stored is not None and stored.status is HostStatus.PENDING
    assert stored.details.household is Household.SINGLE_WOMAN
    [entry] = [e for e in await store.audit.recent() if e.action == "host.revet"]
    assert entry.actor_id == 51 and entry.detail["changed"] == ["household", "accepts"]
    assert host.id in [h.id for h in await store.hosts.pending()]
