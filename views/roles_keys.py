"""The admins' buttons of /dispatchers (the role is checked again on every press)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import CallbackData


@dataclass(frozen=True)
class RolesInvite(CallbackData, prefix="roles:invite"):
    """An invite link for one site (0: every site)."""

    site_id: int


@dataclass(frozen=True)
class RolesRevoke(CallbackData, prefix="roles:revoke"):
    user_id: int
