"""/stats: the last 30 nights as a chart with key figures, and the daily figures as CSV.

Only dispatchers, and only for the sites they may dispatch. The figures come from
`daily_stats` (counts, no people); tonight's and last night's rows are refreshed first, so a
dispatcher never reads figures older than the last confirmation.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date

from telegram import Update

from bot.context import BotContext
from bot.sites import tonight
from dispatch.models import Site
from dispatch.permissions import sites_for
from dispatch.stats import (
    DailyFigures,
    busiest,
    by_site,
    csv_filename,
    fill,
    key_figures,
    nights_between,
    to_csv,
    window,
)
from handlers.replies import answer, show
from jobs.stats import refresh_recent
from views import common_texts, stats_texts
from views.charts import MAX_PANELS, Panel, chart_png
from views.stats_texts import StatsCsv


async def stats_command(update: Update, context: BotContext) -> None:
    """Send the chart of the last 30 nights, its key figures and the CSV button."""
    message, t = update.effective_message, context.t
    sites = await visible_sites(context)
    if message is None:
        return
    if not sites:
        await show(update, common_texts.not_allowed(t))
        return
    figures, first, last = await _figures(context, sites)
    names = {site.id: site.name for site in sites}
    busiest_ids = set(busiest(figures, MAX_PANELS))
    shown = [site.id for site in sites if site.id in busiest_ids]  # in the sites' own order
    nights = by_site(figures)
    chosen = [_panel(names[site_id], nights[site_id]) for site_id in shown]
    text = stats_texts.chart_text(t, nights_between(first, last), len(shown), len(sites))
    # Drawing takes about a second of CPU: off the event loop, so other updates go on.
    png = await asyncio.to_thread(chart_png, chosen, text)
    caption = stats_texts.caption(
        t, key_figures(figures, first, last), [names[s] for s in shown], len(sites)
    )
    await message.reply_photo(png, caption=caption, reply_markup=stats_texts.csv_keyboard(t))


async def csv_pressed(update: Update, context: BotContext, _: StatsCsv) -> None:
    """The CSV button: the same sites and nights as daily rows, re-checking who presses."""
    chat = update.effective_chat
    if chat is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    sites = await visible_sites(context)
    if not sites:
        await answer(update, common_texts.not_allowed(context.t), alert=True)
        return
    await answer(update)
    figures, first, last = await _figures(context, sites)
    rows = to_csv(figures, {site.id: site.name for site in sites})
    await context.bot.send_document(
        chat.id,
        # With a byte-order mark, spreadsheets read accented and Arabic site names right.
        rows.encode("utf-8-sig"),
        filename=csv_filename(first, last),
        caption=stats_texts.csv_caption(context.t, first, last),
    )


async def visible_sites(context: BotContext) -> list[Site]:
    """The sites this person may dispatch (none: not a dispatcher)."""
    sites = await context.store.sites.all()
    allowed = sites_for(context.account, context.config.admin_ids, [s.id for s in sites])
    return [site for site in sites if site.id in allowed]


async def _figures(
    context: BotContext, sites: Sequence[Site]
) -> tuple[list[DailyFigures], date, date]:
    """Every site's nights of the window ending tonight, zeros where nothing happened."""
    await refresh_recent(context, sites)
    first, last = window(max(tonight(site, context.now())[0] for site in sites))
    site_ids = [site.id for site in sites]
    stored = await context.store.stats.series(site_ids, first, last)
    return fill(stored, site_ids, first, last), first, last


def _panel(name: str, nights: Sequence[DailyFigures]) -> Panel:
    return Panel(
        title=name,
        beds_offered=[n.beds_offered for n in nights],
        people_asking=[n.people_asking for n in nights],
        people_housed=[n.people_housed for n in nights],
    )
