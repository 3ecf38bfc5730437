"""The evening round's Telegram side: the periodic tick, the hosts' answers, the morning after.

The database decides what is due (a round past its cut-off and not yet matched, a proposal
left unanswered), so a tick that fires twice, late, or after a restart does the right thing.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot import callbacks, keyboards_round, render, render_round
from bot.context import BotContext
from dispatch.forms import Field, Form, Kind
from dispatch.permissions import Permission
from handlers import alerts, forms
from handlers.delivery import deliver_outbox
from handlers.flows import Flow, FlowRegistry
from handlers.permits import permitted
from handlers.replies import answer, show
from handlers.round_summary import announce, close_early
from handlers.sites import default_site
from usecases import rounds, tick
from usecases.feedback import Verdict, record_feedback
from usecases.rounds import Release

TICK_SECONDS = 30
PICKUP = Form("pickup", (Field("code", Kind.TEXT, max_length=12),))


async def evening_tick(context: BotContext) -> None:
    """Close due rounds, give unanswered proposals to others, ask last night's feedback."""
    sites = await context.store.sites.all()
    window = context.config.confirmation_window
    done = await tick.evening_tick(context.services, sites, context.now(), window)
    for closing in done.closings:
        assert closing.summary is not None
        await announce(context, closing.summary)
    await deliver_outbox(context)


async def on_button(update: Update, context: BotContext) -> None:
    """Confirm, decline, pickup and feedback buttons; each checks who is pressing."""
    query, user = update.callback_query, update.effective_user
    pressed = callbacks.parse(query.data if query else None)
    if query is None or user is None or pressed is None or not pressed.args:
        return
    if not pressed.args[0].isdecimal():
        await answer(update, render.expired_button(context.t), alert=True)
        return
    view = await context.store.evening.view(int(pressed.args[0]))
    side = (
        "host"
        if view and view.host_user_id == user.id
        else ("guest" if view and view.guest_chat_id == user.id else None)
    )
    if view is None or side is None:
        await answer(update, render.expired_button(context.t), alert=True)
        return
    action = pressed.action
    if action in ("good", "problem"):
        await _feedback(update, context, view.id, side, action)
    elif action == "stop":
        await context.store.evening.stop_stay(view.id, context.now())
        await show(update, render_round.stay_stopped(context.t))
    elif side != "host":
        await answer(update, render.expired_button(context.t), alert=True)
    elif action == "yes":
        confirmed = await context.store.evening.confirm(view.id, context.now())
        if confirmed is None:
            await show(update, render_round.no_longer_open(context.t))
            return
        await show(
            update,
            render_round.confirmed(context.t, view.alias),
            keyboards_round.pickup(context.t, view.id),
        )
        await deliver_outbox(context)
    elif action == "no":
        await show(update, render_round.declined(context.t))
        await rounds.release_proposal(context.services, view.id, Release.DECLINED, context.now())
        await deliver_outbox(context)
    elif action == "pickup" and view.status == "confirmed":
        await forms.begin(update, context, PICKUP.name, {"match": view.id})


async def _feedback(
    update: Update, context: BotContext, match_id: int, side: str, verdict: str
) -> None:
    await record_feedback(context.services, match_id, side, Verdict(verdict), context.now())
    if verdict == "problem":
        await show(update, render_round.problem_thanks(context.t))
        await alerts.to_dispatchers(
            context, lambda t: render_round.problem_alert(t, match_id, side)
        )
    else:
        await show(update, render_round.feedback_thanks(context.t))


async def _complete_pickup(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    view = await context.store.evening.view(int(answers["match"]))
    typed = str(answers.get("code", "")).strip().upper()
    if view is None or view.host_user_id != user.id:
        await context.store.drafts.delete(user.id)
        await show(update, render_round.no_longer_open(context.t))
        return
    if typed != view.code:
        await show(update, render_round.wrong_code(context.t))
        await forms.begin(update, context, PICKUP.name, {"match": view.id})
        return
    await context.store.drafts.delete(user.id)
    await context.store.evening.picked_up(view.id, context.now())
    await show(update, render_round.picked_up(context.t))


async def close_command(update: Update, context: BotContext) -> None:
    """/close: a dispatcher closes tonight's round early."""
    site = await default_site(context)
    if not await permitted(update, context, Permission.DISPATCH, site.id):
        return
    closing = await close_early(context, site)
    await show(update, render_round.closing(context.t, closing))


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(PICKUP, _complete_pickup))
