"""Tonight's board's overrides, one function each, shared by the chat board and the web board:
move a group to another home (the hard rules checked again under the pass lock, the reason and
the note logged), take a host out for tonight, run the matching again, close the round early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.context import BotContext
from dispatch.codes import new_code
from dispatch.matching.model import Group, Place, Reason
from dispatch.matching.rules import compatible
from dispatch.models import Site
from handlers import round
from handlers.delivery import deliver_outbox
from handlers.sites import tonight
from storage.evening import MatchView


@dataclass(frozen=True)
class MoveOutcome:
    view: MatchView | None  # the new match; None when refused
    refusal: Reason | None = None  # the hard rule, when one stands in the way


async def candidates(
    context: BotContext, site_id: int, night: date, request_id: int
) -> tuple[Group | None, list[Place]]:
    """The group (waiting or matched) and every place tonight the hard rules allow for it."""
    evening = context.store.evening
    groups = await evening.groups(site_id, night, include_matched=True)
    group = next((g for g in groups if g.id == request_id), None)
    if group is None:
        return None, []
    pairs = await evening.blocked_pairs(night)
    places = [
        p for p in await evening.places(site_id, night) if compatible(group, p, pairs) is None
    ]
    return group, places


async def move_targets(context: BotContext, site: Site, request_id: int) -> list[tuple[int, str]]:
    """(offer id, host name) of each home the group may be moved to, its current one left out."""
    night = tonight(site, context.now())[0]
    group, places = await candidates(context, site.id, night, request_id)
    if group is None:
        return []
    board = context.store.board
    current = {v.request_id: v.host_id for v, _ in await board.matches(site.id, night)}
    names = {o.offer_id: o.host_name for o in await board.offers(site.id, night)}
    return [(p.id, names.get(p.id, "?")) for p in places if current.get(group.id) != p.host_id]


async def move_group(context: BotContext, request_id: int, offer_id: int, note: str) -> MoveOutcome:
    """Apply the move under the pass lock, after checking the hard rules once more; the host
    is asked to confirm, the former host and the guest are told."""
    assert context.account is not None
    found = await context.store.board.night_of_request(request_id)
    if found is None:
        return MoveOutcome(None)
    site_id, night = found
    async with round.PASS_LOCK:
        group, places = await candidates(context, site_id, night, request_id)
        if group is None or not any(p.id == offer_id for p in places):
            return MoveOutcome(None, await _why_not(context, site_id, night, group, offer_id))
        code = await context.store.evening.walk_in_code(request_id) or new_code(
            await context.store.evening.codes(site_id, night)
        )
        moved = await context.store.overrides.move(
            request_id, offer_id, code, context.account.user_id, note, context.now()
        )
    view = await context.store.evening.view(moved) if moved is not None else None
    if view is not None:
        await deliver_outbox(context)
    return MoveOutcome(view)


async def _why_not(
    context: BotContext, site_id: int, night: date, group: Group | None, offer_id: int
) -> Reason | None:
    if group is None:
        return None
    pairs = await context.store.evening.blocked_pairs(night)
    places = await context.store.evening.places(site_id, night)
    place = next((p for p in places if p.id == offer_id), None)
    if place is None:
        return Reason("not_enough_beds", {"size": group.size, "largest": 0})
    return compatible(group, place, pairs)


async def take_out(context: BotContext, offer_id: int, note: str, *, tell_host: bool = True) -> int:
    """Withdraw one offer for its night and re-dispatch its groups; how many went back."""
    actor = context.account.user_id if context.account else 0
    out = await context.store.overrides.take_out(
        offer_id, actor, note, context.now(), tell_host=tell_host
    )
    if out is None:
        return 0
    _, matched = await context.store.evening.state(out.site_id, out.night)
    if matched:
        await round.run_pass(context, out.site_id, out.night)
    await deliver_outbox(context)
    return out.released


async def rerun(context: BotContext, site: Site) -> tuple[int, int] | None:
    """Match again whoever still waits; None before the cut-off (closing does it then)."""
    assert context.account is not None
    night = tonight(site, context.now())[0]
    _, matched = await context.store.evening.state(site.id, night)
    if not matched:
        return None
    outcome = await round.run_pass(context, site.id, night)
    await context.store.audit.record(
        context.now(),
        context.account.user_id,
        "round.rerun",
        f"site:{site.id}",
        {"night": night.isoformat()},
    )
    return len(outcome.matches), len(outcome.unplaced)


async def close(context: BotContext, site: Site) -> tuple[int, int] | None:
    """Close tonight's round now and match; None when it was already closed."""
    outcome = await round.close_early(context, site)
    return None if outcome is None else (len(outcome.matches), len(outcome.unplaced))
