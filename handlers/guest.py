"""The guests' side: the privacy notice first, tonight's request, status and withdrawal."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import Update

from bot import callbacks, keyboards_guest, render, render_guest, summaries
from bot.context import BotContext
from dispatch.guest_forms import (
    GROUP_CHECKED_AFTER,
    GROUP_FIELDS,
    GUEST_REQUEST,
    check_group,
    new_request,
)
from dispatch.inputs import Problem
from dispatch.models import Site
from dispatch.nights import is_tomorrow
from dispatch.privacy import CONSENT_VERSION
from handlers import alerts, forms
from handlers.delivery import deliver_outbox
from handlers.flows import Flow, FlowRegistry
from handlers.homes import open_guest, open_hosting, status_text, tonight_request
from handlers.replies import answer, show
from handlers.sites import all_sites, alternatives_for, default_site, tonight
from usecases import rounds
from usecases.requests import withdraw_request


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
        await withdraw_request(context.services, current.id, context.now())
    await show(update, render_guest.withdrawn(context.t))


async def _keep(update: Update, context: BotContext) -> None:
    await open_guest(update, context)


async def alternatives(context: BotContext, site: Site) -> str:
    return await alternatives_for(context, site, context.t)


async def status_command(update: Update, context: BotContext) -> None:
    """/status: where the person stands tonight, as a guest or as a host."""
    current = await tonight_request(context)
    if current is not None:
        await show(
            update, await status_text(context, current), keyboards_guest.request_options(context.t)
        )
    elif context.account and await context.store.hosts.by_user(context.account.user_id):
        await open_hosting(update, context)
    else:
        await show(update, render_guest.nothing_tonight(context.t))


async def _complete(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    site = await context.store.sites.get(int(answers["site"])) or await default_site(context)
    new = new_request(site.id, *tonight(site, context.now()), answers)
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
    if (
        await rounds.match_late_arrivals(context.services, site.id, new.night, context.now())
        is not None
    ):
        await deliver_outbox(context)


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


def install_flows(registry: FlowRegistry) -> None:
    registry.add(
        Flow(
            GUEST_REQUEST,
            _complete,
            runtime=all_sites,
            summary=lambda context, answers, labels: summaries.request_answers(
                context.t, answers, labels
            ),
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
