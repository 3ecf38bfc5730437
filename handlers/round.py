"""The evening round's Telegram side: the periodic tick, the hosts' answers, the morning after.

The database decides what is due (a round past its cut-off and not yet matched, a proposal
left unanswered), so a tick that fires twice, late, or after a restart does the right thing.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot import callbacks
from bot.context import BotContext
from dispatch import ride_forms
from dispatch.forms import Field, Form, Kind
from dispatch.incident_forms import REPORT_WINDOW
from dispatch.permissions import Permission, Scope, allowed
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.permits import permitted
from handlers.replies import answer, show
from jobs import alerts
from jobs.delivery import deliver_outbox
from jobs.round_summary import announce, close_early
from usecases import meeting, rides, stays, tick
from usecases.feedback import Verdict, record_feedback
from views import (
    board_keys,
    common_texts,
    meeting_keys,
    round_keys,
    round_texts,
    stays_texts,
    trust_texts,
)

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
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    view = await context.store.evening.view(int(pressed.args[0]))
    side = (
        "host"
        if view and view.host_user_id == user.id
        else ("guest" if view and view.guest_chat_id == user.id else None)
    )
    if view is None or side is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    action = pressed.action
    if action in ("good", "problem"):
        await _feedback(update, context, view.id, side, action)
    elif action == "stop":
        await context.store.evening.stop_stay(view.id, context.now())
        await show(update, round_texts.stay_stopped(context.t))
    elif side != "host":
        await answer(update, common_texts.expired_button(context.t), alert=True)
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
        result = await stays.decline_stay(context.services, match_id, user_id, context.now())
    t, match = context.t, result.match
    settled = result.answer in (stays.Answer.CONFIRMED, stays.Answer.ALREADY_CONFIRMED)
    found = await meeting.card(context.store, match.id) if match and settled else None
    if found is not None and found.meeting is not None:
        await show(update, *meeting_keys.host_view(t, found))  # the code stays in it
        await deliver_outbox(context)
        if await rides.needs_address(context.store, found.match.id):
            await forms.begin_below(
                update, context, ride_forms.ADDRESS.name, {"match": found.match.id}
            )
    elif result.answer is stays.Answer.CONFIRMED and match is not None:
        await show(update, round_texts.confirmed(t, match.alias), round_keys.pickup(t, match.id))
        await deliver_outbox(context)
    elif result.answer is stays.Answer.ALREADY_CONFIRMED and match is not None:
        site = await context.store.sites.get(match.site_id)
        text = (
            stays_texts.already_confirmed(t, match, site)
            if site
            else round_texts.confirmed(t, match.alias)
        )
        await show(update, text, round_keys.pickup(t, match.id))
    elif result.answer is stays.Answer.DECLINED and match is not None:
        await show(update, round_texts.declined(t))
        await deliver_outbox(context)  # the group went back to tonight's dispatch
    elif result.answer is stays.Answer.ALREADY_DECLINED:
        await show(update, stays_texts.already_declined(t))
    else:
        await show(update, round_texts.no_longer_open(t))


async def _feedback(
    update: Update, context: BotContext, match_id: int, side: str, verdict: str
) -> None:
    await record_feedback(context.services, match_id, side, Verdict(verdict), context.now())
    user, now = update.effective_user, context.now()
    if verdict == "problem" and user is not None:
        # Pressed again (or after /forget): the dispatchers already have it (issue 15, #10).
        if not await context.store.incidents.mark_alert(
            user.id, f"problem:{match_id}", now, now - REPORT_WINDOW
        ):
            await show(update, trust_texts.alert_already_sent(context.t))
            return
        await show(update, round_texts.problem_thanks(context.t))
        await alerts.to_dispatchers(context, lambda t: round_texts.problem_alert(t, match_id, side))
    else:
        await show(update, round_texts.feedback_thanks(context.t))


async def _complete_pickup(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    view = await context.store.evening.view(int(answers["match"]))
    typed = str(answers.get("code", "")).strip().upper()
    if view is None or view.host_user_id != user.id:
        await context.store.drafts.delete(user.id)
        await show(update, round_texts.no_longer_open(context.t))
        return
    if typed != view.code:
        await show(update, round_texts.wrong_code(context.t))
        await forms.begin(update, context, PICKUP.name, {"match": view.id})
        return
    await context.store.drafts.delete(user.id)
    await meeting.picked_up(context.store, view, context.now())  # the guest hears it too
    await show(update, round_texts.picked_up(context.t))
    await deliver_outbox(context)


async def close_command(update: Update, context: BotContext) -> None:
    """/close: a dispatcher closes tonight's round of their site early (with several, which)."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    admins = context.config.admin_ids
    sites = [
        s
        for s in await context.store.sites.all()
        if allowed(context.account, Permission.DISPATCH, admins, s.id)
    ]
    if len(sites) != 1:
        choices = [(s.id, s.name_in(context.t.locale)) for s in sites]
        await show(
            update,
            trust_texts.choose_site_to_close(context.t),
            board_keys.sites(choices, "close"),
        )
        return
    closing = await close_early(context, sites[0])
    await show(update, round_texts.closing(context.t, closing))


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(PICKUP, _complete_pickup))
