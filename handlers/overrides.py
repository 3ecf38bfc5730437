"""A dispatcher's corrections from the board: move a group to another host (the hard rules
still apply and the reason is logged), take a host out for tonight, run the matching again,
close the round early."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update

from bot import keyboards_board, render_board, render_round
from bot.context import BotContext
from bot.i18n import Translator
from dispatch.codes import new_code
from dispatch.forms import Field, Form, Kind
from dispatch.matching.explain import blocking_reason
from dispatch.matching.model import Group, Place, Reason
from dispatch.matching.rules import compatible
from dispatch.models import Site
from dispatch.permissions import Permission
from handlers import forms, round
from handlers.delivery import deliver_outbox
from handlers.flows import Flow, FlowRegistry
from handlers.permits import actor_id, permitted
from handlers.replies import answer, show
from handlers.sites import tonight

ACTIONS = frozenset({"move", "to", "out", "outyes"})
MOVE = Form("move", (Field("note", Kind.PARAGRAPH, max_length=200),))
Item = tuple[str, str, int]


async def on_button(update: Update, context: BotContext, action: str, ids: list[int]) -> None:
    """Buttons naming a group or an offer: the dispatcher must dispatch at its site."""
    lookup = (
        context.store.board.night_of_offer
        if action.startswith("out")
        else (context.store.board.night_of_request)
    )
    found = await lookup(ids[0])
    if found is None:
        await answer(update, render_board.move_refused(context.t, None), alert=True)
        return
    if not await permitted(update, context, Permission.DISPATCH, found[0]):
        return
    site = await context.store.sites.get(found[0])
    assert site is not None
    if action == "move":
        await _choose_target(update, context, site, found[1], ids[0])
    elif action == "to" and len(ids) == 2:
        await forms.begin(update, context, MOVE.name, {"request": ids[0], "offer": ids[1]})
    elif action == "out":
        offers = await context.store.board.offers(site.id, found[1])
        name = next((o.host_name for o in offers if o.offer_id == ids[0]), "")
        await show(
            update,
            render_board.confirm_take_out(context.t, name),
            keyboards_board.confirm_take_out(context.t, ids[0], site.id),
        )
    elif action == "outyes":
        await _take_out_pressed(update, context, site, ids[0])


async def listing(context: BotContext, site: Site, kind: str) -> tuple[str, list[Item]]:
    """The drill-down text of one list and its per-line buttons."""
    t, night = context.t, tonight(site, context.now())[0]
    board = context.store.board
    if kind == "waiting":
        waiting = await board.waiting(site.id, night)
        blocked = await _blocked(context, site.id, night)
        text = render_board.waiting_list(t, waiting, blocked, site.zone)
        return text, [
            (_move_label(t, g.request_id, g.alias), "move", g.request_id) for g in waiting
        ]
    if kind == "matches":
        matches = await board.matches(site.id, night)
        text = render_board.match_list(t, matches)
        movable = [v for v, _ in matches if v.status != "picked_up"]
        return text, [
            (_move_label(t, v.request_id, v.alias), "move", v.request_id) for v in movable
        ]
    offers = await board.offers(site.id, night)
    return render_board.offer_list(t, offers), [
        (t.gettext("🚫 Take {name} out tonight", name=o.host_name), "out", o.offer_id)
        for o in offers
    ]


def _move_label(t: Translator, request_id: int, alias: str) -> str:
    """A button says what it does, not only whom it is about."""
    return t.gettext("↪️ Move #{id} {name}", id=str(request_id), name=alias)


async def _blocked(context: BotContext, site_id: int, night: date) -> dict[int, Reason]:
    """For each waiting group that no free place could take now, the rule that stops it."""
    evening = context.store.evening
    places = await evening.places(site_id, night)
    pairs = await evening.blocked_pairs(night)
    found = {}
    for group in await evening.groups(site_id, night):
        reason = blocking_reason(group, places, pairs)
        if reason is not None:
            found[group.id] = reason
    return found


async def _candidates(
    context: BotContext, site_id: int, night: date, request_id: int
) -> tuple[Group | None, list[Place]]:
    evening = context.store.evening
    group = next(
        (
            g
            for g in await evening.groups(site_id, night, include_matched=True)
            if g.id == request_id
        ),
        None,
    )
    if group is None:
        return None, []
    pairs = await evening.blocked_pairs(night)
    places = [
        p for p in await evening.places(site_id, night) if compatible(group, p, pairs) is None
    ]
    return group, places


async def _choose_target(
    update: Update, context: BotContext, site: Site, night: date, request_id: int
) -> None:
    group, places = await _candidates(context, site.id, night, request_id)
    waiting = await context.store.board.waiting(site.id, night)
    matches = await context.store.board.matches(site.id, night)
    names = {g.request_id: g.alias for g in waiting} | {v.request_id: v.alias for v, _ in matches}
    current = {v.request_id: v.host_id for v, _ in matches}
    offers = {o.offer_id: o.host_name for o in await context.store.board.offers(site.id, night)}
    targets = [
        (p.id, offers.get(p.id, "?"))
        for p in places
        if group is not None and current.get(group.id) != p.host_id
    ]
    text = render_board.choose_host(context.t, names.get(request_id, "?"), len(targets))
    await show(update, text, keyboards_board.targets(context.t, request_id, site.id, targets))


async def _complete_move(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    """Apply the move under the pass lock, after checking the hard rules once more."""
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    request_id, offer_id = int(answers["request"]), int(answers["offer"])
    found = await context.store.board.night_of_request(request_id)
    if found is None or not await permitted(update, context, Permission.DISPATCH, found[0]):
        return
    site_id, night = found
    async with round.PASS_LOCK:
        group, places = await _candidates(context, site_id, night, request_id)
        place = next((p for p in places if p.id == offer_id), None)
        if group is None or place is None:
            await show(
                update,
                render_board.move_refused(
                    context.t, await _why_not(context, site_id, night, group, offer_id)
                ),
            )
            return
        code = await context.store.evening.walk_in_code(request_id) or new_code(
            await context.store.evening.codes(site_id, night)
        )
        moved = await context.store.overrides.move(
            request_id, offer_id, code, await actor_id(context), str(answers["note"]), context.now()
        )
    if moved is None:
        await show(update, render_board.move_refused(context.t, None))
        return
    view = await context.store.evening.view(moved)
    assert view is not None
    await show(update, render_board.moved(context.t, view.alias, view.host_name))
    await deliver_outbox(context)


async def _why_not(
    context: BotContext, site_id: int, night: date, group: Group | None, offer_id: int
) -> Reason | None:
    if group is None:
        return None
    pairs = await context.store.evening.blocked_pairs(night)
    place = next(
        (p for p in await context.store.evening.places(site_id, night) if p.id == offer_id), None
    )
    if place is None:
        return Reason("not_enough_beds", {"size": group.size, "largest": 0})
    return compatible(group, place, pairs)


async def take_out_offer(
    context: BotContext, offer_id: int, note: str, *, tell_host: bool = True
) -> int:
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


async def _take_out_pressed(update: Update, context: BotContext, site: Site, offer_id: int) -> None:
    offers = await context.store.board.offers(site.id, tonight(site, context.now())[0])
    name = next((o.host_name for o in offers if o.offer_id == offer_id), "")
    released = await take_out_offer(context, offer_id, "board")
    await show(
        update,
        render_board.taken_out(context.t, name, released),
        keyboards_board.with_items(context.t, site.id, []),
    )


async def rerun(update: Update, context: BotContext, site: Site) -> None:
    night = tonight(site, context.now())[0]
    _, matched = await context.store.evening.state(site.id, night)
    if not matched:
        await show(
            update,
            render_board.rerun_before_cutoff(context.t),
            keyboards_board.with_items(context.t, site.id, []),
        )
        return
    outcome = await round.run_pass(context, site.id, night)
    await context.store.audit.record(
        context.now(),
        await actor_id(context),
        "round.rerun",
        f"site:{site.id}",
        {"night": night.isoformat()},
    )
    text = render_board.rerun_done(context.t, len(outcome.matches), len(outcome.unplaced))
    await show(update, text, keyboards_board.with_items(context.t, site.id, []))


async def close(update: Update, context: BotContext, site: Site) -> None:
    outcome = await round.close_early(context, site)
    t = context.t
    text = (
        render_round.round_already_closed(t)
        if outcome is None
        else render_round.round_closed(t, len(outcome.matches), len(outcome.unplaced))
    )
    await show(update, text, keyboards_board.with_items(t, site.id, []))


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(MOVE, _complete_move))
