"""Each site's directory of help nearby: guests read it (menu, /nearby, every "no bed
tonight"); the site's dispatchers and admins keep it (/directory), each change checked with
the site it belongs to."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.sites import person_site
from dispatch.forms import Field, Form, Kind
from dispatch.locales import SUPPORTED_LOCALES
from dispatch.meeting import HelpCategory
from dispatch.models import Site
from dispatch.permissions import Permission, Scope, sites_for
from handlers import forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.permits import permitted
from handlers.replies import answer, show
from views import common_texts, helpdesk_texts, meeting_keys
from views.meeting_keys import NearAdd, NearRemove, NearShow

HELP_PLACE = Form(
    "help_place",
    (
        Field("site", Kind.CHOICE, options=lambda _, runtime: runtime["sites"]),
        Field("category", Kind.CHOICE, options=tuple(kind.value for kind in HelpCategory)),
        *(Field(f"name_{locale}", Kind.TEXT, max_length=80) for locale in SUPPORTED_LOCALES),
        Field("hours", Kind.TEXT, max_length=60),
        Field("pin", Kind.COORDINATES),
    ),
    autofill_single=frozenset({"site"}),
)


async def directory_text(context: BotContext, site: Site, locale: str) -> str:
    """The directory in one language (the job's renderers use it too)."""
    t = context.bot_data.translators[locale]
    places = await context.store.helpdesk.places(site.id, locale, context.config.default_locale)
    return helpdesk_texts.directory(t, site.name_in(locale), places)


async def nearby_command(update: Update, context: BotContext) -> None:
    """/nearby: help near the meeting point, for anyone."""
    await _show_mine(update, context)


async def _show_mine(update: Update, context: BotContext) -> None:
    """The person's own site's directory; tied to none of several sites, every site's."""
    user = update.effective_user
    site = await person_site(context, user.id) if user else None
    for each in [site] if site else await context.store.sites.all():
        await _show(update, context, each)


async def _show(update: Update, context: BotContext, site: Site) -> None:
    text = await directory_text(context, site, context.t.locale)
    await show(update, text, meeting_keys.help_only(context.t, site.id))


async def directory_command(update: Update, context: BotContext) -> None:
    """/directory: the site's dispatchers see the directory, add and remove places."""
    sites = await _my_sites(context)
    if not sites:
        await permitted(update, context, Permission.DISPATCH, -1)
        return
    for site in sites:
        await _show_admin(update, context, site)


async def _show_admin(update: Update, context: BotContext, site: Site) -> None:
    t = context.t
    places = await context.store.helpdesk.places(site.id, t.locale, context.config.default_locale)
    await show(
        update,
        helpdesk_texts.admin_directory(t, site.name_in(t.locale), places),
        meeting_keys.admin_directory(t, site.id, places),
    )


async def show_pressed(update: Update, context: BotContext, pressed: NearShow) -> None:
    """The directory of help nearby, for anyone."""
    site = await context.store.sites.get(pressed.site_id) if pressed.site_id is not None else None
    if site is None:
        await _show_mine(update, context)
    else:
        await _show(update, context, site)


async def add_pressed(update: Update, context: BotContext, pressed: NearAdd) -> None:
    """A site's dispatchers only."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    if await permitted(update, context, Permission.DISPATCH, pressed.site_id):
        await forms.begin(update, context, HELP_PLACE.name, {"site": f"s{pressed.site_id}"})


async def remove_pressed(update: Update, context: BotContext, pressed: NearRemove) -> None:
    if await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        await _remove(update, context, pressed.place_id)


async def _remove(update: Update, context: BotContext, place_id: int) -> None:
    site_id = await context.store.helpdesk.site_of(place_id)
    if site_id is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    if not await permitted(update, context, Permission.DISPATCH, site_id):
        return
    await context.store.helpdesk.remove(place_id)
    await context.store.audit.record(
        context.now(),
        context.account.user_id if context.account else None,
        "helpdesk.remove",
        f"site:{site_id}",
        {"place": place_id},
    )
    site = await context.store.sites.get(site_id)
    if site is not None:
        await answer(update, helpdesk_texts.removed(context.t))
        await _show_admin(update, context, site)


async def _complete(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    site = await context.store.sites.get(int(str(answers["site"]).removeprefix("s")))
    # The role may have changed while the form was open: checked again, with the site.
    if site is None or not await permitted(update, context, Permission.DISPATCH, site.id):
        return
    names = {locale: str(answers[f"name_{locale}"]) for locale in SUPPORTED_LOCALES}
    latitude, longitude = answers["pin"]
    place_id = await context.store.helpdesk.add(
        site.id,
        HelpCategory(answers["category"]),
        names,
        str(answers["hours"]),
        (float(latitude), float(longitude)),
        user.id,
        context.now(),
    )
    await context.store.audit.record(
        context.now(), user.id, "helpdesk.add", f"site:{site.id}", {"place": place_id}
    )
    await show(update, helpdesk_texts.added(context.t))
    await _show_admin(update, context, site)


async def _my_sites(context: BotContext) -> list[Site]:
    sites = await context.store.sites.all()
    mine = set(sites_for(context.account, context.config.admin_ids, [s.id for s in sites]))
    return [s for s in sites if s.id in mine]


async def _runtime(context: BotContext) -> tuple[dict[str, tuple[str, ...]], Labels]:
    sites = await _my_sites(context)
    return {"sites": tuple(f"s{s.id}" for s in sites)}, {f"s{s.id}": s.name for s in sites}


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(HELP_PLACE, _complete, runtime=_runtime))
