"""Rides on Telegram: the driver's answer and the code, the host's address, "they are here"
and "can you come after all?", and a dispatcher's /ride to move a ride to another driver.

Each press is re-checked against who pressed it by its use case.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from dispatch.inputs import read_id
from dispatch.permissions import Permission, Scope
from dispatch.ride_forms import ADDRESS, CODE
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.permits import permitted
from handlers.replies import answer, show
from jobs.alerts import alert_chats
from jobs.delivery import deliver_outbox
from usecases import meeting, ride_moves, rides
from usecases.rides import Outcome
from views import common_texts, meeting_keys, notices_rides, rides_keys, rides_texts, round_texts


async def _site_of(context: BotContext, site_id: int) -> Any:
    site = await context.store.sites.get(site_id)
    if site is None:
        raise LookupError("site")
    return site


async def on_answer(update: Update, context: BotContext, data: rides_keys.RideAnswer) -> None:
    """The asked driver: "I take this ride" (their card, the address if given) or "I cannot"."""
    user = update.effective_user
    assert user is not None
    outcome, view = await rides.answer(
        context.store, data.ride_id, user.id, data.accept, context.now(), alert_chats(context)
    )
    t = context.t
    if outcome is Outcome.NOT_YOURS or view is None:
        await answer(update, common_texts.expired_button(t), alert=True)
    elif outcome is Outcome.NOT_OPEN:
        await show(update, rides_texts.not_open(t))
    elif not data.accept and outcome is Outcome.DONE:
        await show(update, rides_texts.declined(t))
    else:
        site = await _site_of(context, view.match.site_id)
        await show(update, *notices_rides.driver_view(t, view, site))
    await deliver_outbox(context)


async def on_hand_back(update: Update, context: BotContext, data: rides_keys.RideHandBack) -> None:
    """The driver who took the ride: "I can no longer drive it" (asked once more first)."""
    user = update.effective_user
    assert user is not None
    t = context.t
    if not data.sure:
        view = await context.store.rides.find(data.ride_id)
        if view is None or view.driver_user_id != user.id:
            await answer(update, common_texts.expired_button(t), alert=True)
            return
        await answer(update)
        await show(update, rides_texts.hand_back_question(t), rides_keys.hand_back(t, view.id))
        return
    outcome, _ = await rides.hand_back(
        context.store, data.ride_id, user.id, context.now(), alert_chats(context)
    )
    if outcome is Outcome.NOT_YOURS:
        await answer(update, common_texts.expired_button(t), alert=True)
        return
    text = rides_texts.handed_back(t) if outcome is Outcome.DONE else rides_texts.not_open(t)
    await show(update, text)
    await deliver_outbox(context)


async def on_pickup(update: Update, context: BotContext, data: rides_keys.RidePickup) -> None:
    user = update.effective_user
    assert user is not None
    view = await context.store.rides.find(data.ride_id)
    if view is None or view.driver_user_id != user.id:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await answer(update)
    await forms.begin_below(update, context, CODE.name, {"ride": data.ride_id})


async def _complete_code(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    ride_id = int(answers["ride"])
    typed = str(answers.get("code", ""))
    outcome, view = await rides.pick_up(context.store, ride_id, user.id, typed, context.now())
    if outcome is Outcome.WRONG_CODE:
        await show(update, round_texts.wrong_code(context.t))
        await forms.begin(update, context, CODE.name, {"ride": ride_id})
        return
    await context.store.drafts.delete(user.id)
    if view is None or outcome in (Outcome.NOT_YOURS, Outcome.NOT_OPEN):
        await show(update, rides_texts.not_open(context.t))
        return
    await show(update, rides_texts.picked_up(context.t, view))
    await deliver_outbox(context)


async def on_arrived(update: Update, context: BotContext, data: rides_keys.RideArrived) -> None:
    user = update.effective_user
    assert user is not None
    outcome, view = await rides.arrived(context.store, data.match_id, user.id, context.now())
    if outcome in (Outcome.NOT_YOURS, Outcome.NOT_OPEN) or view is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await show(update, rides_texts.arrived(context.t))


async def on_come(update: Update, context: BotContext, data: rides_keys.RideCome) -> None:
    """No driver left: the host comes after all (their meeting card), or cannot."""
    user = update.effective_user
    assert user is not None
    outcome = await rides.come_after_all(
        context.store, data.match_id, user.id, data.yes, context.now(), alert_chats(context)
    )
    t = context.t
    if outcome is Outcome.NOT_YOURS:
        await answer(update, common_texts.expired_button(t), alert=True)
        return
    found = await meeting.card(context.store, data.match_id)
    if outcome is Outcome.DONE and not data.yes:
        await show(update, rides_texts.cannot_come(t))
    elif found is not None and found.meeting is not None:
        await show(update, *meeting_keys.host_view(t, found))
    else:
        await show(update, round_texts.no_longer_open(t))
    await deliver_outbox(context)


async def _complete_address(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    saved = await rides.set_address(
        context.store, int(answers["match"]), user.id, str(answers["address"]), context.now()
    )
    text = rides_texts.address_saved(context.t) if saved else round_texts.no_longer_open(context.t)
    await show(update, text)
    await deliver_outbox(context)


async def ride_command(update: Update, context: BotContext) -> None:
    """/ride N: a ride as the dispatchers see it, and the drivers it may move to."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    args, t = context.args or [], context.t
    if len(args) != 1 or not args[0].isdecimal():
        await show(update, rides_texts.ride_usage(t))
        return
    ride_id = read_id(args[0])
    if ride_id is None:  # no ride has such a number (and SQLite takes none)
        await show(update, rides_texts.no_such_ride(t))
        return
    view, options = await ride_moves.candidates(context.store, ride_id)
    if view is None:
        await show(update, rides_texts.no_such_ride(t))
        return
    if not await permitted(update, context, Permission.DISPATCH, view.match.site_id):
        return
    site = await _site_of(context, view.match.site_id)
    text = rides_texts.ride_summary(t, view, site)
    if not options:
        await show(update, f"{text}\n\n{rides_texts.nobody_to_move_to(t)}")
        return
    labels = [(c.shift_id, rides_texts.driver_label(t, c.name, c.seats, c.trips)) for c in options]
    await show(update, f"{text}\n\n{rides_texts.move_to(t)}", rides_keys.moves(view.id, labels))


async def on_move(update: Update, context: BotContext, data: rides_keys.RideMove) -> None:
    user = update.effective_user
    assert user is not None
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    view = await context.store.rides.find(data.ride_id)
    if view is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    if not await permitted(update, context, Permission.DISPATCH, view.match.site_id):
        return
    moved, after = await ride_moves.move(
        context.store, data.ride_id, data.shift_id, user.id, context.now()
    )
    if moved is ride_moves.Moved.MOVED and after is not None:
        await show(update, rides_texts.moved(context.t, after))
    else:
        await show(update, rides_texts.cannot_move(context.t))
    await deliver_outbox(context)


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(ADDRESS, _complete_address))
    registry.add(Flow(CODE, _complete_code))
