"""The guests' side: the privacy notice first, tonight's request, status and withdrawal."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup, Update

from bot import (
    callbacks,
    keyboards_guest,
    keyboards_meeting,
    keyboards_round,
    render,
    render_guest,
    render_helpdesk,
    render_meeting,
    render_round,
    render_stays,
    summaries,
)
from bot.context import BotContext
from bot.i18n import Translator
from dispatch.guest_forms import (
    GROUP_CHECKED_AFTER,
    GROUP_FIELDS,
    GUEST_REQUEST,
    check_group,
    make_up,
)
from dispatch.inputs import Problem
from dispatch.models import GuestRequest, RequestStatus, Site
from dispatch.nights import cutoff_instant, is_tomorrow
from dispatch.notices import Side
from dispatch.privacy import CONSENT_VERSION
from handlers import alerts, forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.offer import match_late_arrivals
from handlers.replies import answer, show
from handlers.sites import all_sites, default_site, site_names, tonight
from storage.evening import MatchView
from storage.requests import NewRequest
from storage.stays import open_for_host
from usecases import meeting


async def open_guest(update: Update, context: BotContext) -> None:
    """Where a guest lands: their request for tonight, or an invitation to ask."""
    if await forms.resume(update, context, GUEST_REQUEST.name):
        return
    current = await tonight_request(context)
    if current is not None:
        await show(
            update, await _status_text(context, current), keyboards_guest.request_options(context.t)
        )
        return
    await show(update, render.guest_intro(context.t), keyboards_guest.ask(context.t))


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    pressed = callbacks.parse(query.data if query else None)
    action = _ACTIONS.get(pressed.action) if pressed else None
    if query is None or action is None:
        if query:
            await answer(update, render.expired_button(context.t), alert=True)
        return
    await action(update, context)


async def _ask(update: Update, context: BotContext) -> None:
    """Nothing is stored before the guest has read and accepted the privacy notice."""
    user = update.effective_user
    assert user is not None
    if await context.store.requests.consent_version(user.id) != CONSENT_VERSION:
        await show(
            update,
            render_guest.privacy_notice(context.t, context.config.retention_days),
            keyboards_guest.consent(context.t),
        )
        return
    await forms.begin(update, context, GUEST_REQUEST.name)


async def _agree(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.requests.record_consent(user.id, CONSENT_VERSION, context.now())
    await forms.begin(update, context, GUEST_REQUEST.name)


async def _refuse(update: Update, context: BotContext) -> None:
    site = await default_site(context)
    await show(update, render_guest.declined(context.t, await alternatives(context, site)))


async def _withdraw(update: Update, context: BotContext) -> None:
    await show(
        update,
        render_guest.confirm_withdrawal(context.t),
        keyboards_guest.confirm_withdraw(context.t),
    )


async def _withdraw_confirmed(update: Update, context: BotContext) -> None:
    current = await tonight_request(context)
    if current is not None:
        await context.store.evening.cancel_for_request(current.id, context.now())
        await context.store.requests.withdraw(current.id, context.now())
    await show(update, render_guest.withdrawn(context.t))


async def _keep(update: Update, context: BotContext) -> None:
    await open_guest(update, context)


async def alternatives(context: BotContext, site: Site) -> str:
    return await alternatives_for(context, site, context.t)


async def alternatives_for(context: BotContext, site: Site, t: Translator) -> str:
    """The site's own list of emergency alternatives, or the general advice."""
    own = await context.store.sites.text(site.id, t.locale, "alternatives")
    return escape(own) if own else render_guest.generic_alternatives(t)


async def status_command(update: Update, context: BotContext) -> None:
    """/status: where the person stands tonight, as a guest or as a host."""
    from handlers.host import open_hosting

    if await _show_cards(update, context):
        return
    current = await tonight_request(context)
    unplaced = (
        await meeting.unplaced_tonight(context.store, context.account.user_id, context.now())
        if context.account and current is None
        else None
    )
    if current is not None:
        await show(
            update, await _status_text(context, current), keyboards_guest.request_options(context.t)
        )
    elif unplaced is not None:
        await _show_no_bed(update, context, unplaced[1])
    elif context.account and await context.store.hosts.by_user(context.account.user_id):
        await open_hosting(update, context)
        await _open_stays(update, context, context.account.user_id)
    else:
        await show(update, render_guest.nothing_tonight(context.t))


async def _show_cards(update: Update, context: BotContext) -> bool:
    """The guest's stay in full (time, who, where, code), also after the evening ended."""
    if context.account is None:
        return False
    cards = await meeting.cards_tonight(context.store, context.account.user_id, context.now())
    guest = [found for side, found in cards if side is Side.GUEST]
    for found in guest:
        await show(update, *keyboards_meeting.guest_view(context.t, found))
    return bool(guest)


async def _show_no_bed(update: Update, context: BotContext, site_id: int) -> None:
    """The evening ended without a bed: said again, with the alternatives and help nearby."""
    site = await context.store.sites.get(site_id) or await default_site(context)
    t = context.t
    places = await context.store.helpdesk.places(site.id, t.locale, context.config.default_locale)
    directory = render_helpdesk.directory(t, site.name, places)
    text = render_meeting.no_bed(t, site, await alternatives(context, site), directory)
    await show(update, text, keyboards_guest.ask(t))


async def _open_stays(update: Update, context: BotContext, user_id: int) -> None:
    """A host's proposals and confirmed stays, as their notices said them: nothing tonight
    depends on a message alone (one may have been lost to a crash)."""
    message = update.effective_message
    since = context.now().date() - timedelta(days=1)
    matches = await open_for_host(context.store.db, user_id, since)
    if message is None or not matches:
        return
    sites = {site.id: site for site in await context.store.sites.all()}
    stays = [(m, sites[m.site_id]) for m in matches if m.site_id in sites]
    minutes = int(context.bot_data.confirmation_window.total_seconds() // 60)
    for match, site in stays:
        text, markup = await _stay_view(context, match, site, minutes)
        await message.reply_text(text, reply_markup=markup)


async def _stay_view(
    context: BotContext, match: MatchView, site: Site, minutes: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """A confirmed stay as its meeting card (code included); a proposal as it was sent, and
    honest to a host who needs a driver."""
    found = await meeting.card(context.store, match.id)
    if found is not None and found.meeting is not None and match.status != "proposed":
        return keyboards_meeting.host_view(context.t, found)
    if found is not None and not found.collects and match.status == "proposed":
        text = render_meeting.to_host_needs_driver(context.t, match, site, minutes)
        return text, keyboards_round.proposal(context.t, match.id)
    [(text, markup)] = render_stays.open_stays(context.t, [(match, site)], minutes)
    return text, markup


async def tonight_request(context: BotContext) -> GuestRequest | None:
    if context.account is None:
        return None
    site = await default_site(context)
    night, _ = tonight(site, context.now())
    found = await context.store.requests.for_user(context.account.user_id, night)
    return found if found and found.status is not RequestStatus.WITHDRAWN else None


async def _status_text(context: BotContext, request: GuestRequest) -> str:
    t = context.t
    if request.status is RequestStatus.MATCHED and context.account is not None:
        match = await context.store.evening.live_for_guest(context.account.user_id, request.night)
        site = await context.store.sites.get(request.site_id)
        if match is not None and site is not None:
            return render_round.guest_status(t, match, site)
        return render_guest.status_matched(t, request.night)
    names = await site_names(context)
    group = summaries.group(t, request.women, request.men, request.children, request.age_bands)
    text = render_guest.status_waiting(t, request.night, names.get(request.site_id, ""), group)
    site = await context.store.sites.get(request.site_id)
    if site is not None and context.now() >= cutoff_instant(request.night, site.cutoff, site.zone):
        text += "\n\n" + render_meeting.hear_by(t, site.evening_end)  # when we write next
    return text


def new_request(site: Site, context: BotContext, answers: dict[str, Any]) -> NewRequest:
    women, men, children = make_up(answers)
    night, closes_at = tonight(site, context.now())
    needs = answers.get("needs") or []
    return NewRequest(
        site_id=site.id,
        night=night,
        closes_at=closes_at,
        alias=str(answers["alias"]),
        women=women,
        men=men,
        children=children,
        age_bands=tuple(answers.get("ages") or ()),
        languages=tuple(answers["languages"]),
        step_free="step_free" in needs,
        medical="medical" in needs,
    )


async def _complete(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    site = await context.store.sites.get(int(answers["site"])) or await default_site(context)
    new = new_request(site, context, answers)
    saved = await context.store.requests.save_for_user(user.id, new, context.now())
    await context.store.drafts.delete(user.id)
    await context.store.audit.record(context.now(), None, "request.save", f"request:{saved.id}")
    t, now = context.t, context.now()
    lines = [render_guest.registered(t, new.alias, site.name, new.night, site.cutoff)]
    if is_tomorrow(new.night, now, site.zone):
        lines.insert(0, render_guest.for_tomorrow(t))
    elif now >= new.closes_at:
        lines.append(render_guest.after_cutoff(t))
    await show(update, "\n\n".join(lines), keyboards_guest.request_options(t))
    await match_late_arrivals(context, site.id, new.night)


def _check(name: str, answers: dict[str, Any]) -> Problem | None:
    if name == "who" and answers.get("who") == "minor":
        return Problem.MINORS_ALONE
    return check_group(answers) if name in GROUP_CHECKED_AFTER else None


async def _minors(update: Update, context: BotContext, problem: Problem) -> bool:
    """Children alone never go to a private home: the site's service, and the dispatchers."""
    if problem is not Problem.MINORS_ALONE:
        return False
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    site = await default_site(context)
    own = await context.store.sites.text(site.id, context.t.locale, "minors")
    await show(
        update,
        render_guest.minors(
            context.t, escape(own) if own else render_guest.generic_minors_service(context.t)
        ),
    )
    await context.store.audit.record(context.now(), None, "minor.redirected", f"site:{site.id}")
    await alerts.to_dispatchers(context, lambda t: render_guest.minor_alert(t, site.name, user.id))
    return True


def summary_for_flow(context: BotContext, answers: dict[str, Any], labels: Labels) -> str:
    t = context.t
    women, men, children = make_up(answers)
    needs = answers.get("needs") or []
    return summaries.request(
        t,
        alias=str(answers["alias"]),
        site=labels.get(str(answers["site"]), ""),
        make_up=summaries.group(t, women, men, children, tuple(answers.get("ages") or ())),
        spoken=tuple(answers["languages"]),
        step_free="step_free" in needs,
        medical="medical" in needs,
    )


def install_flows(registry: FlowRegistry) -> None:
    registry.add(
        Flow(
            GUEST_REQUEST,
            _complete,
            runtime=all_sites,
            summary=summary_for_flow,
            check=_check,
            resets=GROUP_FIELDS,
            on_problem=_minors,
        )
    )


_ACTIONS = {
    "ask": _ask,
    "change": _ask,
    "agree": _agree,
    "refuse": _refuse,
    "withdraw": _withdraw,
    "withdraw_yes": _withdraw_confirmed,
    "keep": _keep,
}
