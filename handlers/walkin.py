"""Walk-in intake: a dispatcher registers a group with no phone, and hands over a code on paper."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot import callbacks, keyboards_guest, render, render_guest, summaries
from bot.context import BotContext
from dispatch.guest_forms import (
    GROUP_CHECKED_AFTER,
    GROUP_FIELDS,
    WALK_IN,
    check_group,
    new_request,
)
from dispatch.inputs import Problem
from dispatch.permissions import is_dispatcher
from handlers import forms
from handlers.delivery import deliver_outbox
from handlers.flows import Flow, FlowRegistry
from handlers.replies import answer, show
from handlers.sites import all_sites, default_site, tonight
from usecases.walkins import register_walk_in


def _allowed(context: BotContext) -> bool:
    return context.account is not None and is_dispatcher(context.account, context.config.admin_ids)


async def walkin_command(update: Update, context: BotContext) -> None:
    """/walkin: register a group at the meeting point, in a few taps."""
    if not _allowed(context):
        await show(update, render.not_allowed(context.t))
        return
    await forms.begin(update, context, WALK_IN.name)


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    pressed = callbacks.parse(query.data if query else None)
    if query is None or pressed is None or not _allowed(context):
        if query:
            await answer(update, render.not_allowed(context.t), alert=True)
        return
    await forms.begin(update, context, WALK_IN.name)


async def _complete(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    site = await context.store.sites.get(int(answers["site"])) or await default_site(context)
    new = new_request(site.id, *tonight(site, context.now()), answers)
    done = await register_walk_in(context.services, user.id, new, context.now())
    group = summaries.group(context.t, new.party)
    await show(
        update,
        render_guest.walkin_registered(context.t, new.alias, group, done.code),
        keyboards_guest.walkin_again(context.t),
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
            runtime=all_sites,
            summary=lambda context, answers, labels: summaries.request_answers(
                context.t, answers, labels
            ),
            check=_check,
            resets=GROUP_FIELDS,
        )
    )
