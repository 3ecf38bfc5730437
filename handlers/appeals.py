"""Urgent appeals, the dispatcher's and the hosts' side: compose (site, audience, an optional
note), preview the audience size and the message, send; a host answers with one tap, which
puts tonight's offer into the dispatch, or opts out, or sets quiet hours."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.callbacks import CallbackData
from bot.context import BotContext
from bot.sites import tonight
from dispatch.appeal_forms import APPEAL, APPEAL_SETTINGS, quiet_hours, within_days
from dispatch.appeals import AppealFilters, AppealStatus, Audience, NewAppeal
from dispatch.forms import Choices
from dispatch.models import HostProfile, HostStatus, Site
from dispatch.permissions import Permission, Scope, allowed
from handlers import forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.permits import actor_id, permitted
from handlers.replies import answer, show
from jobs.appeal_sender import wake
from jobs.delivery import deliver_outbox
from usecases.offers import OfferTerms, save_offer
from views import (
    appeal_driver_keys,
    appeal_driver_texts,
    appeal_message_texts,
    appeal_texts,
    host_keys,
    host_texts,
)
from views.appeal_keys import AppealBeds, AppealDrop, AppealOptOut, AppealSend, AppealWiden

PREVIEW = "appeal_preview"  # the draft that holds a composed appeal until it is sent


async def appeal_command(update: Update, context: BotContext) -> None:
    """/appeal: compose an urgent appeal to hosts."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    await forms.begin(update, context, APPEAL.name)


async def settings_command(update: Update, context: BotContext) -> None:
    """/appeals: a host chooses whether to receive appeals, and when not."""
    host = await _host(context)
    account = context.account
    driver = await context.store.appeals.drivers.settings_of(account.user_id) if account else None
    if host is None and driver is not None:  # a driver who does not host: appeals or not
        t = context.t
        await show(
            update, appeal_driver_texts.settings(t, driver[1]), appeal_driver_keys.settings(t)
        )
        return
    if host is None:
        await show(update, appeal_texts.hosts_only(context.t))
        return
    await forms.begin(update, context, APPEAL_SETTINGS.name)


async def beds_pressed(update: Update, context: BotContext, pressed: AppealBeds) -> None:
    """A recipient's one-tap answer (recipients only: a forged or forwarded button is not)."""
    if await _recipient(update, context, pressed.appeal_id) is None:
        return
    if 1 <= pressed.beds <= 10:
        await _take(update, context, pressed.appeal_id, pressed.beds)
    else:
        await answer(update, appeal_texts.not_yours(context.t), alert=True)


async def optout_pressed(update: Update, context: BotContext, pressed: AppealOptOut) -> None:
    host_id = await _recipient(update, context, pressed.appeal_id)
    if host_id is not None:
        await context.store.hosts.set_appeal_settings(host_id, False, None, None, context.now())
        await show(update, appeal_texts.opted_out(context.t))


async def _recipient(update: Update, context: BotContext, appeal_id: int) -> int | None:
    """The presser's host id if they are one of this appeal's recipients."""
    user = update.effective_user
    host_id = await context.store.appeals.recipient_host(appeal_id, user.id) if user else None
    if host_id is None:
        await answer(update, appeal_texts.not_yours(context.t), alert=True)
    return host_id


async def send_pressed(update: Update, context: BotContext, _: AppealSend) -> None:
    """Send, widen or drop a previewed appeal (dispatchers)."""
    if await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        await _send(update, context)


async def widen_pressed(update: Update, context: BotContext, _: AppealWiden) -> None:
    if await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        await _widen(update, context)


async def drop_pressed(update: Update, context: BotContext, _: AppealDrop) -> None:
    if await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        await _drop(update, context)


async def _sites(context: BotContext) -> tuple[Choices, Labels]:
    sites = [
        s
        for s in await context.store.sites.all()
        if allowed(context.account, Permission.DISPATCH, context.config.admin_ids, s.id)
    ]
    drivers = await context.store.appeals.drivers.any_vetted([s.id for s in sites])
    audiences = tuple(a.value for a in Audience) if drivers else (Audience.HOSTS.value,)
    choices = {"sites": tuple(str(s.id) for s in sites), "audiences": audiences}
    return choices, {str(s.id): s.name for s in sites}


def _filters(answers: dict[str, Any]) -> AppealFilters:
    return AppealFilters(
        site_id=int(answers["site"]),
        hosted_within_days=within_days(str(answers.get("within", "any"))),
        languages=frozenset(answers.get("languages") or ()),
        accepts=frozenset(answers.get("accepts") or ()),
        audience=Audience(answers.get("audience") or Audience.HOSTS.value),
    )


async def _compose(context: BotContext, answers: dict[str, Any]) -> tuple[Site, NewAppeal, int]:
    """The appeal with tonight's live figures, and the size of its audience right now."""
    filters = _filters(answers)
    site = await context.store.sites.get(filters.site_id)
    assert site is not None
    now = context.now()
    night, _ = tonight(site, now)
    waiting = await context.store.board.waiting(site.id, night)
    appeal = NewAppeal(
        site_id=site.id,
        night=night,
        created_by=await actor_id(context),
        people=sum(g.party.size for g in waiting),
        children=sum(g.party.children for g in waiting),
        free_text=str(answers.get("text") or ""),
        filters=filters,
        progress_chat=await actor_id(context),
    )
    audience = await context.store.appeals.audience(filters, night, now, site.zone)
    return site, appeal, len(audience)


async def _complete_compose(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    """Show the preview: how many hosts it reaches and what they will read."""
    user = update.effective_user
    assert user is not None
    if not await permitted(update, context, Permission.DISPATCH, int(answers["site"])):
        await context.store.drafts.delete(user.id)
        return
    await context.store.drafts.save(user.id, PREVIEW, answers, context.now())
    site, appeal, audience = await _compose(context, answers)
    if appeal.filters.to_drivers and appeal.people:
        await show(update, *await _driver_preview(context, site, appeal))
        return
    text = appeal_texts.preview(context.t, appeal, site.name, audience, context.now())
    buttons = (
        [[_button(appeal_texts.send_label(context.t, audience), AppealSend())]] if audience else []
    )
    if audience == 0:
        text, widen = await _why_nobody(context, site, appeal)
        buttons += [[_button(widen, AppealWiden())]] if widen else []
    buttons.append([_button(appeal_texts.drop_label(context.t), AppealDrop())])
    if appeal.people == 0:
        text = appeal_texts.nobody_waiting(context.t, site.name)
        buttons = [[_button(appeal_texts.drop_label(context.t), AppealDrop())]]
    await show(update, text, InlineKeyboardMarkup(buttons))


async def _why_nobody(context: BotContext, site: Site, appeal: NewAppeal) -> tuple[str, str]:
    """An appeal that would reach nobody says why, and offers every host when the chosen
    audience is what left it empty (the text, and the widen button's label or "")."""
    everyone = AppealFilters(site_id=site.id)
    widest = len(
        await context.store.appeals.audience(everyone, appeal.night, context.now(), site.zone)
    )
    t = context.t
    if widest and appeal.filters != everyone:
        return (
            appeal_texts.nobody_in_audience(t, appeal.filters, widest),
            appeal_texts.widen_label(t, widest),
        )
    return appeal_texts.nobody_reachable(t, site.name), ""


async def _widen(update: Update, context: BotContext) -> None:
    """Keep the site and the note; send to every host of the site instead."""
    user = update.effective_user
    draft = await context.store.drafts.get(user.id) if user else None
    if draft is None or draft.form != PREVIEW:
        await answer(update, appeal_texts.already_sent(context.t), alert=True)
        return
    kept = ("site", "text")
    widened = {key: value for key, value in draft.answers.items() if key in kept}
    await _complete_compose(update, context, widened)


async def _send(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None
    draft = await context.store.drafts.get(user.id)
    if draft is None or draft.form != PREVIEW:
        await answer(update, appeal_texts.already_sent(context.t), alert=True)
        return
    if not await permitted(update, context, Permission.DISPATCH, int(str(draft.answers["site"]))):
        return
    await context.store.drafts.delete(user.id)
    site, appeal, _ = await _compose(context, draft.answers)
    recipients = await context.store.appeals.audience(
        appeal.filters, appeal.night, context.now(), site.zone
    )
    appeal_id = await context.store.appeals.create(appeal, recipients, context.now())
    await context.store.audit.record(
        context.now(),
        appeal.created_by,
        "appeal.send",
        f"appeal:{appeal_id}",
        {"site": site.id, "recipients": len(recipients), "filters": appeal.filters.to_json()},
    )
    progress = await context.store.appeals.progress(appeal_id)
    if appeal.filters.to_drivers:
        await show(
            update, appeal_driver_texts.sent(context.t, *appeal_driver_texts.counts(recipients))
        )
    else:
        await show(update, appeal_texts.sent(context.t, len(recipients)))
    message = update.effective_message
    if isinstance(message, Message):
        shown = await message.reply_text(
            appeal_message_texts.progress_text(context.t, progress, context.now())
        )
        await context.store.appeals.set_progress_message(appeal_id, shown.message_id)
    wake(context.bot_data)


async def _drop(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    await show(update, appeal_texts.dropped(context.t))


async def _take(update: Update, context: BotContext, appeal_id: int, beds: int) -> None:
    """'I can take N tonight': tonight's offer at the appeal's site, straight into the dispatch."""
    stored = await context.store.appeals.get(appeal_id)
    host = await _host(context)
    site = await context.store.sites.get(stored.site_id) if stored else None
    if stored is None or site is None or host is None:
        await answer(update, appeal_texts.not_yours(context.t), alert=True)
        return
    if tonight(site, context.now())[0] != stored.night or stored.status is AppealStatus.CANCELLED:
        await show(update, appeal_texts.too_late(context.t))
        return
    if host.status is not HostStatus.VETTED or host.paused_on(stored.night):
        await show(update, appeal_texts.cannot_host_now(context.t))
        return
    await context.store.appeals.answer(appeal_id, host.user_id, beds, context.now())
    now = context.now()
    night, closes_at = tonight(site, now)
    terms = OfferTerms(beds, site.evening_end)
    saved = await save_offer(
        context.services, host.id, host.user_id, site.id, night, closes_at, terms, now
    )
    text = host_texts.offer_result(context.t, saved.late, site.cutoff)
    await show(update, text, host_keys.back_home(context.t))
    if saved.outcome is not None:
        await deliver_outbox(context)


async def _host(context: BotContext) -> HostProfile | None:
    account = context.account
    return await context.store.hosts.by_user(account.user_id) if account else None


async def _complete_settings(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    host = await _host(context)
    if host is None:
        return
    wanted = answers.get("appeals") == "yes"
    start, end = quiet_hours(answers.get("quiet"))
    await context.store.hosts.set_appeal_settings(host.id, wanted, start, end, context.now())
    await show(update, appeal_texts.settings_saved(context.t, wanted, start, end))


async def _driver_preview(
    context: BotContext, site: Site, appeal: NewAppeal
) -> tuple[str, InlineKeyboardMarkup]:
    """An appeal to drivers (and maybe hosts): how many of each it reaches, what they read."""
    now = context.now()
    recipients = await context.store.appeals.audience(appeal.filters, appeal.night, now, site.zone)
    hosts, drivers = appeal_driver_texts.counts(recipients)
    t, drop = context.t, [_button(appeal_texts.drop_label(context.t), AppealDrop())]
    if not recipients:
        return appeal_driver_texts.nobody(t, site.name), InlineKeyboardMarkup([drop])
    text = appeal_driver_texts.preview(t, appeal, site.name, hosts, drivers, now)
    send = [_button(appeal_driver_texts.send_label(t, len(recipients)), AppealSend())]
    return text, InlineKeyboardMarkup([send, drop])


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(APPEAL, _complete_compose, runtime=_sites))
    registry.add(Flow(APPEAL_SETTINGS, _complete_settings))
