"""The one permission check: every handler and button asks here before acting.

Admins (named in the configuration or holding the role) may do everything. Dispatchers run the
evening of the sites they were given (or of every site), vet hosts and send appeals; only admins
hand out roles and change sites.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from dispatch.accounts import Account, Role


class Permission(StrEnum):
    DISPATCH = "dispatch"  # tonight's board and overrides, walk-ins, closing, appeals, statistics
    VET = "vet"  # the hosts' vetting queue, suspensions
    ADMINISTER = "administer"  # roles, invites, sites


def is_admin(account: Account | None, admin_ids: frozenset[int]) -> bool:
    return account is not None and (account.user_id in admin_ids or Role.ADMIN in account.roles)


def is_dispatcher(account: Account | None, admin_ids: frozenset[int]) -> bool:
    """Can dispatch at one site at least (each action checks its own site)."""
    return allowed(account, Permission.DISPATCH, admin_ids)


def allowed(
    account: Account | None,
    permission: Permission,
    admin_ids: frozenset[int],
    site_id: int | None = None,
) -> bool:
    """May this person do this (at this site, when the action concerns one)?"""
    if account is None:
        return False
    if is_admin(account, admin_ids):
        return True
    if permission is Permission.ADMINISTER or Role.DISPATCHER not in account.roles:
        return False
    return site_id is None or account.sites is None or site_id in account.sites


def sites_for(
    account: Account | None, admin_ids: frozenset[int], site_ids: Iterable[int]
) -> list[int]:
    """The sites among `site_ids` this person may dispatch, in the given order."""
    return [s for s in site_ids if allowed(account, Permission.DISPATCH, admin_ids, s)]
