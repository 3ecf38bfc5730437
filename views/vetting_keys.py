"""The vetting buttons: each names a host, whose sites the handler checks against the presser."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import CallbackData


@dataclass(frozen=True)
class VetCard(CallbackData, prefix="vet:card"):
    """The host's card (looks only, no decision)."""

    host_id: int


@dataclass(frozen=True)
class VetApprove(CallbackData, prefix="vet:approve"):
    """Approve: asks for a second, deliberate tap."""

    host_id: int


@dataclass(frozen=True)
class AdminApprove(CallbackData, prefix="admin:approve"):
    """Approve buttons sent before the vetting queue existed."""

    host_id: int


@dataclass(frozen=True)
class VetApproveYes(CallbackData, prefix="vet:approve_yes"):
    host_id: int


@dataclass(frozen=True)
class VetReinstate(CallbackData, prefix="vet:reinstate"):
    host_id: int


@dataclass(frozen=True)
class VetReject(CallbackData, prefix="vet:reject"):
    host_id: int


@dataclass(frozen=True)
class VetSuspend(CallbackData, prefix="vet:suspend"):
    host_id: int
