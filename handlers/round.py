"""The evening round's Telegram side: the hosts' answers, the pickup, the morning after, /close.

The periodic tick that closes due rounds lives in jobs/ticks.py.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from dispatch import ride_forms
from dispatch.forms import Field, Form, Kind
from dispatch.incident_forms import REPORT_WINDOW
from dispatch.models import MatchStatus
from dispatch.notices import Side
from dispatch.permissions import Permission, Scope, allowed
from dispatch.readmodels import MatchView
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.permits import permitted
from handlers.replies import answer, show
from jobs import alerts
from jobs.delivery import deliver_outbox
from jobs.round_summary import close_early
from usecases import meeting, rides, stays
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
from views.board_keys import BoardClose
from views.round_keys import MatchGood, MatchNo, MatchPickup, MatchProblem, MatchStop, MatchYes

PICKUP = Form("pickup", (Field("code", Kind.TEXT, max_length=12),))


async def confirm_pressed(update: Update, context: BotContext, pressed: MatchYes) -> None:
    await _proposal(update, context, pressed.match_id, confirm=True)


async def decline_pressed(update: Update, context: BotContext, pressed: MatchNo) -> None:
    await _proposal(update, context, pressed.match_id, confirm=False)


async def pickup_pressed(update: Update, context: BotContext, pressed: MatchPickup) -> None:
    found = await _pressed_by(update, context, pressed.match_id)
    if found is None:
        return
    view, side = found
    if side is not Side.HOST or view.status is not MatchStatus.CONFIRMED:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await forms.begin(update, context, PICKUP.name, {"match": view.id})


async def stop_pressed(update: Update, context: BotContext, pressed: MatchStop) -> None:
    found = await _pressed_by(update, context, pressed.match_id)
    if found is not None:
        await context.store.evening.stop_stay(found[0].id, context.now())
        await show(update, round_texts.stay_stopped(context.t))


async def good_pressed(update: Update, context: BotContext, pressed: MatchGood) -> None:
    found = await _pressed_by(update, context, pressed.match_id)
    if found is not None:
        await _feedback(update, context, found[0].id, found[1], Verdict.GOOD)


async def problem_pressed(update: Update, context: BotContext, pressed: MatchProblem) -> None:
    found = await _pressed_by(update, context, pressed.match_id)
    if found is not None:
        await _feedback(update, context, found[0].id, found[1], Verdict.PROBLEM)


async def _pressed_by(
    update: Update, context: BotContext, match_id: int
) -> tuple[MatchView, Side] | None:
    """The match and the presser's side in it (looked up, never read from the button); None
    once a press by anyone else is answered as expired."""
    user = update.effective_user
    view = await context.store.evening.view(match_id)
    side = None
    if user is not None and view is not None:
        if view.host_user_id == user.id:
            side = Side.HOST
        elif view.guest_chat_id == user.id:
            side = Side.GUEST
    if view is None or side is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return None
    return view, side


async def _proposal(update: Update, context: BotContext, match_id: int, *, confirm: bool) -> None:
    """Confirm and Decline are the host's."""
    found, user = await _pressed_by(update, context, match_id), update.effective_user
    if found is None or user is None:
        return
    if found[1] is not Side.HOST:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await _answer_proposal(update, context, match_id, user.id, confirm=confirm)


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
    update: Update, context: BotContext, match_id: int, side: Side, verdict: Verdict
) -> None:
    await record_feedback(context.services, match_id, side, verdict, context.now())
    user, now = update.effective_user, context.now()
    if verdict is Verdict.PROBLEM and user is not None:
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
            board_keys.sites(choices, BoardClose),
        )
        return
    closing = await close_early(context, sites[0])
    await show(update, round_texts.closing(context.t, closing))


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(PICKUP, _complete_pickup))
