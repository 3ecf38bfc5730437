"""Renderers of the meeting's notices (merged into views/notices.RENDERERS)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.context import BotContext
from bot.i18n import Translator
from bot.sites import alternatives_for
from dispatch import notices as n
from dispatch.drivers import RideStatus
from dispatch.models import MatchStatus, RequestStatus
from dispatch.notices import NoticeKind
from usecases import meeting
from usecases.meeting import Card
from views import helpdesk_texts, meeting_keys, meeting_texts

Rendered = tuple[str, InlineKeyboardMarkup | None]


async def _card(context: BotContext, match_id: int) -> Card:
    found = await meeting.card(context.store, match_id)
    if found is None or found.meeting is None:
        raise LookupError("meeting")
    return found


async def _meeting(context: BotContext, t: Translator, payload: n.MeetingCard) -> Rendered:
    found = await _card(context, payload.match)
    if payload.side is n.Side.HOST:
        return meeting_keys.host_view(t, found)
    return meeting_keys.guest_view(t, found)


async def _here(context: BotContext, t: Translator, payload: n.Here) -> Rendered | None:
    found = await _card(context, payload.match)
    if found.match.status is not MatchStatus.CONFIRMED:
        return None  # picked up meanwhile
    if payload.arrived is n.Side.HOST:
        return meeting_texts.here_to_guest(t, found.match, found.driver_name), None
    if found.collects or found.driver_name:
        return meeting_texts.here_to_comer(t, found.match, found.site), None
    return meeting_texts.here_to_dispatchers(t, found.match, found.site), None


async def _late(context: BotContext, t: Translator, payload: n.Late) -> Rendered | None:
    found = await _card(context, payload.match)
    assert found.meeting is not None
    if found.match.status is not MatchStatus.CONFIRMED:
        return None
    when = meeting_texts.local_time(t, found.meeting.meet_at, found.site)
    if payload.side is n.Side.HOST:
        return meeting_texts.late_to_host(t, found.match, when), meeting_keys.host(
            t, found.match.id, found.collects
        )
    if payload.side is n.Side.DRIVER:
        ride = await context.store.rides.by_match(payload.match)
        if ride is None or ride.status is not RideStatus.CONFIRMED:
            return None  # picked up, handed back or moved meanwhile
        markup = meeting_keys.driver_card(t, ride.id, found.match.id)
        return meeting_texts.late_to_driver(t, found.match, when), markup
    markup = meeting_keys.guest(t, found.match.id, found.site.id)
    return meeting_texts.late_to_guest(t, when), markup


async def _late_alert(context: BotContext, t: Translator, payload: n.LateAlert) -> Rendered:
    found = await _card(context, payload.match)
    assert found.meeting is not None
    text = meeting_texts.late_alert(t, found.match, found.site, found.meeting, found.driver_name)
    return text, None


async def _ride(context: BotContext, t: Translator, payload: n.RideNeeded) -> Rendered:
    found = await _card(context, payload.match)
    assert found.meeting is not None
    return meeting_texts.ride_needed(t, found.match, found.site, found.meeting), None


async def _picked_up(context: BotContext, t: Translator, payload: n.PickedUp) -> Rendered:
    found = await _card(context, payload.match)
    return meeting_texts.picked_up_to_guest(t, found.match, found.driver_name), None


async def _no_bed(context: BotContext, t: Translator, payload: n.NoBed) -> Rendered | None:
    request = await context.store.requests.by_id(payload.request)
    if request is None or request.status is not RequestStatus.WAITING:
        return None  # housed or withdrawn at the last minute
    site = await context.store.sites.get(request.site_id)
    if site is None:
        raise LookupError("site")
    places = await context.store.helpdesk.places(site.id, t.locale, context.config.default_locale)
    directory = helpdesk_texts.directory(t, site.name_in(t.locale), places)
    text = meeting_texts.no_bed(t, site, await alternatives_for(context, site, t), directory)
    return text, None


RENDERERS: dict[NoticeKind, Callable[[BotContext, Translator, Any], Awaitable[Rendered | None]]]
RENDERERS = {
    NoticeKind.MEETING: _meeting,
    NoticeKind.HERE: _here,
    NoticeKind.LATE: _late,
    NoticeKind.LATE_ALERT: _late_alert,
    NoticeKind.RIDE_NEEDED: _ride,
    NoticeKind.PICKED_UP: _picked_up,
    NoticeKind.NO_BED: _no_bed,
}
