"""Walk-in intake: a dispatcher registers a group with no phone, and hands over a code on paper."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.sites import tonight
from dispatch.forms import Choices
from dispatch.guest_forms import (
    GROUP_CHECKED_AFTER,
    GROUP_FIELDS,
    WALK_IN,
    check_group,
    new_request,
)
from dispatch.inputs import Problem
from dispatch.permissions import Permission, allowed, is_dispatcher
from handlers import forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.permits import permitted
from handlers.replies import answer, show
from jobs.delivery import deliver_outbox
from usecases.walkins import register_walk_in
from views import common_texts, guest_keys, guest_texts, summaries
from views.guest_keys import WalkinNew


def _allowed(context: BotContext) -> bool:
    return context.account is not None and is_dispatcher(context.account, context.config.admin_ids)


async def _my_sites(context: BotContext) -> tuple[Choices, Labels]:
    """Only the sites this dispatcher works for: a walk-in is registered where they stand."""
    admins = context.config.admin_ids
    sites = [
        s
        for s in await context.store.sites.all()
        if allowed(context.account, Permission.DISPATCH, admins, s.id)
    ]
    return {"sites": tuple(str(s.id) for s in sites)}, {
        str(s.id): s.name_in(context.t.locale) for s in sites
    }


async def walkin_command(update: Update, context: BotContext) -> None:
    """/walkin: register a group at the meeting point, in a few taps."""
    if not _allowed(context):
        await show(update, common_texts.not_allowed(context.t))
        return
    await forms.begin(update, context, WALK_IN.name)


async def register_another(update: Update, context: BotContext, _: WalkinNew) -> None:
    if not _allowed(context):
        await answer(update, common_texts.not_allowed(context.t), alert=True)
        return
    await forms.begin(update, context, WALK_IN.name)


async def _complete(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    site = await context.store.sites.get(int(answers["site"]))
    if site is None or not await permitted(update, context, Permission.DISPATCH, site.id):
        await context.store.drafts.delete(user.id)
        return
    new = new_request(site.id, *tonight(site, context.now()), answers)
    done = await register_walk_in(context.services, user.id, new, context.now())
    group = summaries.group(context.t, new.party)
    await show(
        update,
        guest_texts.walkin_registered(context.t, new.alias, group, done.code),
        guest_keys.walkin_again(context.t),
    )
    if done.outcome is not None:
        await deliver_outbox(context)


def _check(name: str, answers: dict[str, Any]) -> Problem | None:
    return check_group(answers) if name in GROUP_CHECKED_AFTER else None


def install_flows(registry: FlowRegistry) -> None:
    registry.add(
        Flow(
            WALK_IN,
            _complete,
            runtime=_my_sites,
            summary=lambda context, answers, labels: summaries.request_answers(
                context.t, answers, labels
            ),
            check=_check,
            resets=GROUP_FIELDS,
        )
    )
