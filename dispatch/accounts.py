"""Who a Telegram user is to us: their saved language and the roles they hold."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    DISPATCHER = "dispatcher"
    ADMIN = "admin"


@dataclass(frozen=True)
class Account:
    user_id: int
    locale: str | None = None
    roles: frozenset[Role] = frozenset()
    unreachable: bool = False


def is_dispatcher(account: Account, admin_ids: frozenset[int]) -> bool:
    """Admins named in the configuration can always dispatch; others need the role."""
    return (
        account.user_id in admin_ids
        or Role.DISPATCHER in account.roles
        or Role.ADMIN in account.roles
    )


def is_admin(account: Account, admin_ids: frozenset[int]) -> bool:
    """Admins are named in the configuration or hold the admin role."""
    return account.user_id in admin_ids or Role.ADMIN in account.roles
