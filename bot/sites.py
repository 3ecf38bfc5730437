"""Sites as each person meets them: the site of their request, offer or shift, its night, its
cut-off, and its name in their language. There is no default site: with several sites, whoever
is tied to none is asked, or told what holds everywhere.

The runtime's look-ups, shared by the handlers, the jobs, the views and the live board (so it
lives in bot/, below none of them)."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from bot.context import BotContext
from bot.i18n import Translator
from dispatch.forms import Choices, Labels
from dispatch.models import GuestRequest, HostProfile, Offer, OfferStatus, RequestStatus, Site
from dispatch.nights import cutoff_instant, evening_for
from views import guest_texts


async def all_sites(context: BotContext) -> tuple[Choices, Labels]:
    sites = await context.store.sites.all()
    return {"sites": tuple(str(s.id) for s in sites)}, _labels(context, sites)


async def host_sites(context: BotContext) -> tuple[Choices, Labels]:
    """The sites the host registered for (all sites while they are still registering)."""
    sites = await context.store.sites.all()
    host = await context.store.hosts.by_user(context.account.user_id) if context.account else None
    mine = [s for s in sites if host is None or s.id in host.details.site_ids] or sites
    return {"sites": tuple(str(s.id) for s in mine)}, _labels(context, sites)


def _labels(context: BotContext, sites: list[Site]) -> Labels:
    return {str(s.id): s.name_in(context.t.locale) for s in sites}


async def site_names(context: BotContext) -> dict[int, str]:
    """Every site's name in the reader's language."""
    return {s.id: s.name_in(context.t.locale) for s in await context.store.sites.all()}


def tonight(site: Site, now: datetime) -> tuple[date, datetime]:
    """The evening a new offer or request is for at this site, and its cut-off instant."""
    night = evening_for(now, site.zone, site.evening_end)
    return night, cutoff_instant(night, site.cutoff, site.zone)


async def nights(context: BotContext) -> dict[int, tuple[Site, date]]:
    """Each site, and the night it is at now (sites in other zones may be a day apart)."""
    now = context.now()
    return {s.id: (s, tonight(s, now)[0]) for s in await context.store.sites.all()}


async def current_request(context: BotContext, user_id: int) -> GuestRequest | None:
    """The person's request for tonight at its own site (withdrawn ones count as none)."""
    by_site = await nights(context)
    if not by_site:
        return None
    earliest = min(night for _, night in by_site.values())
    for request in await context.store.requests.since(user_id, earliest):
        site_night = by_site.get(request.site_id)
        if site_night is not None and site_night[1] == request.night:
            return request if request.status is not RequestStatus.WITHDRAWN else None
    return None


async def current_offer(context: BotContext, host_id: int) -> Offer | None:
    """The host's active offer for tonight at its own site, if any."""
    by_site = await nights(context)
    if not by_site:
        return None
    earliest = min(night for _, night in by_site.values())
    for offer in await context.store.offers.since(host_id, earliest):
        site_night = by_site.get(offer.site_id)
        if site_night is not None and site_night[1] == offer.night:
            return offer if offer.status is OfferStatus.ACTIVE else None
    return None


async def host_site(context: BotContext, host: HostProfile) -> Site | None:
    """The site a host's evening follows: tonight's offer's, else the first they host for."""
    offer = await current_offer(context, host.id)
    sites = await context.store.sites.all()
    wanted = offer.site_id if offer else (host.details.site_ids or (None,))[0]
    found = [s for s in sites if s.id == wanted]
    return found[0] if found else (sites[0] if len(sites) == 1 else None)


async def person_site(context: BotContext, user_id: int) -> Site | None:
    """The site a person belongs to: their latest request's, their hosting site, or the only
    site there is; None when they are tied to none of several."""
    sites = await context.store.sites.all()
    latest = await context.store.requests.since(user_id, date.min)
    host = await context.store.hosts.by_user(user_id)
    if latest:
        wanted: int | None = latest[0].site_id
    elif host is not None:
        found = await host_site(context, host)
        wanted = found.id if found else None
    else:
        wanted = None
    chosen = [s for s in sites if s.id == wanted]
    if chosen:
        return chosen[0]
    return sites[0] if len(sites) == 1 else None


async def alternatives_for(context: BotContext, site: Site, t: Translator) -> str:
    """The site's own list of emergency alternatives, or the general advice."""
    own = await context.store.sites.text(site.id, t.locale, "alternatives")
    return escape(own) if own else guest_texts.generic_alternatives(t)
