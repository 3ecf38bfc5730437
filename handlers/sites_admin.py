"""Admins add sites and change them from Telegram: /sites, a page per site, and its forms.

Every button checks again that an admin pressed it, and so does every form when it completes
(an admin may lose the role half-way). Every change goes to the audit log: which setting or
which text changed, never the text itself.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from dispatch.forms import Choices, Kind, read_position
from dispatch.inputs import InvalidInput, Problem
from dispatch.locales import NATIVE_NAMES
from dispatch.models import Site
from dispatch.permissions import is_admin
from dispatch.site_forms import (
    EDIT_PREFIX,
    EDITABLE,
    NEW_SITE,
    SITE_TEXT,
    TAKEN,
    answers_from_site,
    check,
    edit_form,
    edit_start,
    edited,
    site_from_answers,
    taken,
)
from handlers import forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.replies import answer, show
from views import common_texts, sites_keys, sites_texts
from views.sites_keys import SiteAdd, SiteEdit, SiteList, SiteOpen, SiteText


def _allowed(context: BotContext) -> bool:
    account = context.account
    return account is not None and is_admin(account, context.config.admin_ids)


async def sites_command(update: Update, context: BotContext) -> None:
    """/sites: every site with a button, and one to add a site (admins only)."""
    if not _allowed(context):
        await show(update, sites_texts.admins_only(context.t))
        return
    await _list(update, context)


async def _admin(update: Update, context: BotContext) -> bool:
    """Every site button; a forged one from anyone else is refused like the command."""
    if _allowed(context):
        return True
    await answer(update, sites_texts.admins_only(context.t), alert=True)
    return False


async def on_location(update: Update, context: BotContext) -> None:
    """A shared location (or venue) answers a coordinates question; elsewhere, the usual reply."""
    user, message = update.effective_user, update.effective_message
    draft = await context.store.drafts.get(user.id) if user else None
    flow = context.flows.get(draft.form) if draft else None
    field = flow.form.next_field(draft.answers) if flow and draft else None
    location = message.location if message else None
    if (
        location is None
        or draft is None
        or flow is None
        or field is None
        or field.kind is not Kind.COORDINATES
    ):
        if message is not None:
            await message.reply_text(common_texts.not_text(context.t))
        return
    answers = dict(draft.answers)
    try:
        answers[field.name] = read_position(location.latitude, location.longitude)
    except InvalidInput as invalid:
        await forms.ask(update, context, flow, answers, invalid.problem)
        return
    # The engine's own path after an answer: its checks, saving the draft, the next question.
    await forms.after_answer(update, context, flow, field, answers)


async def list_pressed(update: Update, context: BotContext, _: SiteList) -> None:
    if await _admin(update, context):
        await _list(update, context)


async def _list(update: Update, context: BotContext) -> None:
    sites = await context.store.sites.all()
    await show(
        update,
        sites_texts.site_list(context.t, len(sites)),
        sites_keys.site_list(context.t, sites),
    )


async def open_pressed(update: Update, context: BotContext, pressed: SiteOpen) -> None:
    if not await _admin(update, context):
        return
    site = await context.store.sites.get(pressed.site_id)
    if site is None:
        await _gone(update, context)
        return
    await show_site(update, context, site)


async def show_site(update: Update, context: BotContext, site: Site, intro: str = "") -> None:
    """A site's page: its settings, which texts are written, and a button for each."""
    written = await context.store.sites.written_texts(site.id)
    page = sites_texts.site_page(context.t, site, written)
    text = f"{intro}\n\n{page}" if intro else page
    await show(update, text, sites_keys.site_page(context.t, site.id))


async def add_pressed(update: Update, context: BotContext, _: SiteAdd) -> None:
    if not await _admin(update, context):
        return
    names = await _other_names(context, None)
    await forms.begin(update, context, NEW_SITE.name, {TAKEN: taken(names)})


async def edit_pressed(update: Update, context: BotContext, pressed: SiteEdit) -> None:
    if not await _admin(update, context):
        return
    site = await context.store.sites.get(pressed.site_id)
    if site is None or pressed.setting not in EDITABLE:
        await _gone(update, context)
        return
    start = edit_start(site, pressed.setting, await _other_names(context, site.id))
    await forms.begin(update, context, f"{EDIT_PREFIX}{pressed.setting}", start)


async def text_pressed(update: Update, context: BotContext, pressed: SiteText) -> None:
    if not await _admin(update, context):
        return
    site = await context.store.sites.get(pressed.site_id)
    if site is None:
        await _gone(update, context)
        return
    await forms.begin(update, context, SITE_TEXT.name, {"site_id": site.id})


async def _other_names(context: BotContext, site_id: int | None) -> list[str]:
    return [site.name for site in await context.store.sites.all() if site.id != site_id]


async def _gone(update: Update, context: BotContext) -> None:
    """A site page or form of a site that no longer exists: back to the list."""
    await answer(update, sites_texts.no_such_site(context.t), alert=True)
    await _list(update, context)


async def _admin_finishing(update: Update, context: BotContext) -> int | None:
    """The admin completing a form (None, with the form dropped, if no longer an admin)."""
    user = update.effective_user
    if user is None:
        return None
    if not _allowed(context):
        await context.store.drafts.delete(user.id)
        await show(update, sites_texts.admins_only(context.t))
        return None
    return user.id


async def _site_finishing(
    update: Update, context: BotContext, answers: dict[str, Any]
) -> tuple[int, Site] | None:
    """The admin and the site a form was about; None when either is gone meanwhile."""
    actor = await _admin_finishing(update, context)
    if actor is None:
        return None
    site = await context.store.sites.get(int(answers["site_id"]))
    if site is None:
        await context.store.drafts.delete(actor)
        await _gone(update, context)
        return None
    return actor, site


async def _recheck(
    context: BotContext, name: str, answers: dict[str, Any], site_id: int | None
) -> Problem | None:
    """The form's rule once more, against the sites as stored now: another admin may have
    taken the name, or changed the other end of the evening, since the question was asked."""
    return check(name, {**answers, TAKEN: taken(await _other_names(context, site_id))})


async def _ask_again(
    update: Update, context: BotContext, form: str, answers: dict[str, Any], problem: Problem
) -> None:
    """A rule another admin broke meanwhile (the same name, a changed cut-off): ask again."""
    flow, user = context.flows.get(form), update.effective_user
    if flow is None or user is None:
        return
    await context.store.drafts.save(user.id, form, answers, context.now())
    await forms.ask(update, context, flow, answers, problem)


async def _complete_new(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    actor = await _admin_finishing(update, context)
    if actor is None:
        return
    unique = await _recheck(context, "site_name", answers, None) is None
    new = site_from_answers(answers)
    site = await context.store.sites.add(new, context.now()) if unique else None
    if site is None:
        retry = {k: v for k, v in answers.items() if k != "site_name"}
        retry[TAKEN] = taken(await _other_names(context, None))
        await _ask_again(update, context, NEW_SITE.name, retry, Problem.NOT_AN_OPTION)
        return
    await context.store.drafts.delete(actor)
    await context.store.audit.record(context.now(), actor, "site.add", f"site:{site.id}")
    await show_site(update, context, site, sites_texts.site_added(context.t, site.name))


async def _complete_edit(
    update: Update, context: BotContext, name: str, answers: dict[str, Any]
) -> None:
    finishing = await _site_finishing(update, context, answers)
    if finishing is None:
        return
    actor, site = finishing
    changed = edited(site, name, answers)
    problem = await _recheck(context, name, answers_from_site(changed), site.id)
    if problem is None and not await context.store.sites.update(changed):
        problem = Problem.NOT_AN_OPTION
    if problem is not None:
        start = edit_start(site, name, await _other_names(context, site.id))
        await _ask_again(update, context, f"{EDIT_PREFIX}{name}", start, problem)
        return
    await context.store.drafts.delete(actor)
    await context.store.audit.record(
        context.now(), actor, "site.edit", f"site:{site.id}", {"setting": name}
    )
    await show_site(update, context, changed, sites_texts.site_saved(context.t))


async def _complete_text(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    finishing = await _site_finishing(update, context, answers)
    if finishing is None:
        return
    actor, site = finishing
    kind, locale, body = answers["text_kind"], answers["text_locale"], answers["text_body"]
    await context.store.sites.set_text(site.id, locale, kind, body)
    await context.store.drafts.delete(actor)
    await context.store.audit.record(
        context.now(), actor, "site.text", f"site:{site.id}", {"kind": kind, "locale": locale}
    )
    await show_site(update, context, site, sites_texts.text_saved(context.t, kind, locale, body))


def _summary(context: BotContext, answers: dict[str, Any], _: Labels) -> str:
    return sites_texts.settings(context.t, site_from_answers(answers))


async def _languages(_: BotContext) -> tuple[Choices, Labels]:
    """Each language named in its own script, as in the language picker."""
    return {}, NATIVE_NAMES


def _edit_flow(form: str) -> Flow | None:
    name = form.removeprefix(EDIT_PREFIX)
    if name not in EDITABLE:
        return None

    async def complete(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
        await _complete_edit(update, context, name, answers)

    return Flow(edit_form(name), complete, check=check)


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(NEW_SITE, _complete_new, summary=_summary, check=check))
    registry.add(Flow(SITE_TEXT, _complete_text, runtime=_languages, check=check))
    registry.add_factory(EDIT_PREFIX, _edit_flow)
