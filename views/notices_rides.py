"""Renderers of the rides' notices (merged into views/notices.RENDERERS).

Each reads the ride when the notice is sent: an offer the driver can no longer answer (moved,
declined, silent) is not sent, and the host's address is read for the driver's card only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.context import BotContext
from bot.i18n import Translator
from dispatch import notices as n
from dispatch.drivers import RideStatus
from dispatch.models import Site
from dispatch.notices import NoticeKind
from dispatch.rides import AlertReason, RideView
from views import meeting_keys, rides_keys, rides_texts

Rendered = tuple[str, InlineKeyboardMarkup | None]


async def _ride(context: BotContext, match_id: int) -> tuple[RideView, Site]:
    view = await context.store.rides.by_match(match_id)
    if view is None:
        raise LookupError("ride")
    site = await context.store.sites.get(view.match.site_id)
    if site is None:
        raise LookupError("site")
    return view, site


async def _offer(context: BotContext, t: Translator, payload: n.RideOffer) -> Rendered | None:
    view, site = await _ride(context, payload.match)
    if view.status is not RideStatus.ASSIGNED or view.ride.shift_id != payload.shift:
        return None  # answered, moved or handed on meanwhile
    if view.match.status not in ("proposed", "confirmed", "picked_up"):
        return None  # the stay ended: the tick cancels the ride
    return rides_texts.offer(t, view, site), rides_keys.offer(t, view.id)


async def _card(context: BotContext, t: Translator, payload: n.RideCard) -> Rendered | None:
    view, site = await _ride(context, payload.match)
    live = (RideStatus.CONFIRMED, RideStatus.PICKED_UP)
    if view.status not in live or view.ride.shift_id != payload.shift:
        return None  # no longer this driver's: the address stays with the ride
    return driver_view(t, view, site)


def driver_view(t: Translator, view: RideView, site: Site) -> Rendered:
    """The driver's ride as /status and the notices show it."""
    if view.status is RideStatus.ASSIGNED:
        return rides_texts.offer(t, view, site), rides_keys.offer(t, view.id)
    text = rides_texts.card(t, view, site)
    if view.status is RideStatus.PICKED_UP:
        return f"{text}\n\n{rides_texts.picked_up(t, view)}", None
    return text, meeting_keys.driver_card(t, view.id, view.match.id)


async def _withdrawn(context: BotContext, t: Translator, payload: n.RideWithdrawn) -> Rendered:
    view, _ = await _ride(context, payload.match)
    if view.status is RideStatus.CANCELLED:
        return rides_texts.cancelled(t, view), None
    return rides_texts.withdrawn(t, view), None


async def _alert(context: BotContext, t: Translator, payload: n.RideAlert) -> Rendered | None:
    view, site = await _ride(context, payload.match)
    if payload.reason is AlertReason.HANDED_BACK:
        return rides_texts.handed_back_alert(t, view, site), None
    if view.status is not RideStatus.UNASSIGNED:
        return None  # a driver or the host took it meanwhile
    if payload.reason is AlertReason.HOST_CANNOT_COME:
        return rides_texts.host_cannot_come_alert(t, view, site), None
    return rides_texts.no_driver_alert(t, view, site), None


async def _come(context: BotContext, t: Translator, payload: n.ComeAfterAll) -> Rendered | None:
    view, site = await _ride(context, payload.match)
    if view.status is not RideStatus.UNASSIGNED:
        return None
    return rides_texts.come_after_all(t, view, site), rides_keys.come(t, view.match.id)


async def _on_the_way(context: BotContext, t: Translator, payload: n.OnTheWay) -> Rendered:
    view, _ = await _ride(context, payload.match)
    if view.status is RideStatus.ARRIVED:
        return rides_texts.on_the_way(t, view), None
    return rides_texts.on_the_way(t, view), rides_keys.arrived(t, view.match.id)


RENDERERS: dict[NoticeKind, Callable[[BotContext, Translator, Any], Awaitable[Rendered | None]]]
RENDERERS = {
    NoticeKind.RIDE_OFFER: _offer,
    NoticeKind.RIDE_CARD: _card,
    NoticeKind.RIDE_WITHDRAWN: _withdrawn,
    NoticeKind.RIDE_ALERT: _alert,
    NoticeKind.COME_AFTER_ALL: _come,
    NoticeKind.ON_THE_WAY: _on_the_way,
}
