"""The one permission check: every handler and button asks here before acting, naming where.

Admins (named in the configuration or holding the role) may do everything. Dispatchers run the
evening of the sites they were given (or of every site), vet those sites' hosts and send their
appeals; only admins hand out roles and change sites. There is no "anywhere" default: each
check names a site, or says it is about the person's own sites (`Scope.SOME_SITE`: a list that
is then filtered site by site) or about every site at once (`Scope.EVERY_SITE`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum, StrEnum

from dispatch.accounts import Account, Role


class Permission(StrEnum):
    DISPATCH = "dispatch"  # tonight's board and overrides, walk-ins, closing, appeals, statistics
    VET = "vet"  # the hosts' vetting queue, suspensions
    ADMINISTER = "administer"  # roles, invites, sites


class Scope(Enum):
    SOME_SITE = "some"  # at one site at least; what follows checks each site on its own
    EVERY_SITE = "every"  # every site at once (someone tied to no site in particular)


Where = int | Scope


def is_admin(account: Account | None, admin_ids: frozenset[int]) -> bool:
    return account is not None and (account.user_id in admin_ids or Role.ADMIN in account.roles)


def is_dispatcher(account: Account | None, admin_ids: frozenset[int]) -> bool:
    """Can dispatch at one site at least (each action checks its own site)."""
    return allowed(account, Permission.DISPATCH, admin_ids, Scope.SOME_SITE)


def allowed(
    account: Account | None, permission: Permission, admin_ids: frozenset[int], where: Where
) -> bool:
    """May this person do this, there?"""
    if account is None:
        return False
    if is_admin(account, admin_ids):
        return True
    if permission is Permission.ADMINISTER or Role.DISPATCHER not in account.roles:
        return False
    if account.sites is None:
        return True
    if where is Scope.SOME_SITE:
        return bool(account.sites)
    if where is Scope.EVERY_SITE:
        return False
    return where in account.sites


def allowed_any(
    account: Account | None,
    permission: Permission,
    admin_ids: frozenset[int],
    site_ids: Iterable[int],
) -> bool:
    """At one of these sites at least; someone tied to no site needs every site."""
    return _at_sites(account, permission, admin_ids, site_ids, any)


def allowed_all(
    account: Account | None,
    permission: Permission,
    admin_ids: frozenset[int],
    site_ids: Iterable[int],
) -> bool:
    """At each of these sites (a decision that opens all of them); none: every site."""
    return _at_sites(account, permission, admin_ids, site_ids, all)


def _at_sites(
    account: Account | None,
    permission: Permission,
    admin_ids: frozenset[int],
    site_ids: Iterable[int],
    combine: Callable[[Iterable[bool]], bool],
) -> bool:
    ids = list(site_ids)
    if not ids:
        return allowed(account, permission, admin_ids, Scope.EVERY_SITE)
    return combine(allowed(account, permission, admin_ids, s) for s in ids)


def sites_for(
    account: Account | None, admin_ids: frozenset[int], site_ids: Iterable[int]
) -> list[int]:
    """The sites among `site_ids` this person may dispatch, in the given order."""
    return [s for s in site_ids if allowed(account, Permission.DISPATCH, admin_ids, s)]
