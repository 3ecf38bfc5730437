"""The guests' side: the privacy notice first, tonight's request, status and withdrawal."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.sites import all_sites, alternatives_for, person_site, tonight
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
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.homes import open_guest, tonight_request
from handlers.replies import show
from jobs import alerts
from jobs.delivery import deliver_outbox
from usecases import rounds
from usecases.requests import withdraw_request
from views import guest_keys, guest_texts, summaries


async def ask(update: Update, context: BotContext, _: object = None) -> None:
    """Nothing is stored before the guest has read and accepted the privacy notice."""
    user = update.effective_user
    assert user is not None
    if await context.store.requests.consent_version(user.id) != CONSENT_VERSION:
        await privacy(update, context)
        return
    await _begin_request(update, context)


async def privacy(update: Update, context: BotContext, _: object = None) -> None:
    await show(
        update,
        guest_texts.privacy_notice(context.t, context.config.retention_days),
        guest_keys.consent(context.t),
    )


async def agree(update: Update, context: BotContext, _: object = None) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.requests.record_consent(user.id, CONSENT_VERSION, context.now())
    await _begin_request(update, context)


async def _begin_request(update: Update, context: BotContext) -> None:
    """The language this person reads the bot in is ticked already: most only press Done."""
    await forms.begin(update, context, GUEST_REQUEST.name, {"_languages": [context.t.locale]})


async def refuse(update: Update, context: BotContext, _: object = None) -> None:
    site = await person_site(context, context.account.user_id) if context.account else None
    text = (
        await alternatives(context, site) if site else guest_texts.generic_alternatives(context.t)
    )
    await show(update, guest_texts.declined(context.t, text))


async def withdraw(update: Update, context: BotContext, _: object = None) -> None:
    await show(
        update,
        guest_texts.confirm_withdrawal(context.t),
        guest_keys.confirm_withdraw(context.t),
    )


async def withdraw_confirmed(update: Update, context: BotContext, _: object = None) -> None:
    current = await tonight_request(context)
    if current is not None:
        await withdraw_request(context.services, current.id, context.now())
    await show(update, guest_texts.withdrawn(context.t))


async def keep(update: Update, context: BotContext, _: object = None) -> None:
    await open_guest(update, context)


async def alternatives(context: BotContext, site: Site) -> str:
    return await alternatives_for(context, site, context.t)


async def _complete(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    site = await context.store.sites.get(int(answers["site"]))
    if site is None:  # removed while the form was open: ask again
        await forms.begin(update, context, GUEST_REQUEST.name)
        return
    new = new_request(site.id, *tonight(site, context.now()), answers)
    saved = await context.store.requests.save_for_user(user.id, new, context.now())
    await context.store.drafts.delete(user.id)
    await context.store.audit.record(context.now(), None, "request.save", f"request:{saved.id}")
    t, now = context.t, context.now()
    lines = [guest_texts.registered(t, new.alias, site.name_in(t.locale), new.night, site.cutoff)]
    if is_tomorrow(new.night, now, site.zone):
        lines.insert(0, guest_texts.for_tomorrow(t))
    elif now >= new.closes_at:
        lines.append(guest_texts.after_cutoff(t))
    await show(update, "\n\n".join(lines), guest_keys.request_options(t))
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
    # The site is asked after "who": the one they asked at before, or the only one.
    site = await person_site(context, user.id)
    own = await context.store.sites.text(site.id, context.t.locale, "minors") if site else None
    await show(
        update,
        guest_texts.minors(
            context.t, escape(own) if own else guest_texts.generic_minors_service(context.t)
        ),
    )
    subject = f"site:{site.id}" if site else ""
    await context.store.audit.record(context.now(), None, "minor.redirected", subject)
    names = [site] if site else await context.store.sites.all()
    await alerts.to_dispatchers(
        context,
        lambda t: guest_texts.minor_alert(
            t, ", ".join(s.name_in(t.locale) for s in names), user.id
        ),
    )
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
