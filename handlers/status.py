"""/status: where the person stands tonight, said in full, as a guest or as a host.

Nothing tonight depends on a message alone (one may have been lost to a crash): the stay's
meeting card (time, who, where, code), a proposal as it was sent, or "no bed tonight" with the
alternatives and help nearby, read again from the database.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.sites import alternatives_for, tonight
from dispatch.drivers import DriverStatus
from dispatch.models import MatchStatus, Site
from dispatch.notices import Side
from dispatch.readmodels import MatchView
from handlers import forms
from handlers.homes import open_hosting, status_text, tonight_request
from handlers.replies import show
from storage.host_stays import open_for_host
from usecases import drivers, meeting, rides
from views import (
    driver_texts,
    guest_keys,
    guest_texts,
    helpdesk_texts,
    meeting_keys,
    meeting_texts,
    notices_rides,
    rides_texts,
    round_keys,
    stays_texts,
)


async def status_command(update: Update, context: BotContext) -> None:
    """/status: a half-done form, tonight's stay, request or offer, or what comes next."""
    if await forms.show_unfinished(update, context) or await _show_cards(update, context):
        return
    if await _show_rides(update, context):
        return
    driving = await _show_shift(update, context)
    current = await tonight_request(context)
    unplaced = (
        await meeting.unplaced_tonight(context.store, context.account.user_id, context.now())
        if context.account and current is None
        else None
    )
    if current is not None:
        await show(
            update, await status_text(context, current), guest_keys.request_options(context.t)
        )
    elif unplaced is not None:
        await _show_no_bed(update, context, unplaced[1])
    elif context.account and await context.store.hosts.by_user(context.account.user_id):
        await open_hosting(update, context)
        await _open_stays(update, context, context.account.user_id)
    elif not driving:
        await show(update, guest_texts.nothing_tonight(context.t))


async def _show_cards(update: Update, context: BotContext) -> bool:
    """The guest's stay in full (time, who, where, code), also after the evening ended."""
    if context.account is None:
        return False
    cards = await meeting.cards_tonight(context.store, context.account.user_id, context.now())
    guest = [found for side, found in cards if side is Side.GUEST]
    for found in guest:
        await show(update, *meeting_keys.guest_view(context.t, found))
    return bool(guest)


async def _show_rides(update: Update, context: BotContext) -> bool:
    """A driver's rides tonight in full: the meeting, the code and the host's address."""
    if context.account is None:
        return False
    nights = meeting.tonight_nights(context.now())
    found = await rides.for_driver(context.store, context.account.user_id, nights)
    for view in found:
        site = await context.store.sites.get(view.match.site_id)
        if site is not None:
            await show(update, *notices_rides.driver_view(context.t, view, site))
    return bool(found)


async def _show_shift(update: Update, context: BotContext) -> bool:
    """A vetted driver without a ride: tonight's shift (site, hours, seats, trips taken and
    left), or that they have none."""
    driver = (
        await context.store.drivers.by_user(context.account.user_id) if context.account else None
    )
    if driver is None or driver.status is not DriverStatus.VETTED:
        return False
    t, now = context.t, context.now()
    sites = [s for s in await context.store.sites.all() if s.id in driver.details.site_ids]
    if not sites:
        return False
    nights = {s.id: tonight(s, now)[0] for s in sites}
    current = drivers.tonight_shift(
        await context.store.shifts.since(driver.id, min(nights.values())), nights
    )
    site = next((s for s in sites if current and s.id == current.site_id), None)
    if current is None or site is None:
        await show(update, driver_texts.no_shift(t, nights[sites[0].id]))
        return True
    cars = {car.id: car for car in await context.store.rides.cars(site.id, current.night)}
    left = cars[current.id].trips if current.id in cars else current.trips
    summary = driver_texts.shift(
        t, site.name_in(t.locale), current.starts, current.ends, current.seats, current.trips
    )
    text = driver_texts.shift_tonight(t, current.night, summary)
    await show(update, f"{text}\n{rides_texts.trips_line(t, current.trips - left, left)}")
    return True


async def _show_no_bed(update: Update, context: BotContext, site_id: int) -> None:
    """The evening ended without a bed: said again, with the alternatives and help nearby."""
    site = await context.store.sites.get(site_id)
    t = context.t
    if site is None:
        await show(update, guest_texts.nothing_tonight(t))
        return
    places = await context.store.helpdesk.places(site.id, t.locale, context.config.default_locale)
    directory = helpdesk_texts.directory(t, site.name_in(t.locale), places)
    text = meeting_texts.no_bed(t, site, await alternatives_for(context, site, t), directory)
    await show(update, text, guest_keys.ask(t))


async def _open_stays(update: Update, context: BotContext, user_id: int) -> None:
    """A host's proposals and confirmed stays, as their notices said them."""
    message = update.effective_message
    since = context.now().date() - timedelta(days=1)
    matches = await open_for_host(context.store.db, user_id, since)
    if message is None or not matches:
        return
    sites = {site.id: site for site in await context.store.sites.all()}
    stays = [(m, sites[m.site_id]) for m in matches if m.site_id in sites]
    minutes = int(context.state.confirmation_window.total_seconds() // 60)
    for match, site in stays:
        text, markup = await _stay_view(context, match, site, minutes)
        await message.reply_text(text, reply_markup=markup)


async def _stay_view(
    context: BotContext, match: MatchView, site: Site, minutes: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """A confirmed stay as its meeting card (code included); a proposal as it was sent, and
    honest to a host who needs a driver."""
    found = await meeting.card(context.store, match.id)
    if found is not None and found.meeting is not None and match.status is not MatchStatus.PROPOSED:
        return meeting_keys.host_view(context.t, found)
    if found is not None and not found.collects and match.status is MatchStatus.PROPOSED:
        text = meeting_texts.to_host_needs_driver(context.t, match, site, minutes)
        return text, round_keys.proposal(context.t, match.id)
    [(text, markup)] = stays_texts.open_stays(context.t, [(match, site)], minutes)
    return text, markup
