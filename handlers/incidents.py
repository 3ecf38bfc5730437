"""Reporting a problem (anyone, at any time) and the dispatchers' list of open incidents.

A report alerts the dispatchers at once with everything they need to act; a report about a
stay means that pair is never matched again (written with the report, in storage).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.i18n import Translator
from dispatch.forms import Choices
from dispatch.incident_forms import NO_STAY, REPORT, REPORT_WINDOW, may_report
from dispatch.models import Site
from dispatch.permissions import Permission, Scope, Where, allowed
from dispatch.readmodels import Incident, MatchView
from dispatch.text import clean_text
from handlers import forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.permits import actor_id, permitted
from handlers.replies import answer, show
from jobs import alerts
from views import incidents_keys, incidents_texts
from views.incidents_keys import IncidentDone, IncidentReport

PAGE = 10


async def report_command(update: Update, context: BotContext) -> None:
    """/report: tell the dispatchers about a problem, with or without a stay."""
    user = update.effective_user
    if user is None:
        return
    sent = await context.store.incidents.sent_since(user.id, context.now() - REPORT_WINDOW)
    if not may_report(sent):
        await show(update, incidents_texts.too_many_reports(context.t))
        return
    # The form's options are its stays, read once for this update (begin() reuses them).
    flow = context.flows.get(REPORT.name)
    assert flow is not None
    choices, _ = await flow.options(context)
    stays = choices.get("match", ())
    # One stay or none: nothing to ask; a host with several groups says which one.
    known = {} if len(stays) > 1 else {"match": stays[0] if stays else NO_STAY}
    await forms.begin(update, context, REPORT.name, known)


async def _stays(context: BotContext, user_id: int) -> list[MatchView]:
    since = context.now().date() - timedelta(days=1)  # tonight's stay, or last night's
    return await context.store.incidents.recent_stays(user_id, since)


async def _runtime(context: BotContext) -> tuple[Choices, Labels]:
    if context.account is None:
        return {}, {}
    user_id = context.account.user_id
    stays = await _stays(context, user_id)
    labels = {str(s.id): incidents_texts.stay_label(context.t, s, user_id) for s in stays}
    labels[NO_STAY] = incidents_texts.something_else(context.t)
    return {"match": tuple(str(s.id) for s in stays)}, labels


async def _complete_report(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    chosen = int(answers.get("match") or NO_STAY)
    incident = await context.store.incidents.open(
        user.id, str(answers["body"]), chosen or None, context.now()
    )
    if incident is None:  # reports sent meanwhile, from another device, used up the window
        await show(update, incidents_texts.too_many_reports(context.t))
        return
    about_stay = incident.match is not None
    await show(update, incidents_texts.report_thanks(context.t, about_stay=about_stay))
    site = _site_of(await context.store.sites.all(), incident)
    zone = site.zone if site else context.config.zone
    first_name = clean_text(user.first_name)
    await alerts.to_dispatchers(
        context,
        lambda t: incidents_texts.alert(t, incident, _name(t, site), zone, first_name),
    )


def _site_of(sites: list[Site], incident: Incident) -> Site | None:
    """The incident's site (None: it names none, and every site's dispatchers see it)."""
    return next((s for s in sites if s.id == incident.site_id), None)


def _name(t: Translator, site: Site | None) -> str:
    return site.name_in(t.locale) if site else ""


def _where(incident: Incident) -> Where:
    return incident.site_id if incident.site_id is not None else Scope.EVERY_SITE


async def incidents_command(update: Update, context: BotContext) -> None:
    """/incidents: the open reports of the sites this dispatcher works for, oldest first."""
    message = update.effective_message
    if message is None or not await permitted(
        update, context, Permission.DISPATCH, Scope.SOME_SITE
    ):
        return
    admins = context.config.admin_ids
    found = [
        incident
        for incident in await context.store.incidents.open_ones()
        if allowed(context.account, Permission.DISPATCH, admins, _where(incident))
    ]
    await show(update, incidents_texts.open_heading(context.t, len(found)))
    sites = await context.store.sites.all()
    for incident in found[:PAGE]:
        site = _site_of(sites, incident)
        zone = site.zone if site else context.config.zone
        await message.reply_text(
            incidents_texts.card(context.t, incident, _name(context.t, site), zone),
            reply_markup=incidents_keys.incident(context.t, incident),
        )


async def report_pressed(update: Update, context: BotContext, _: IncidentReport) -> None:
    """Report (anyone)."""
    await answer(update)
    await report_command(update, context)


async def done_pressed(update: Update, context: BotContext, pressed: IncidentDone) -> None:
    """Handled (dispatchers of the incident's site only); its block buttons go to
    blocking.on_incident_button."""
    incident = await context.store.incidents.get(pressed.incident_id)
    where = _where(incident) if incident else Scope.SOME_SITE
    if not await permitted(update, context, Permission.DISPATCH, where):
        return
    if incident is None:
        await answer(update, incidents_texts.incident_gone(context.t), alert=True)
    else:
        await _handled(update, context, incident)


async def _handled(update: Update, context: BotContext, incident: Incident) -> None:
    done = await context.store.incidents.handle(incident.id, await actor_id(context), context.now())
    if not done:
        await answer(update, incidents_texts.incident_gone(context.t), alert=True)
        return
    site = _site_of(await context.store.sites.all(), incident)
    zone = site.zone if site else context.config.zone
    text = incidents_texts.handled(context.t, incident, _name(context.t, site), zone)
    await show(update, text)


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(REPORT, _complete_report, runtime=_runtime))
