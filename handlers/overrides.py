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
from dispatch.permissions import Permission, Scope
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.permits import actor_id, dispatch_site, permitted
from handlers.replies import answer, show
from jobs.delivery import deliver_outbox
from jobs.round_summary import close_early
from usecases import overrides, rounds
from views import board_keys, board_texts, round_texts
from views.board_keys import (
    BoardClose,
    BoardMove,
    BoardMoveTo,
    BoardRerun,
    BoardTakeOut,
    BoardTakeOutYes,
)

MOVE = Form("move", (Field("note", Kind.PARAGRAPH, max_length=200),))


async def rerun_pressed(update: Update, context: BotContext, pressed: BoardRerun) -> None:
    """The board's correcting buttons: each names a site, a group or an offer, and the site
    is checked each time."""
    site = await dispatch_site(update, context, pressed.site_id)
    if site is not None:
        await rerun(update, context, site)


async def close_pressed(update: Update, context: BotContext, pressed: BoardClose) -> None:
    site = await dispatch_site(update, context, pressed.site_id)
    if site is not None:
        await close(update, context, site)


async def move_pressed(update: Update, context: BotContext, pressed: BoardMove) -> None:
    found = await _request_site(update, context, pressed.request_id)
    if found is not None:
        await _choose_target(update, context, *found, pressed.request_id)


async def move_to_pressed(update: Update, context: BotContext, pressed: BoardMoveTo) -> None:
    if await _request_site(update, context, pressed.request_id) is not None:
        known = {"request": pressed.request_id, "offer": pressed.offer_id}
        await forms.begin(update, context, MOVE.name, known)


async def take_out_pressed(update: Update, context: BotContext, pressed: BoardTakeOut) -> None:
    found = await _offer_site(update, context, pressed.offer_id)
    if found is None:
        return
    site, night = found
    offers = await context.store.board.offers(site.id, night)
    name = next((o.host_name for o in offers if o.offer_id == pressed.offer_id), "")
    await show(
        update,
        board_texts.confirm_take_out(context.t, name),
        board_keys.confirm_take_out(context.t, pressed.offer_id, site.id),
    )


async def take_out_confirmed(update: Update, context: BotContext, pressed: BoardTakeOutYes) -> None:
    found = await _offer_site(update, context, pressed.offer_id)
    if found is not None:
        await _take_out_pressed(update, context, found[0], pressed.offer_id)


async def _request_site(
    update: Update, context: BotContext, request_id: int
) -> tuple[Site, date] | None:
    """A group's site and night, if the presser dispatches there."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return None
    return await _at_site(update, context, await context.store.board.night_of_request(request_id))


async def _offer_site(
    update: Update, context: BotContext, offer_id: int
) -> tuple[Site, date] | None:
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return None
    return await _at_site(update, context, await context.store.board.night_of_offer(offer_id))


async def _at_site(
    update: Update, context: BotContext, found: tuple[int, date] | None
) -> tuple[Site, date] | None:
    if found is None:
        await answer(update, board_texts.move_refused(context.t, None), alert=True)
        return None
    if not await permitted(update, context, Permission.DISPATCH, found[0]):
        return None
    site = await context.store.sites.get(found[0])
    assert site is not None
    return site, found[1]


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
