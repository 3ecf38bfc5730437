"""Confirm a stay, decline a stay: a host's answer to a proposal, idempotent.

A press may come twice (a double tap, a redelivered update, a proposal sent again after a
restart, a Confirm whose answer a crash swallowed): the second press answers what the
first did, with the stay's details, never "no longer open" for a stay that stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from dispatch.models import SETTLED_MATCH, MatchStatus
from dispatch.readmodels import MatchView
from storage.store import Store
from usecases.proposals import confirm_match
from usecases.rounds import Release, release_proposal
from usecases.services import Services


class Answer(Enum):
    CONFIRMED = "confirmed"  # this press confirmed it: the guest is being told
    ALREADY_CONFIRMED = "already confirmed"
    DECLINED = "declined"  # this press declined it: the group goes back to the dispatch
    ALREADY_DECLINED = "already declined"
    NOT_OPEN = "not open"  # expired, cancelled or moved meanwhile
    NOT_YOURS = "not yours"  # no such match, or someone else's


@dataclass(frozen=True)
class StayAnswer:
    answer: Answer
    match: MatchView | None = None


async def confirm_stay(store: Store, match_id: int, user_id: int, now: datetime) -> StayAnswer:
    """The host confirms: proposed → confirmed and the guest is told, in one transaction."""
    view = await store.evening.view(match_id)
    if view is None or view.host_user_id != user_id:
        return StayAnswer(Answer.NOT_YOURS)
    if view.status is MatchStatus.PROPOSED:
        confirmed = await confirm_match(store, match_id, now)
        if confirmed is not None:
            return StayAnswer(Answer.CONFIRMED, confirmed)
        view = await store.evening.view(match_id)  # another press won the race
    return _settled(view, Answer.ALREADY_CONFIRMED)


async def decline_stay(
    services: Services, match_id: int, user_id: int, now: datetime
) -> StayAnswer:
    """The host declines: the guests go back to tonight's dispatch, not to this host (the
    release and the new matching pass are one transaction: usecases.rounds.release_proposal)."""
    store = services.store
    view = await store.evening.view(match_id)
    if view is None or view.host_user_id != user_id:
        return StayAnswer(Answer.NOT_YOURS)
    if view.status is MatchStatus.PROPOSED:
        released = await release_proposal(services, match_id, Release.DECLINED, now)
        if released is not None:
            return StayAnswer(Answer.DECLINED, released)
        view = await store.evening.view(match_id)
    return _settled(view, Answer.ALREADY_CONFIRMED)


def _settled(view: MatchView | None, confirmed: Answer) -> StayAnswer:
    """What an earlier answer (or the evening) already made of the proposal."""
    if view is None:
        return StayAnswer(Answer.NOT_OPEN)
    if view.status in SETTLED_MATCH:
        return StayAnswer(confirmed, view)
    if view.status is MatchStatus.DECLINED:
        return StayAnswer(Answer.ALREADY_DECLINED, view)
    return StayAnswer(Answer.NOT_OPEN, view)
