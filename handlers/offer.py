"""Tonight's offer of beds, its withdrawal, and the weekly pattern that repeats it."""

from __future__ import annotations

from datetime import time
from typing import Any

from babel.dates import get_day_names
from telegram import Update

from bot.context import BotContext
from bot.sites import host_sites, tonight
from dispatch.host_forms import OFFER, WEEKLY_PATTERN
from dispatch.hosting import may_offer
from dispatch.models import HostProfile, HostStatus, WeeklyPattern
from handlers import forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.homes import offer_locked, open_hosting, tonight_offer
from handlers.replies import show
from jobs.delivery import deliver_outbox
from usecases import offers
from usecases.offers import OfferTerms
from views import host_keys, host_texts, summaries
from views.host_keys import RemindYes


async def offer_command(update: Update, context: BotContext) -> None:
    """/offer: tonight's offer in a few taps."""
    await offer(update, context)


async def offer(update: Update, context: BotContext, _: object = None) -> None:
    """Start tonight's offer, or say why it cannot be made now."""
    host = await _active_host(update, context)
    if host is None:
        return
    _night, closes_at, current = await tonight_offer(context, host.id)
    if current and context.now() >= closes_at:
        await show(update, host_texts.offer_locked(context.t), host_keys.locked(context.t))
        return
    await forms.begin(update, context, OFFER.name)


async def withdraw(update: Update, context: BotContext, _: object = None) -> None:
    """Ask before withdrawing: a mistaken tap would cost someone a bed."""
    if await offer_locked(context):
        await show(update, host_texts.offer_locked(context.t), host_keys.locked(context.t))
        return
    await show(
        update,
        host_texts.confirm_withdrawal(context.t),
        host_keys.confirm_withdraw(context.t),
    )


async def withdraw_confirmed(update: Update, context: BotContext, _: object = None) -> None:
    host = await _active_host(update, context)
    if host is None:
        return
    night, closes_at, current = await tonight_offer(context, host.id)
    if current is None:
        await show(
            update,
            host_texts.no_offer_tonight(context.t, night),
            host_keys.back_home(context.t),
        )
    elif context.now() >= closes_at:
        await show(update, host_texts.offer_locked(context.t), host_keys.locked(context.t))
    else:
        await context.store.offers.withdraw(current.id, context.now())
        await show(update, host_texts.offer_withdrawn(context.t), host_keys.back_home(context.t))


async def start_pattern(update: Update, context: BotContext, _: object = None) -> None:
    host = await _active_host(update, context)
    if host is None:
        return
    current = (await tonight_offer(context, host.id))[2]
    known: dict[str, Any] = {}
    if current:
        known = {
            "beds": current.beds,
            "site": str(current.site_id),
            "latest_pickup": current.latest_pickup.strftime("%H:%M"),
        }
    await forms.begin(update, context, WEEKLY_PATTERN.name, known)


async def stop_pattern(update: Update, context: BotContext, _: object = None) -> None:
    host = await _active_host(update, context)
    if host is not None:
        await context.store.patterns.delete(host.id)
        await show(update, host_texts.pattern_stopped(context.t), host_keys.back_home(context.t))


async def reminder_answered(update: Update, context: BotContext, pressed: RemindYes) -> None:
    """'Yes' creates tonight's offer from the pattern, if tonight is still open."""
    host = await _active_host(update, context)
    pattern = await context.store.patterns.get(host.id) if host else None
    if host is None or pattern is None:
        return
    site = await context.store.sites.get(pattern.site_id)
    night, closes_at = tonight(site, context.now()) if site else (None, context.now())
    if site is None or night is None or pressed.night != night or context.now() >= closes_at:
        await show(update, host_texts.offer_locked(context.t), host_keys.locked(context.t))
        return
    terms = OfferTerms(pattern.beds, pattern.latest_pickup, pattern.nights)
    await save_offer(update, context, host, site.id, terms)


async def reminder_declined(update: Update, context: BotContext, _: object = None) -> None:
    await show(update, host_texts.pattern_declined(context.t))


async def _active_host(update: Update, context: BotContext) -> HostProfile | None:
    """A vetted host who is not paused tonight; anyone else is shown where they stand."""
    host = await context.store.hosts.by_user(context.account.user_id) if context.account else None
    if host is None or host.status is not HostStatus.VETTED:
        await open_hosting(update, context)
        return None
    night, _, _ = await tonight_offer(context, host.id)
    if not may_offer(host, night) and host.paused_until:
        await show(
            update,
            host_texts.paused_offer_refused(context.t, host.paused_until),
            host_keys.home(context.t, has_offer=False, paused=True, has_pattern=False),
        )
        return None
    return host


async def save_offer(
    update: Update, context: BotContext, host: HostProfile, site_id: int, terms: OfferTerms
) -> None:
    """Save tonight's offer at this site and say what happens next."""
    site = await context.store.sites.get(site_id)
    if site is None:  # removed while the form was open: ask again
        await forms.begin(update, context, OFFER.name)
        return
    night, closes_at = tonight(site, context.now())
    saved = await offers.save_offer(
        context.services, host.id, host.user_id, site.id, night, closes_at, terms, context.now()
    )
    await show(
        update,
        host_texts.offer_result(context.t, saved.late, site.cutoff),
        host_keys.back_home(context.t),
    )
    if saved.outcome is not None:
        await deliver_outbox(context)


async def _complete_offer(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    host = await context.store.hosts.by_user(context.account.user_id) if context.account else None
    if host is None:
        return
    # Saved before the draft goes: a restart between the two finds the draft and saves the
    # same offer again (one per host and night), where the other order would lose it.
    terms = OfferTerms(
        beds=int(answers["beds"]),
        latest_pickup=time.fromisoformat(answers["latest_pickup"]),
        nights=int(answers["nights"]),
        note=answers.get("note") or None,
    )
    await save_offer(update, context, host, int(answers["site"]), terms)
    await context.store.drafts.delete(host.user_id)


async def _complete_pattern(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    host = await context.store.hosts.by_user(context.account.user_id) if context.account else None
    if host is None:
        return
    pattern = WeeklyPattern(
        host_id=host.id,
        site_id=int(answers["site"]),
        weekdays=frozenset(int(d) for d in answers["weekdays"]),
        reminder=time.fromisoformat(answers["reminder"]),
        beds=int(answers["beds"]),
        latest_pickup=time.fromisoformat(answers["latest_pickup"]),
    )
    await context.store.patterns.save(pattern, context.now())
    await context.store.drafts.delete(host.user_id)
    days = weekday_list(context, pattern.weekdays)
    await show(
        update,
        host_texts.pattern_saved(context.t, days, pattern.reminder),
        host_keys.back_home(context.t),
    )


def weekday_list(context: BotContext, weekdays: frozenset[int]) -> str:
    names = get_day_names("wide", locale=context.t.babel_locale)
    return context.t.gettext(", ").join(str(names[d - 1]) for d in sorted(weekdays))


def _offer_summary(context: BotContext, answers: dict[str, Any], labels: Labels) -> str:
    return summaries.offer(
        context.t,
        beds=int(answers["beds"]),
        site=labels.get(str(answers["site"]), ""),
        latest_pickup=time.fromisoformat(answers["latest_pickup"]),
        nights=int(answers["nights"]),
        note=answers.get("note") or None,
    )


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(OFFER, _complete_offer, runtime=host_sites, summary=_offer_summary))
    registry.add(Flow(WEEKLY_PATTERN, _complete_pattern, runtime=host_sites))
