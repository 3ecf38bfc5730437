"""A dispatcher's corrections from the board: move a group to another home (the hard rules
still apply and the reason is logged), take a host out for tonight. Each is one transaction
under the pass lock, and the groups it frees are dispatched again in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import aiosqlite

from dispatch import notices
from dispatch.codes import pickup_code
from dispatch.evening import Decision
from dispatch.matching.explain import blocking_reason
from dispatch.matching.model import Group, Place, Reason
from dispatch.matching.rules import compatible
from dispatch.models import MatchStatus
from dispatch.readmodels import MatchView
from storage import overrides, tonight
from storage.audit import write as audit
from storage.board import night_of
from storage.matches import live_of_offer, live_of_request, view_in
from storage.outbox import enqueue
from usecases.proposals import propose_in
from usecases.rounds import redispatch_in
from usecases.services import Services


class Moved(StrEnum):
    MOVED = "moved"
    REFUSED = "refused"  # a hard rule forbids it (see the reason) or the home is full
    STALE = "stale"  # the group or the offer changed meanwhile, or is at another site


@dataclass(frozen=True)
class MoveResult:
    status: Moved
    view: MatchView | None = None  # the new proposal, when moved
    reason: Reason | None = None  # why not, when refused


@dataclass(frozen=True)
class TakeOutResult:
    taken_out: bool  # False: the offer was no longer active
    released: int = 0  # groups put back into tonight's dispatch


async def candidates(
    db: aiosqlite.Connection, site_id: int, night: date, request_id: int
) -> tuple[Group | None, list[Place]]:
    """The group (waiting or matched) and the places that could take it under the rules."""
    groups = await tonight.groups(db, site_id, night, include_matched=True)
    group = next((g for g in groups if g.id == request_id), None)
    if group is None:
        return None, []
    pairs = await tonight.blocked_pairs(db, night)
    places = await tonight.places(db, site_id, night)
    return group, [p for p in places if compatible(group, p, pairs) is None]


async def move_targets(
    services: Services, site_id: int, night: date, request_id: int
) -> tuple[Group | None, list[Place]]:
    """Where a dispatcher may move this group now (read only)."""
    async with services.store.db.connection() as db:
        return await candidates(db, site_id, night, request_id)


async def blocked_groups(services: Services, site_id: int, night: date) -> dict[int, Reason]:
    """For each waiting group that no free place could take now, the rule that stops it."""
    async with services.store.db.connection() as db:
        places = await tonight.places(db, site_id, night)
        pairs = await tonight.blocked_pairs(db, night)
        groups = await tonight.groups(db, site_id, night)
    found = {}
    for group in groups:
        reason = blocking_reason(group, places, pairs)
        if reason is not None:
            found[group.id] = reason
    return found


async def move_group(
    services: Services,
    site_id: int,
    request_id: int,
    offer_id: int,
    actor_id: int,
    note: str,
    now: datetime,
) -> MoveResult:
    """Give the group to this offer instead, after checking the hard rules once more."""

    async def work(tx: aiosqlite.Connection) -> MoveResult:
        found = await night_of(tx, "requests", request_id)
        if found is None or found[0] != site_id:
            return MoveResult(Moved.STALE)
        night = found[1]
        group, places = await candidates(tx, site_id, night, request_id)
        if group is None or not any(p.id == offer_id for p in places):
            return MoveResult(Moved.REFUSED, reason=await _why_not(tx, night, group, offer_id))
        taken = await tonight.taken_codes(tx, site_id, night)
        code = pickup_code(taken, await tonight.walk_in_code(tx, request_id))
        moved = await move_in(tx, request_id, offer_id, code, actor_id, note, now)
        if moved is None:
            return MoveResult(Moved.STALE)
        return MoveResult(Moved.MOVED, view=await view_in(tx, moved))

    async with services.locks.passes:
        return await services.store.db.run(work)


async def move_in(
    tx: aiosqlite.Connection,
    request_id: int,
    offer_id: int,
    code: str,
    actor_id: int,
    note: str,
    now: datetime,
) -> int | None:
    """Give the group to this offer instead (the rules were checked); the new match's id, or
    None if either changed meanwhile, the group already sits with this host, or was collected."""
    round_ = await overrides.same_round(tx, request_id, offer_id)
    if round_ is None:
        return None
    live = await live_of_request(tx, request_id)
    if live is not None and (live.offer_id == offer_id or live.status is MatchStatus.PICKED_UP):
        return None
    if live is not None:
        await _end_match(tx, live.id, now, tell_host=True)
    await overrides.mark_matched(tx, request_id, now)
    decision = Decision(request_id, offer_id, code, overrides.REASON_MOVED)
    match_id = await propose_in(tx, round_, decision, now)
    detail: dict[str, Any] = {"request": request_id, "offer": offer_id, "note": note}
    await audit(tx, now, actor_id, "match.move", f"match:{match_id}", detail)
    return match_id


async def _end_match(
    tx: aiosqlite.Connection, match_id: int, now: datetime, *, tell_host: bool
) -> None:
    """Cancel a live match: the host is told not to come (when asked), the group waits again,
    and a guest who already had the host's details hears that plans changed."""
    view = await overrides.cancel_match(tx, match_id, now)
    if tell_host:
        key = f"match:{match_id}:away"
        await enqueue(tx, view.host_user_id, notices.MovedAway(match_id), key, now)
    if view.status is MatchStatus.CONFIRMED:
        key = f"match:{match_id}:changed"
        await enqueue(tx, view.guest_chat_id, notices.HostChanged(match_id), key, now)


async def _why_not(
    db: aiosqlite.Connection, night: date, group: Group | None, offer_id: int
) -> Reason | None:
    if group is None:
        return None
    pairs = await tonight.blocked_pairs(db, night)
    place = next(
        (p for p in await tonight.places(db, group.site_id, night) if p.id == offer_id), None
    )
    if place is None:
        return Reason("not_enough_beds", {"size": group.size, "largest": 0})
    return compatible(group, place, pairs)


async def take_out_in(
    services: Services,
    tx: aiosqlite.Connection,
    offer_id: int,
    actor_id: int,
    note: str,
    now: datetime,
    *,
    tell_host: bool = True,
) -> TakeOutResult:
    """Withdraw one offer for its night and re-dispatch its groups, in the caller's
    transaction (blocking and suspension take out several at once)."""
    out = await overrides.withdraw(tx, offer_id, now)
    if out is None:
        return TakeOutResult(False)
    live = await live_of_offer(tx, offer_id)
    for match_id in live:
        await _end_match(tx, match_id, now, tell_host=False)
    detail: dict[str, Any] = {"released": len(live), "note": note}
    entry = await audit(tx, now, actor_id, "offer.take_out", f"offer:{offer_id}", detail)
    if tell_host:  # a suspended host already hears it in the suspension notice
        await enqueue(tx, out.host_user_id, notices.TakenOut(offer_id), f"out:{entry}", now)
    await redispatch_in(services, tx, out.site_id, out.night, now)
    return TakeOutResult(True, len(live))


async def take_out_offer(
    services: Services,
    offer_id: int,
    actor_id: int,
    note: str,
    now: datetime,
    *,
    tell_host: bool = True,
) -> TakeOutResult:
    """Take a host out for tonight: their offer goes, their groups are dispatched again."""
    async with services.locks.passes:
        return await services.store.db.run(
            lambda tx: take_out_in(services, tx, offer_id, actor_id, note, now, tell_host=tell_host)
        )
