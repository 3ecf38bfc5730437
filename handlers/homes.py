"""Where each person lands: the role choice, a host's home, a guest's request for tonight.

Shared by the handlers that lead there (start, language, the menu, help, the host's and the
guest's buttons); it registers nothing itself.
"""

from __future__ import annotations

from datetime import date, datetime

from telegram import Update

from bot import (
    keyboards,
    keyboards_guest,
    keyboards_host,
    render,
    render_guest,
    render_host,
    render_round,
    summaries,
)
from bot.context import BotContext
from dispatch.deeplinks import Intent
from dispatch.guest_forms import GUEST_REQUEST
from dispatch.host_forms import HOST_REGISTRATION
from dispatch.hosting import answers_from_details, needs_charter
from dispatch.models import GuestRequest, HostProfile, HostStatus, Offer, OfferStatus, RequestStatus
from dispatch.permissions import is_dispatcher
from handlers import forms
from handlers.replies import answer, show
from handlers.sites import default_site, site_names, tonight


def may_dispatch(context: BotContext) -> bool:
    return context.account is not None and is_dispatcher(context.account, context.config.admin_ids)


async def show_intent(
    update: Update, context: BotContext, intent: Intent | None, *, notice: str | None = None
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
        markup = keyboards.role_choice(t, dispatcher=may_dispatch(context))
        await show(update, render.welcome(t), markup)


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
            render.host_intro(t) + "\n\n" + render_host.register_invitation(t),
            keyboards_host.register(t),
        )
        return
    if host.status is HostStatus.PENDING:
        await show(
            update, render_host.awaiting_vetting(context.t), keyboards_host.back_home(context.t)
        )
        return
    if host.status is not HostStatus.VETTED:
        await show(update, render_host.not_active(context.t))
        return
    await show_home(update, context, host)


async def show_home(update: Update, context: BotContext, host: HostProfile) -> None:
    t = context.t
    night, _, live = await tonight_offer(context, host.id)
    names = await site_names(context)
    lines = [render_host.home(t, host.details.display_name), ""]
    if host.paused_on(night) and host.paused_until:
        lines.append(render_host.paused(t, host.paused_until))
    elif live:
        lines.append(
            render_host.offer_tonight(
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
        lines.append(render_host.no_offer_tonight(t, night))
    pattern = await context.store.patterns.get(host.id)
    await show(
        update,
        "\n".join(lines),
        keyboards_host.home(
            t,
            has_offer=live is not None,
            paused=host.paused_on(night),
            has_pattern=pattern is not None,
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
            update, await status_text(context, current), keyboards_guest.request_options(context.t)
        )
        return
    await show(update, render.guest_intro(context.t), keyboards_guest.ask(context.t))


async def tonight_request(context: BotContext) -> GuestRequest | None:
    if context.account is None:
        return None
    site = await default_site(context)
    night, _ = tonight(site, context.now())
    found = await context.store.requests.for_user(context.account.user_id, night)
    return found if found and found.status is not RequestStatus.WITHDRAWN else None


async def status_text(context: BotContext, request: GuestRequest) -> str:
    t = context.t
    if request.status is RequestStatus.MATCHED and context.account is not None:
        match = await context.store.evening.live_for_guest(context.account.user_id, request.night)
        site = await context.store.sites.get(request.site_id)
        if match is not None and site is not None:
            return render_round.guest_status(t, match, site)
        return render_guest.status_matched(t, request.night)
    names = await site_names(context)
    group = summaries.group(t, request.party)
    return render_guest.status_waiting(t, request.night, names.get(request.site_id, ""), group)


async def tonight_offer(context: BotContext, host_id: int) -> tuple[date, datetime, Offer | None]:
    """Tonight's night, its cut-off, and the host's active offer for it (if any)."""
    site = await default_site(context)
    night, closes_at = tonight(site, context.now())
    current = await context.store.offers.for_night(host_id, night)
    return night, closes_at, current if current and current.status is OfferStatus.ACTIVE else None


async def live_offer(context: BotContext) -> Offer | None:
    """The active offer for tonight of the person writing, if they are a host."""
    host = await context.store.hosts.by_user(context.account.user_id) if context.account else None
    return (await tonight_offer(context, host.id))[2] if host else None
