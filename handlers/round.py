"""The evening round's Telegram side: the periodic tick, the hosts' answers, the morning after.

The database decides what is due (a round past its cut-off and not yet matched, a proposal
left unanswered), so a tick that fires twice, late, or after a restart does the right thing.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import Update

from bot import callbacks, keyboards_meeting, keyboards_round, render, render_round, render_stays
from bot.context import BotContext
from dispatch.evening import PassOutcome, dispatch_pass
from dispatch.forms import Field, Form, Kind
from dispatch.matching.engine import match as solve
from dispatch.models import Site
from dispatch.nights import cutoff_instant
from dispatch.permissions import Permission
from handlers import alerts, forms
from handlers.delivery import deliver_outbox
from handlers.flows import Flow, FlowRegistry
from handlers.permits import permitted
from handlers.replies import answer, show
from handlers.round_summary import after_round_closed
from handlers.sites import default_site, tonight
from usecases import meeting, stays

TICK_SECONDS = 30
FEEDBACK_HOUR = time(9, 0)
PICKUP = Form("pickup", (Field("code", Kind.TEXT, max_length=12),))
PASS_LOCK = asyncio.Lock()  # one pass at a time: each reads what the previous one wrote
# One closing at a time: the tick, a catch-up and /close may meet on the same round, and only
# the first may match it and tell the dispatch group.
CLOSE_LOCK = asyncio.Lock()


async def run_pass(context: BotContext, site_id: int, night: date) -> PassOutcome:
    """Match whoever waits with whatever is free, then send the notices at once."""
    async with PASS_LOCK:
        outcome = await dispatch_pass(context.store.evening, site_id, night, context.now(), solve)
    await deliver_outbox(context)
    return outcome


async def close_round(context: BotContext, site_id: int, night: date, closes_at: datetime) -> bool:
    """Close (once) and match (once); False when someone else already did."""
    async with CLOSE_LOCK:
        closed = await context.store.evening.close(site_id, night, closes_at, context.now())
        _, matched = await context.store.evening.state(site_id, night)
        if not matched:
            await context.store.evening.carry_stays(site_id, night, context.now())
            await run_pass(context, site_id, night)
            await after_round_closed(context, site_id, night)
    return closed


async def evening_tick(context: BotContext) -> None:
    """Close due rounds, give unanswered proposals to others, ask last night's feedback."""
    store, now = context.store, context.now()
    sites = {site.id: site for site in await store.sites.all()}
    for site in sites.values():
        # Tonight's round exists from the cut-off on, even if nobody wrote: stays carry on.
        night = now.astimezone(site.zone).date()
        closes_at = cutoff_instant(night, site.cutoff, site.zone)
        if closes_at <= now < cutoff_instant(night, site.evening_end, site.zone):
            await close_round(context, site.id, night, closes_at)
    for site_id, night in await store.evening.due(now):
        if site_id in sites:
            await close_round(context, site_id, night, now)
    deadline = now - context.bot_data.confirmation_window
    for match_id in await store.evening.stale_proposals(deadline):
        await _release(context, match_id, "expired")
    for site in sites.values():
        local = now.astimezone(site.zone)
        if local.time() >= FEEDBACK_HOUR:
            await store.evening.ask_feedback(local.date() - timedelta(days=1), now)
    await deliver_outbox(context)


async def _release(context: BotContext, match_id: int, status: str) -> None:
    """A decline or silence: the guests go back to tonight's dispatch, to another host."""
    view = await context.store.evening.release(match_id, status, context.now())
    if view is not None:
        await run_pass(context, view.site_id, view.night)


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
    elif action in ("yes", "no"):
        await _answer_proposal(update, context, view.id, user.id, confirm=action == "yes")
    elif action == "pickup" and view.status == "confirmed":
        await forms.begin(update, context, PICKUP.name, {"match": view.id})


async def _answer_proposal(
    update: Update, context: BotContext, match_id: int, user_id: int, *, confirm: bool
) -> None:
    """Confirm or Decline, however often pressed: the answer always says where things stand."""
    if confirm:  # at the earliest free meeting time (handlers/meeting.py: another time)
        result = await meeting.confirm(
            context.store, match_id, user_id, context.now(), alerts.alert_chats(context)
        )
    else:
        result = await stays.decline_stay(context.store, match_id, user_id, context.now())
    t, match = context.t, result.match
    settled = result.answer in (stays.Answer.CONFIRMED, stays.Answer.ALREADY_CONFIRMED)
    found = await meeting.card(context.store, match.id) if match and settled else None
    if found is not None and found.meeting is not None:
        await show(update, *keyboards_meeting.host_view(t, found))  # the code stays in it
        await deliver_outbox(context)
    elif result.answer is stays.Answer.CONFIRMED and match is not None:
        await show(
            update, render_round.confirmed(t, match.alias), keyboards_round.pickup(t, match.id)
        )
        await deliver_outbox(context)
    elif result.answer is stays.Answer.ALREADY_CONFIRMED and match is not None:
        site = await context.store.sites.get(match.site_id)
        text = (
            render_stays.already_confirmed(t, match, site)
            if site
            else render_round.confirmed(t, match.alias)
        )
        await show(update, text, keyboards_round.pickup(t, match.id))
    elif result.answer is stays.Answer.DECLINED and match is not None:
        await show(update, render_round.declined(t))
        await run_pass(context, match.site_id, match.night)
    elif result.answer is stays.Answer.ALREADY_DECLINED:
        await show(update, render_stays.already_declined(t))
    else:
        await show(update, render_round.no_longer_open(t))


async def _feedback(
    update: Update, context: BotContext, match_id: int, side: str, verdict: str
) -> None:
    await context.store.evening.feedback(match_id, side, verdict, context.now())
    if verdict == "problem":
        await show(update, render_round.problem_thanks(context.t))
        await context.store.audit.record(
            context.now(), None, "match.problem", f"match:{match_id}", {"side": side}
        )
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
    await meeting.picked_up(context.store, view, context.now())  # the guest hears it too
    await show(update, render_round.picked_up(context.t))
    await deliver_outbox(context)


async def close_command(update: Update, context: BotContext) -> None:
    """/close: a dispatcher closes tonight's round early."""
    site = await default_site(context)
    if not await permitted(update, context, Permission.DISPATCH, site.id):
        return
    outcome = await close_early(context, site)
    if outcome is None:
        await show(update, render_round.round_already_closed(context.t))
        return
    await show(
        update, render_round.round_closed(context.t, len(outcome.matches), len(outcome.unplaced))
    )


async def close_early(context: BotContext, site: Site) -> PassOutcome | None:
    """Close tonight's round now and match at once; None if it was already closed."""
    night, _ = tonight(site, context.now())
    async with CLOSE_LOCK:
        closed = await context.store.evening.close(site.id, night, context.now(), context.now())
        if not closed:
            return None
        outcome = await run_pass(context, site.id, night)
        await after_round_closed(context, site.id, night)
    actor = context.account.user_id if context.account else None
    await context.store.audit.record(
        context.now(), actor, "round.close_early", f"site:{site.id}", {"night": night.isoformat()}
    )
    return outcome


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(PICKUP, _complete_pickup))
