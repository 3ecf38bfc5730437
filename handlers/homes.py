"""Where each person lands: the role choice, a host's home, a guest's request for tonight.

Shared by the handlers that lead there (start, language, the menu, help, the host's and the
guest's buttons); it registers nothing itself.
"""

from __future__ import annotations

from datetime import date, datetime, time

from telegram import Update

from bot.context import BotContext
from bot.sites import (
    current_offer,
    current_request,
    host_site,
    person_site,
    site_names,
    tonight,
)
from dispatch.deeplinks import Intent
from dispatch.guest_forms import GUEST_REQUEST
from dispatch.host_forms import HOST_REGISTRATION, OFFER
from dispatch.hosting import answers_from_details, needs_charter
from dispatch.models import GuestRequest, HostProfile, HostStatus, Offer, RequestStatus
from dispatch.nights import cutoff_instant
from dispatch.permissions import is_dispatcher
from dispatch.privacy import CONSENT_VERSION
from handlers import forms
from handlers.replies import answer, show
from views import (
    common_keys,
    common_texts,
    drafts_texts,
    guest_keys,
    guest_texts,
    host_keys,
    host_texts,
    meeting_texts,
    round_texts,
    summaries,
)


def may_dispatch(context: BotContext) -> bool:
    return context.account is not None and is_dispatcher(context.account, context.config.admin_ids)


async def show_intent(
    update: Update,
    context: BotContext,
    intent: Intent | None,
    *,
    notice: str | None = None,
    first: Intent = Intent.GUEST,
) -> None:
    """Show the host or guest path, or the role choice when the intent is not known yet."""
    if notice and update.callback_query:
        await answer(update, notice)
    if intent is Intent.HOST:
        await open_hosting(update, context)
    elif intent is Intent.GUEST:
        await open_guest(update, context)
    else:
        t = context.t
        markup = common_keys.role_choice(t, dispatcher=may_dispatch(context), first=first)
        await show(update, common_texts.welcome(t), markup)


async def open_hosting(update: Update, context: BotContext) -> None:
    """Where a host lands: register, wait for vetting, or tonight's options."""
    host = await host_of(context)
    if await forms.resume(update, context, HOST_REGISTRATION.name):
        return
    if host is not None and needs_charter(host):
        # The charter changed: an existing host reads and accepts the new one, nothing else.
        await forms.begin(
            update, context, HOST_REGISTRATION.name, answers_from_details(host.details)
        )
        return
    if host is None:
        t = context.t
        await show(
            update,
            common_texts.host_intro(t) + "\n\n" + host_texts.register_invitation(t),
            host_keys.register(t),
        )
        return
    if host.status is HostStatus.PENDING:
        await show(update, host_texts.awaiting_vetting(context.t), host_keys.back_home(context.t))
        return
    if host.status is not HostStatus.VETTED:
        await show(update, host_texts.not_active(context.t))
        return
    await show_home(update, context, host)


async def show_home(update: Update, context: BotContext, host: HostProfile) -> None:
    t = context.t
    night, closes_at, live = await tonight_offer(context, host.id)
    names = await site_names(context)
    lines = [host_texts.home(t, host.details.display_name), ""]
    if host.paused_on(night) and host.paused_until:
        lines.append(host_texts.paused(t, host.paused_until))
    elif live:
        lines.append(
            host_texts.offer_tonight(
                t,
                night,
                summaries.offer(
                    t,
                    beds=live.beds,
                    site=names.get(live.site_id, ""),
                    latest_pickup=live.latest_pickup,
                    nights=live.nights,
                    note=live.note,
                ),
            )
        )
    else:
        lines.append(host_texts.no_offer_tonight(t, night))
    draft = await context.store.drafts.get(host.user_id)
    unfinished = draft is not None and draft.form == OFFER.name
    if unfinished:
        lines.append(drafts_texts.unfinished(t, OFFER.name))
    pattern = await context.store.patterns.get(host.id)
    await show(
        update,
        "\n".join(lines),
        host_keys.home(
            t,
            has_offer=live is not None,
            paused=host.paused_on(night),
            has_pattern=pattern is not None,
            locked=live is not None and context.now() >= closes_at,
            unfinished=unfinished,
        ),
    )


async def host_of(context: BotContext) -> HostProfile | None:
    if context.account is None:
        return None
    return await context.store.hosts.by_user(context.account.user_id)


async def open_guest(update: Update, context: BotContext) -> None:
    """Where a guest lands: their request for tonight, or an invitation to ask."""
    if await forms.resume(update, context, GUEST_REQUEST.name):
        return
    current = await tonight_request(context)
    if current is not None:
        await show(
            update, await status_text(context, current), guest_keys.request_options(context.t)
        )
        return
    user = update.effective_user
    consented = user is not None and (
        await context.store.requests.consent_version(user.id) == CONSENT_VERSION
    )
    cutoff = await _cutoff_for(context, user.id if user else None)
    await show(
        update,
        guest_texts.welcome(context.t, cutoff, context.config.retention_days, consented=consented),
        guest_keys.ask(context.t, consented=consented),
    )


async def _cutoff_for(context: BotContext, user_id: int | None) -> time:
    """The cut-off of the person's site; with several sites and none of theirs yet, the
    earliest one, so that nobody is told to wait longer than they must."""
    site = await person_site(context, user_id) if user_id is not None else None
    if site is not None:
        return site.cutoff
    sites = await context.store.sites.all()
    return min((s.cutoff for s in sites), default=time(19, 0))


async def offer_locked(context: BotContext) -> bool:
    """Tonight's cut-off at the host's site has passed: an offer stands until the dispatchers
    change it."""
    host = await host_of(context)
    if host is None:
        return False
    _night, closes_at, _live = await tonight_offer(context, host.id)
    return context.now() >= closes_at


async def tonight_request(context: BotContext) -> GuestRequest | None:
    if context.account is None:
        return None
    return await current_request(context, context.account.user_id)


async def status_text(context: BotContext, request: GuestRequest) -> str:
    t = context.t
    if request.status is RequestStatus.MATCHED and context.account is not None:
        match = await context.store.evening.live_for_guest(context.account.user_id, request.night)
        site = await context.store.sites.get(request.site_id)
        if match is not None and site is not None:
            return round_texts.guest_status(t, match, site)
        return guest_texts.status_matched(t, request.night)
    names = await site_names(context)
    group = summaries.group(t, request.party)
    text = guest_texts.status_waiting(t, request.night, names.get(request.site_id, ""), group)
    site = await context.store.sites.get(request.site_id)
    if site is not None and context.now() >= cutoff_instant(request.night, site.cutoff, site.zone):
        text += "\n\n" + meeting_texts.hear_by(t, site.evening_end)  # when we write next
    return text


async def tonight_offer(context: BotContext, host_id: int) -> tuple[date, datetime, Offer | None]:
    """Tonight's night at the host's site, its cut-off, and their active offer (if any)."""
    current = await current_offer(context, host_id)
    host = await context.store.hosts.get(host_id)
    site = await context.store.sites.get(current.site_id) if current else None
    if site is None and host is not None:
        site = await host_site(context, host)
    if site is None:  # a host tied to no site: the night by the clock alone
        now = context.now()
        return now.date(), now, current
    night, closes_at = tonight(site, context.now())
    return night, closes_at, current


async def live_offer(context: BotContext) -> Offer | None:
    """The active offer for tonight of the person writing, if they are a host."""
    host = await context.store.hosts.by_user(context.account.user_id) if context.account else None
    return (await tonight_offer(context, host.id))[2] if host else None
