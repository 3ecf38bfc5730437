"""One renderer per notice kind: typed payload → the text and buttons its reader gets.

RENDERERS is the whole table; tests/handlers/test_notices.py proves it names every kind.
A renderer reads the records the payload points to when the notice is sent, so a notice
speaks of the night as it is then; it returns None when there is nothing left to say, and
raises LookupError when what it speaks of is gone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.context import BotContext
from bot.i18n import Translator
from bot.sites import alternatives_for
from dispatch import notices as n
from dispatch.models import MatchStatus, RequestStatus, Site
from dispatch.notices import NoticeKind
from dispatch.readmodels import MatchView
from usecases import meeting
from views import (
    board_texts,
    incidents_texts,
    meeting_keys,
    meeting_texts,
    privacy_texts,
    roles_texts,
    round_keys,
    round_texts,
    vetting_texts,
)
from views.notices_drivers import RENDERERS as DRIVER_RENDERERS
from views.notices_meeting import RENDERERS as MEETING_RENDERERS
from views.notices_rides import RENDERERS as RIDE_RENDERERS

Rendered = tuple[str, InlineKeyboardMarkup | None]
Renderer = Callable[[BotContext, Translator, Any], Awaitable[Rendered | None]]


async def render(context: BotContext, t: Translator, payload: n.NoticePayload) -> Rendered | None:
    """The text and buttons of one notice; None when it no longer needs sending."""
    return await RENDERERS[payload.kind](context, t, payload)


async def _match(context: BotContext, match_id: int) -> tuple[MatchView, Site]:
    match = await context.store.evening.view(match_id)
    if match is None:
        raise LookupError("match")
    site = await context.store.sites.get(match.site_id)
    if site is None:
        raise LookupError("site")
    return match, site


def _minutes(context: BotContext) -> int:
    return int(context.bot_data.confirmation_window.total_seconds() // 60)


async def _waiting(context: BotContext, t: Translator, payload: n.Waiting) -> Rendered | None:
    request = await context.store.requests.by_id(payload.request)
    if request is None or request.status is not RequestStatus.WAITING:
        return None  # matched or withdrawn meanwhile: nothing to say
    if request.walkin_code:
        return round_texts.waiting_walk_in(t, request.alias), None
    site = await context.store.sites.get(request.site_id)
    if site is None:
        return None
    text = round_texts.waiting(t, await alternatives_for(context, site, t))
    hear_by = meeting_texts.hear_by(t, site.evening_end)  # never silence: when we write next
    return f"{text}\n\n{hear_by}", meeting_keys.help_only(t, site.id)


async def _vetting(context: BotContext, t: Translator, payload: n.Vetting) -> Rendered:
    reason = await context.store.vetting.reason(payload.host)
    return vetting_texts.to_host(t, payload.status, payload.was, reason), None


async def _role_granted(context: BotContext, t: Translator, payload: n.RoleGranted) -> Rendered:
    names = {site.id: site.name_in(t.locale) for site in await context.store.sites.all()}
    return roles_texts.welcome_dispatcher(t, roles_texts.where(t, payload.site, names)), None


async def _role_removed(_: BotContext, t: Translator, __: n.RoleRemoved) -> Rendered:
    return roles_texts.role_removed(t), None


async def _taken_out(_: BotContext, t: Translator, __: n.TakenOut) -> Rendered:
    return board_texts.to_host_taken_out(t), None


async def _guest_gone(_: BotContext, t: Translator, payload: n.GuestGone) -> Rendered:
    return privacy_texts.to_host_guest_gone(t, payload.night), None


async def _blocked(_: BotContext, t: Translator, __: n.Blocked) -> Rendered:
    return incidents_texts.to_blocked(t), None


async def _unblocked(_: BotContext, t: Translator, __: n.Unblocked) -> Rendered:
    return incidents_texts.to_unblocked(t), None


async def _match_host(context: BotContext, t: Translator, payload: n.MatchHost) -> Rendered | None:
    match, site = await _match(context, payload.match)
    if match.status is not MatchStatus.PROPOSED:
        return None  # answered, expired or moved before it left: the proposal is moot
    stay = await context.store.meeting.stay(match.id)
    if stay is not None and not stay.collects:  # honest: the dispatchers arrange the ride
        text = meeting_texts.to_host_needs_driver(t, match, site, _minutes(context))
        return text, round_keys.proposal(t, match.id)
    text = round_texts.to_host(t, match, site, _minutes(context))
    return f"{text}\n\n{meeting_texts.code_rule(t)}", meeting_keys.proposal(t, match.id)


async def _match_guest(context: BotContext, t: Translator, payload: n.MatchGuest) -> Rendered:
    match, site = await _match(context, payload.match)
    found = await meeting.card(context.store, match.id)
    if match.walk_in:
        text = round_texts.to_registering_dispatcher(t, match, site)
        if found is not None and found.meeting is not None:  # the time to write on the paper
            text += "\n" + meeting_texts.walk_in_time(t, found.meeting.meet_at, site)
        return text, None
    if found is not None and found.meeting is not None:  # time, who, where, code, the rule
        return meeting_keys.guest_view(t, found)
    return round_texts.to_guest(t, match, site), None


async def _moved_away(context: BotContext, t: Translator, payload: n.MovedAway) -> Rendered:
    match, _ = await _match(context, payload.match)
    return board_texts.to_host_moved_away(t, match.alias), None


async def _host_changed(context: BotContext, t: Translator, payload: n.HostChanged) -> Rendered:
    await _match(context, payload.match)
    return board_texts.to_guest_host_changed(t), None


async def _cancelled(context: BotContext, t: Translator, payload: n.Cancelled) -> Rendered:
    match, _ = await _match(context, payload.match)
    return round_texts.cancelled_by_guest(t, match.alias), None


async def _expired(context: BotContext, t: Translator, payload: n.Expired) -> Rendered:
    await _match(context, payload.match)
    return round_texts.expired(t, _minutes(context)), None


async def _stay(context: BotContext, t: Translator, payload: n.Stay) -> Rendered:
    match, site = await _match(context, payload.match)
    if payload.side is n.Side.HOST:
        text = round_texts.stay_host(t, match)
    else:
        text = round_texts.stay_guest(t, match, site)
    return text, round_keys.stop_stay(t, match.id)


async def _feedback(context: BotContext, t: Translator, payload: n.Feedback) -> Rendered:
    match, _ = await _match(context, payload.match)
    name = match.alias if payload.side is n.Side.HOST else match.host_name
    question = round_texts.feedback_question(t, name)
    return question, round_keys.feedback(t, match.id, payload.side)


RENDERERS: dict[NoticeKind, Renderer] = {
    NoticeKind.WAITING: _waiting,
    NoticeKind.VETTING: _vetting,
    NoticeKind.ROLE_GRANTED: _role_granted,
    NoticeKind.ROLE_REMOVED: _role_removed,
    NoticeKind.TAKEN_OUT: _taken_out,
    NoticeKind.GUEST_GONE: _guest_gone,
    NoticeKind.BLOCKED: _blocked,
    NoticeKind.UNBLOCKED: _unblocked,
    NoticeKind.MATCH_HOST: _match_host,
    NoticeKind.MATCH_GUEST: _match_guest,
    NoticeKind.MOVED_AWAY: _moved_away,
    NoticeKind.HOST_CHANGED: _host_changed,
    NoticeKind.CANCELLED: _cancelled,
    NoticeKind.EXPIRED: _expired,
    NoticeKind.STAY: _stay,
    NoticeKind.FEEDBACK: _feedback,
    **MEETING_RENDERERS,
    **DRIVER_RENDERERS,
    **RIDE_RENDERERS,
}
