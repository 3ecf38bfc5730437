"""The hosts' side: registration (charter first), home, profile edits, pause and resume."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.sites import all_sites, host_site, site_names
from dispatch.deeplinks import Intent
from dispatch.host_forms import EDITABLE, HOST_REGISTRATION, PAUSE, edit_form
from dispatch.hosting import (
    CHARTER_VERSION,
    answers_from_details,
    details_from_answers,
    pause_end,
)
from dispatch.models import HostProfile, HostStatus
from handlers import forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.homes import host_of, open_hosting, show_intent
from handlers.replies import answer, show
from jobs import alerts
from usecases.hosts import edit_profile
from views import host_keys, host_texts, summaries, trust_texts
from views.host_keys import HostEdit


async def register(update: Update, context: BotContext, _: object = None) -> None:
    host = await host_of(context)
    answers = answers_from_details(host.details) if host else {}
    await forms.begin(update, context, HOST_REGISTRATION.name, answers)


async def profile(update: Update, context: BotContext, _: object = None) -> None:
    host = await host_of(context)
    if host is None:
        await open_hosting(update, context)
        return
    text = (
        host_texts.profile_heading(context.t)
        + "\n\n"
        + summaries.host_profile(context.t, host.details, await site_names(context))
    )
    await show(update, text, host_keys.profile(context.t))


async def edit(update: Update, context: BotContext, pressed: HostEdit) -> None:
    """Each host button re-checks who pressed it against the stored profile."""
    host = await host_of(context)
    if host is None or pressed.field not in EDITABLE:
        await open_hosting(update, context)
        return
    field, current = pressed.field, answers_from_details(host.details)
    known = {} if field == "household" else {"household": current["household"]}
    if isinstance(current[field], list):
        known[f"_{field}"] = current[field]  # toggles start from what is saved
    await forms.begin(update, context, f"edit_{field}", known)


async def home(update: Update, context: BotContext, _: object = None) -> None:
    await open_hosting(update, context)


async def menu(update: Update, context: BotContext, _: object = None) -> None:
    await show_intent(update, context, None, first=Intent.HOST)


async def pause(update: Update, context: BotContext, _: object = None) -> None:
    if await _vetted(update, context):
        await forms.begin(update, context, PAUSE.name)


async def resume(update: Update, context: BotContext, _: object = None) -> None:
    host = await host_of(context)
    if host is None:
        return
    await context.store.hosts.pause_until(host.id, None, context.now())
    await show(update, host_texts.resumed(context.t), host_keys.back_home(context.t))


async def _vetted(update: Update, context: BotContext) -> HostProfile | None:
    host = await host_of(context)
    if host is None or host.status is not HostStatus.VETTED:
        await open_hosting(update, context)
        return None
    return host


async def _complete_registration(
    update: Update, context: BotContext, answers: dict[str, Any]
) -> None:
    """Save the profile (pending vetting), tell the host what happens next, alert admins."""
    user = update.effective_user
    assert user is not None
    details = details_from_answers(answers)
    before = await context.store.hosts.by_user(user.id)
    # Re-accepting a new charter goes over every answer: what a dispatcher vetted is checked
    # again if it changed, as in a profile edit (issue 15, finding 1).
    edit = await edit_profile(context.store, before.id, details, context.now()) if before else None
    host = await context.store.hosts.register(user.id, details, CHARTER_VERSION, context.now())
    await context.store.drafts.delete(user.id)
    await context.store.audit.record(context.now(), user.id, "host.register", f"host:{host.id}")
    if edit is not None and edit.back_to_vetting:
        await _back_to_vetting(update, context, host, edit.changed)
        return
    if before is not None and before.status is not HostStatus.PENDING:
        await open_hosting(update, context)  # an existing host re-accepting a new charter
        return
    await show(update, host_texts.registered(context.t, details.display_name))
    await alerts.to_dispatchers(
        context, lambda t: host_texts.new_host_alert(t, host.id, details.display_name)
    )


async def _complete_edit(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    """Save one answer; a change to whom they may be sent goes back to a dispatcher first."""
    user = update.effective_user
    host = await host_of(context)
    assert user is not None
    details = (
        details_from_answers({**answers_from_details(host.details), **answers}) if host else None
    )
    edit = (
        await edit_profile(context.store, host.id, details, context.now())
        if host and details
        else None
    )
    await context.store.drafts.delete(user.id)
    if host is not None and edit is not None and edit.back_to_vetting:
        await _back_to_vetting(update, context, host, edit.changed)
        return
    await query_notice(update, host_texts.profile_saved(context.t))
    await profile(update, context)


async def _back_to_vetting(
    update: Update, context: BotContext, host: HostProfile, changed: tuple[str, ...]
) -> None:
    """Tell the host their change waits for a dispatcher, and tell the dispatchers."""
    name = host.details.display_name
    await show(update, trust_texts.profile_back_to_vetting(context.t))
    await alerts.to_dispatchers(
        context, lambda t: trust_texts.revet_alert(t, host.id, name, changed)
    )


async def _complete_pause(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user, host = update.effective_user, await host_of(context)
    assert user is not None
    await context.store.drafts.delete(user.id)
    if host is None:
        return
    site = await host_site(context, host)
    today = context.now().astimezone(site.zone if site else context.config.zone).date()
    until = pause_end(today, int(answers["days"]))
    await context.store.hosts.pause_until(host.id, until, context.now())
    await show(update, host_texts.paused(context.t, until), host_keys.back_home(context.t))


async def query_notice(update: Update, text: str) -> None:
    """A short toast on the pressed button (harmless when the answer was typed)."""
    if update.callback_query:
        await answer(update, text)


def _summary(context: BotContext, answers: dict[str, Any], labels: Labels) -> str:
    details = details_from_answers(answers)
    return summaries.host_profile(context.t, details, {int(k): v for k, v in labels.items()})


def _edit_flow(name: str) -> Flow | None:
    field = name.removeprefix("edit_")
    if field not in EDITABLE:
        return None
    return Flow(edit_form(field), _complete_edit, runtime=all_sites)


def install_flows(registry: FlowRegistry) -> None:
    registry.add(
        Flow(HOST_REGISTRATION, _complete_registration, runtime=all_sites, summary=_summary)
    )
    registry.add(Flow(PAUSE, _complete_pause))
    registry.add_factory("edit_", _edit_flow)


async def profile_command(update: Update, context: BotContext) -> None:
    """/profile: a host's profile with a button per answer; others are shown where to start."""
    await profile(update, context)
