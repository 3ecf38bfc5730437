"""A dispatcher's corrections from the board: move a group to another host (the hard rules
still apply and the reason is logged), take a host out for tonight, run the matching again,
close the round early. The use cases (usecases/overrides.py, usecases/rounds.py) do the work."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.sites import tonight
from dispatch.forms import Field, Form, Kind
from dispatch.models import Site
from dispatch.permissions import Permission
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.permits import actor_id, board_press, permitted
from handlers.replies import answer, show
from jobs.delivery import deliver_outbox
from jobs.round_summary import close_early
from usecases import overrides, rounds
from views import board_keys, board_texts, round_texts

ACTIONS = frozenset({"move", "to", "out", "outyes", "rerun", "close"})
MOVE = Form("move", (Field("note", Kind.PARAGRAPH, max_length=200),))
Item = tuple[str, str, int]


async def on_button(update: Update, context: BotContext) -> None:
    """The board's correcting buttons (registered for ACTIONS of the board's area); each
    names a site, a group or an offer, and the site is checked each time."""
    press = await board_press(update, context)
    if press is None:
        return
    action, ids = press
    if action not in ("rerun", "close"):
        await _on_item(update, context, action, ids)
        return
    site = await context.store.sites.get(ids[0])
    if site is None or not await permitted(update, context, Permission.DISPATCH, site.id):
        return
    await (rerun if action == "rerun" else close)(update, context, site)


async def _on_item(update: Update, context: BotContext, action: str, ids: list[int]) -> None:
    """Buttons naming a group or an offer: the dispatcher must dispatch at its site."""
    lookup = (
        context.store.board.night_of_offer
        if action.startswith("out")
        else (context.store.board.night_of_request)
    )
    found = await lookup(ids[0])
    if found is None:
        await answer(update, board_texts.move_refused(context.t, None), alert=True)
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
            board_texts.confirm_take_out(context.t, name),
            board_keys.confirm_take_out(context.t, ids[0], site.id),
        )
    elif action == "outyes":
        await _take_out_pressed(update, context, site, ids[0])


async def _choose_target(
    update: Update, context: BotContext, site: Site, night: date, request_id: int
) -> None:
    group, places = await overrides.move_targets(context.services, site.id, night, request_id)
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
    text = board_texts.choose_host(context.t, names.get(request_id, "?"), len(targets))
    await show(update, text, board_keys.targets(context.t, request_id, site.id, targets))


async def _complete_move(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    """Apply the move; the use case checks the hard rules once more under the pass lock."""
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    request_id, offer_id = int(answers["request"]), int(answers["offer"])
    found = await context.store.board.night_of_request(request_id)
    if found is None or not await permitted(update, context, Permission.DISPATCH, found[0]):
        return
    done = await overrides.move_group(
        context.services,
        found[0],
        request_id,
        offer_id,
        await actor_id(context),
        str(answers["note"]),
        context.now(),
    )
    if done.view is None:
        await show(update, board_texts.move_refused(context.t, done.reason))
        return
    await show(update, board_texts.moved(context.t, done.view.alias, done.view.host_name))
    await deliver_outbox(context)


async def _take_out_pressed(update: Update, context: BotContext, site: Site, offer_id: int) -> None:
    offers = await context.store.board.offers(site.id, tonight(site, context.now())[0])
    name = next((o.host_name for o in offers if o.offer_id == offer_id), "")
    done = await overrides.take_out_offer(
        context.services, offer_id, await actor_id(context), "board", context.now()
    )
    await deliver_outbox(context)
    released = done.released
    await show(
        update,
        board_texts.taken_out(context.t, name, released),
        board_keys.with_items(context.t, site.id, []),
    )


async def rerun(update: Update, context: BotContext, site: Site) -> None:
    night = tonight(site, context.now())[0]
    done = await rounds.rerun(
        context.services, site.id, night, await actor_id(context), context.now()
    )
    if done.outcome is None:
        text = board_texts.rerun_before_cutoff(context.t)
    else:
        text = board_texts.rerun_done(
            context.t, len(done.outcome.matches), len(done.outcome.unplaced)
        )
        await deliver_outbox(context)
    await show(update, text, board_keys.with_items(context.t, site.id, []))


async def close(update: Update, context: BotContext, site: Site) -> None:
    closing = await close_early(context, site)
    text = round_texts.closing(context.t, closing)
    await show(update, text, board_keys.with_items(context.t, site.id, []))


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(MOVE, _complete_move))
