"""What the bot tells someone on its own: one kind per notice, one typed payload per kind.

A notice is queued in the same transaction as the change it reports (storage/outbox.py) and
rendered when it is sent (views/notices.py), so its payload names records, never texts.
The stored form is a small JSON object; `stored()` and `parse()` are its only writers and
readers. Each kind also says what a crash in the middle of its send makes of it: a notice
that someone must act on (or plan around) is sent again, marked as a repeat; a survey
question stays at most once.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum, StrEnum
from typing import ClassVar, TypeAlias

from dispatch.drivers import DriverStatus
from dispatch.models import HostStatus
from dispatch.rides import AlertReason


class NoticeKind(StrEnum):
    WAITING = "waiting"
    VETTING = "vetting"
    ROLE_GRANTED = "role_granted"
    ROLE_REMOVED = "role_removed"
    TAKEN_OUT = "taken_out"
    GUEST_GONE = "guest_gone"
    BLOCKED = "blocked"
    UNBLOCKED = "unblocked"
    MATCH_HOST = "match_host"
    MATCH_GUEST = "match_guest"
    MOVED_AWAY = "moved_away"
    HOST_CHANGED = "host_changed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    STAY = "stay"
    FEEDBACK = "feedback"
    MEETING = "meeting"
    HERE = "here"
    LATE = "late"
    LATE_ALERT = "late_alert"
    RIDE_NEEDED = "ride_needed"
    PICKED_UP = "picked_up"
    NO_BED = "no_bed"
    DRIVER_VETTING = "driver_vetting"
    RIDE_OFFER = "ride_offer"
    RIDE_CARD = "ride_card"
    RIDE_WITHDRAWN = "ride_withdrawn"
    RIDE_ALERT = "ride_alert"
    COME_AFTER_ALL = "come_after_all"
    ON_THE_WAY = "on_the_way"


class Side(StrEnum):
    HOST = "host"
    GUEST = "guest"


class NoticeStatus(StrEnum):
    """An outbox row: pending, claimed while its request is in flight, then sent or failed."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


UNSENT = (NoticeStatus.PENDING, NoticeStatus.SENDING)  # what /healthz counts as still to go


class AfterCrash(Enum):
    """What becomes of a notice whose send a crash cut short (it may or may not have left)."""

    REPEAT = "repeat"  # sent again, marked as a repeat; its buttons are idempotent
    AT_MOST_ONCE = "at most once"  # counted 'perhaps delivered', never sent twice


@dataclass(frozen=True)
class Waiting:
    """No bed yet: the guest waits, with tonight's alternatives."""

    kind: ClassVar[NoticeKind] = NoticeKind.WAITING
    request: int


@dataclass(frozen=True)
class Vetting:
    """A dispatcher decided on a host profile (approved, refused, suspended...)."""

    kind: ClassVar[NoticeKind] = NoticeKind.VETTING
    host: int
    status: HostStatus
    was: HostStatus


@dataclass(frozen=True)
class RoleGranted:
    kind: ClassVar[NoticeKind] = NoticeKind.ROLE_GRANTED
    site: int | None  # None: every site


@dataclass(frozen=True)
class RoleRemoved:
    kind: ClassVar[NoticeKind] = NoticeKind.ROLE_REMOVED


@dataclass(frozen=True)
class TakenOut:
    """A dispatcher took the host's offer out of tonight's round."""

    kind: ClassVar[NoticeKind] = NoticeKind.TAKEN_OUT
    offer: int


@dataclass(frozen=True)
class GuestGone:
    """The guest erased their data: only the night is left to tell the host."""

    kind: ClassVar[NoticeKind] = NoticeKind.GUEST_GONE
    night: date


@dataclass(frozen=True)
class Blocked:
    kind: ClassVar[NoticeKind] = NoticeKind.BLOCKED


@dataclass(frozen=True)
class Unblocked:
    kind: ClassVar[NoticeKind] = NoticeKind.UNBLOCKED


@dataclass(frozen=True)
class MatchHost:
    """The proposal to the host, with Confirm and Decline."""

    kind: ClassVar[NoticeKind] = NoticeKind.MATCH_HOST
    match: int


@dataclass(frozen=True)
class MatchGuest:
    """The guest's match notice: where and when to meet, and the pickup code."""

    kind: ClassVar[NoticeKind] = NoticeKind.MATCH_GUEST
    match: int


@dataclass(frozen=True)
class MovedAway:
    kind: ClassVar[NoticeKind] = NoticeKind.MOVED_AWAY
    match: int


@dataclass(frozen=True)
class HostChanged:
    kind: ClassVar[NoticeKind] = NoticeKind.HOST_CHANGED
    match: int


@dataclass(frozen=True)
class Cancelled:
    kind: ClassVar[NoticeKind] = NoticeKind.CANCELLED
    match: int


@dataclass(frozen=True)
class Expired:
    kind: ClassVar[NoticeKind] = NoticeKind.EXPIRED
    match: int


@dataclass(frozen=True)
class Stay:
    """A stay carries on tonight (a multi-night offer)."""

    kind: ClassVar[NoticeKind] = NoticeKind.STAY
    match: int
    side: Side


@dataclass(frozen=True)
class Feedback:
    """The morning after: did it go well?"""

    kind: ClassVar[NoticeKind] = NoticeKind.FEEDBACK
    match: int
    side: Side


@dataclass(frozen=True)
class MeetingCard:
    """Tonight's meeting in full (a stay that carries on, a new "how to recognise me")."""

    kind: ClassVar[NoticeKind] = NoticeKind.MEETING
    match: int
    side: Side


@dataclass(frozen=True)
class Here:
    """One side said "I am here" at the meeting point; the other side is told."""

    kind: ClassVar[NoticeKind] = NoticeKind.HERE
    match: int
    arrived: Side


@dataclass(frozen=True)
class Late:
    """No pickup 15 minutes after the meeting time: each side is asked where things stand."""

    kind: ClassVar[NoticeKind] = NoticeKind.LATE
    match: int
    side: Side


@dataclass(frozen=True)
class LateAlert:
    """The dispatchers hear of a late pickup."""

    kind: ClassVar[NoticeKind] = NoticeKind.LATE_ALERT
    match: int


@dataclass(frozen=True)
class RideNeeded:
    """A host who cannot collect confirmed: the dispatchers arrange the ride."""

    kind: ClassVar[NoticeKind] = NoticeKind.RIDE_NEEDED
    match: int


@dataclass(frozen=True)
class PickedUp:
    """The host checked the guest's code: the guest hears the pickup is marked."""

    kind: ClassVar[NoticeKind] = NoticeKind.PICKED_UP
    match: int


@dataclass(frozen=True)
class NoBed:
    """The evening ended without a bed: said plainly, with the help nearby."""

    kind: ClassVar[NoticeKind] = NoticeKind.NO_BED
    request: int


@dataclass(frozen=True)
class DriverVetting:
    """A dispatcher decided on a driver's profile (approved, refused, suspended...)."""

    kind: ClassVar[NoticeKind] = NoticeKind.DRIVER_VETTING
    driver: int
    status: DriverStatus
    was: DriverStatus


# Rides are named by their match (one ride per match), so a purge of the night's matches
# takes their notices with them.


@dataclass(frozen=True)
class RideOffer:
    """A driver is asked to take a ride (Accept / Decline); stale once asked elsewhere."""

    kind: ClassVar[NoticeKind] = NoticeKind.RIDE_OFFER
    match: int
    shift: int


@dataclass(frozen=True)
class RideCard:
    """The driver's ride in full, the host's address included (the driver only)."""

    kind: ClassVar[NoticeKind] = NoticeKind.RIDE_CARD
    match: int
    shift: int


@dataclass(frozen=True)
class RideWithdrawn:
    """A driver's ride went to someone else (they declined, were silent or were moved)."""

    kind: ClassVar[NoticeKind] = NoticeKind.RIDE_WITHDRAWN
    match: int
    shift: int


@dataclass(frozen=True)
class RideAlert:
    """The dispatchers hear of a ride nobody can take (and whether the host can come)."""

    kind: ClassVar[NoticeKind] = NoticeKind.RIDE_ALERT
    match: int
    reason: AlertReason


@dataclass(frozen=True)
class ComeAfterAll:
    """No driver is left: the host is asked whether they can come to the meeting point."""

    kind: ClassVar[NoticeKind] = NoticeKind.COME_AFTER_ALL
    match: int


@dataclass(frozen=True)
class OnTheWay:
    """The driver checked the code: the host hears the group is on its way."""

    kind: ClassVar[NoticeKind] = NoticeKind.ON_THE_WAY
    match: int


NoticePayload: TypeAlias = (
    Waiting
    | Vetting
    | RoleGranted
    | RoleRemoved
    | TakenOut
    | GuestGone
    | Blocked
    | Unblocked
    | MatchHost
    | MatchGuest
    | MovedAway
    | HostChanged
    | Cancelled
    | Expired
    | Stay
    | Feedback
    | MeetingCard
    | Here
    | Late
    | LateAlert
    | RideNeeded
    | PickedUp
    | NoBed
    | DriverVetting
    | RideOffer
    | RideCard
    | RideWithdrawn
    | RideAlert
    | ComeAfterAll
    | OnTheWay
)
PAYLOADS: dict[NoticeKind, type[NoticePayload]] = {
    cls.kind: cls for cls in typing.get_args(NoticePayload)
}
AFTER_CRASH: dict[NoticeKind, AfterCrash] = {
    kind: AfterCrash.REPEAT for kind in NoticeKind if kind is not NoticeKind.FEEDBACK
} | {NoticeKind.FEEDBACK: AfterCrash.AT_MOST_ONCE}
