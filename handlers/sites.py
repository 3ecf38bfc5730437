"""Site look-ups shared by the hosts' and guests' handlers."""

from __future__ import annotations

from datetime import date, datetime
from html import escape

from bot import render_guest
from bot.context import BotContext
from bot.i18n import Translator
from dispatch.forms import Choices
from dispatch.models import Site
from dispatch.nights import cutoff_instant, evening_for
from handlers.flows import Labels


async def all_sites(context: BotContext) -> tuple[Choices, Labels]:
    sites = await context.store.sites.all()
    return {"sites": tuple(str(s.id) for s in sites)}, {str(s.id): s.name for s in sites}


async def host_sites(context: BotContext) -> tuple[Choices, Labels]:
    """The sites the host registered for (all sites while they are still registering)."""
    sites = await context.store.sites.all()
    host = await context.store.hosts.by_user(context.account.user_id) if context.account else None
    mine = [s for s in sites if host is None or s.id in host.details.site_ids] or sites
    return {"sites": tuple(str(s.id) for s in mine)}, {str(s.id): s.name for s in sites}


async def site_names(context: BotContext) -> dict[int, str]:
    return {s.id: s.name for s in await context.store.sites.all()}


async def default_site(context: BotContext) -> Site:
    sites = await context.store.sites.all()
    return sites[0]


def tonight(site: Site, now: datetime) -> tuple[date, datetime]:
    """The evening a new offer or request is for at this site, and its cut-off instant."""
    night = evening_for(now, site.zone, site.evening_end)
    return night, cutoff_instant(night, site.cutoff, site.zone)


async def alternatives_for(context: BotContext, site: Site, t: Translator) -> str:
    """The site's own list of emergency alternatives, or the general advice."""
    own = await context.store.sites.text(site.id, t.locale, "alternatives")
    return escape(own) if own else render_guest.generic_alternatives(t)
