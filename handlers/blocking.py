"""Blocking: a dispatcher suspends someone's access with a reason, and can restore it.

A blocked host gets no guests (their offers from tonight on are taken out, their groups go
back into the dispatch, and the matching skips them); a blocked guest's requests are withdrawn
and skipped. The blocked person still reaches /start, /help, /language, their data and
/report; everything else gets a short answer (`gate`). Staff are never blocked out.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.callbacks import CallbackData, unpack_any
from bot.context import BotContext
from dispatch.incident_forms import BLOCK, BLOCK_REASON_LENGTH, REPORT
from dispatch.inputs import read_id
from dispatch.notices import Side
from dispatch.permissions import Permission, Scope, allowed_any, is_dispatcher
from dispatch.readmodels import Incident, guest_user
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.permits import actor_id, permitted, refuse
from handlers.replies import answer, show
from jobs.delivery import deliver_outbox
from usecases.blocking import block_person, unblock_person
from views import incidents_texts
from views.common_keys import ChooseLanguage, LanguageMenu
from views.form_view import FormPress
from views.incidents_keys import IncidentBlock, IncidentDone, IncidentReport
from views.privacy_keys import PrivacyErase, PrivacyKeep
from views.round_keys import MatchGood, MatchProblem

# What a blocked person can still use (the privacy commands belong to everyone, always).
OPEN_COMMANDS = frozenset({"start", "help", "language", "cancel", "mydata", "forget", "report"})
OPEN_BUTTONS: frozenset[type[CallbackData]] = frozenset(
    {
        *(ChooseLanguage, LanguageMenu),
        *(IncidentReport, IncidentDone, IncidentBlock),
        *(PrivacyErase, PrivacyKeep),
        *(MatchGood, MatchProblem),  # the morning after
    }
)
OPEN_FORMS = frozenset({REPORT.name})


async def gate(update: Update, context: BotContext) -> None:
    """Runs after the guard: a blocked person is answered here and goes no further."""
    account = context.account
    if account is None or not account.blocked or is_dispatcher(account, context.config.admin_ids):
        return
    if await _still_open(update, context):
        return
    text = incidents_texts.suspended(context.t)
    if update.callback_query is not None:
        await answer(update, text, alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)
    await context.store.updates.mark(update.update_id, context.now())  # group 100 is skipped
    raise ApplicationHandlerStop


async def _still_open(update: Update, context: BotContext) -> bool:
    query, message = update.callback_query, update.effective_message
    if query is not None:
        pressed = unpack_any(query.data)
        if type(pressed) in OPEN_BUTTONS:
            return True
        return isinstance(pressed, FormPress) and await _in_open_form(context)
    if message is None:
        return True  # not something they wrote (a membership change)
    text = message.text or ""
    if text.startswith("/"):
        command = (text[1:].split(maxsplit=1) or [""])[0]
        return command.split("@")[0].lower() in OPEN_COMMANDS
    return await _in_open_form(context)


async def _in_open_form(context: BotContext) -> bool:
    assert context.account is not None
    draft = await context.store.drafts.get(context.account.user_id)
    return draft is not None and draft.form in OPEN_FORMS


async def block_command(update: Update, context: BotContext) -> None:
    """/block USER_ID reason: suspend someone's access; the reason is asked when missing."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    args = context.args or []
    user_id = read_id(args[0]) if args else None
    if user_id is None:
        await show(update, incidents_texts.block_usage(context.t))
        return
    reason = " ".join(args[1:]).strip()
    if not await _theirs(update, context, user_id) or not await _blockable(
        update, context, user_id
    ):
        return
    if not reason:
        await forms.begin(update, context, BLOCK.name, {"user": user_id})
        return
    await _block(update, context, user_id, reason[:BLOCK_REASON_LENGTH], None)


async def on_incident_button(update: Update, context: BotContext, pressed: IncidentBlock) -> None:
    """An incident's 'block the host/guest' button (dispatchers of the incident's site)."""
    incident = await context.store.incidents.get(pressed.incident_id)
    where: int | Scope = Scope.SOME_SITE  # no incident: answered as gone below
    if incident is not None:
        where = incident.site_id if incident.site_id is not None else Scope.EVERY_SITE
    if not await permitted(update, context, Permission.DISPATCH, where):
        return
    if incident is None:
        await answer(update, incidents_texts.incident_gone(context.t), alert=True)
    else:
        await ask_reason(update, context, incident, pressed.side)


async def ask_reason(update: Update, context: BotContext, incident: Incident, side: Side) -> None:
    """From an incident's button: the person is the incident's own host or guest, never one
    named by the button, so forged data cannot reach anyone else."""
    match = incident.match
    user_id = (
        None if match is None else (match.host_user_id if side is Side.HOST else guest_user(match))
    )
    if user_id is None:
        await answer(update, incidents_texts.nobody_to_block(context.t), alert=True)
        return
    if await _blockable(update, context, user_id):
        await forms.begin(update, context, BLOCK.name, {"user": user_id, "incident": incident.id})


async def _complete_block(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    incident_id = answers.get("incident")
    incident = await context.store.incidents.get(int(incident_id)) if incident_id else None
    user_id = int(answers["user"])
    if incident is not None and incident.site_id is not None:
        if not await permitted(update, context, Permission.DISPATCH, incident.site_id):
            return
    elif not await _theirs(update, context, user_id):
        return
    if await _blockable(update, context, user_id):
        await _block(update, context, user_id, str(answers["reason"]), incident_id)


async def _theirs(update: Update, context: BotContext, user_id: int) -> bool:
    """A dispatcher acts on the people of their sites (someone of no site: every site's).
    Someone unknown is answered as unknown, whoever asks."""
    sites = await context.store.incidents.user_sites(user_id)
    admins = context.config.admin_ids
    if allowed_any(context.account, Permission.DISPATCH, admins, sites):
        return True
    if await context.store.users.get(user_id) is None:
        await show(update, incidents_texts.no_such_user(context.t, user_id))
    else:
        await refuse(update, context, Permission.DISPATCH)
    return False


async def _blockable(update: Update, context: BotContext, user_id: int) -> bool:
    """Someone who wrote to the bot, is not staff, and is not blocked already."""
    t, account = context.t, await context.store.users.get(user_id)
    if account is None:
        await show(update, incidents_texts.no_such_user(t, user_id))
    elif is_dispatcher(account, context.config.admin_ids):
        await show(update, incidents_texts.staff_not_blocked(t))
    elif account.blocked:
        reason = await context.store.incidents.block_reason(user_id) or ""
        await show(update, incidents_texts.already_blocked(t, user_id, reason))
    else:
        return True
    return False


async def _block(
    update: Update, context: BotContext, user_id: int, reason: str, incident_id: int | None
) -> None:
    done = await block_person(
        context.services,
        user_id,
        reason,
        await actor_id(context),
        context.now(),
        incident_id=incident_id,
    )
    if not done.blocked:
        await show(update, incidents_texts.already_blocked(context.t, user_id, reason))
        return
    text = incidents_texts.blocked_done(context.t, user_id, done.offers, done.requests)
    await show(update, text)
    await deliver_outbox(context)


async def unblock_command(update: Update, context: BotContext) -> None:
    """/unblock USER_ID: restore someone's access; they are told in their language."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    args = context.args or []
    user_id = read_id(args[0]) if args else None
    if user_id is None:
        await show(update, incidents_texts.unblock_usage(context.t))
        return
    if not await _theirs(update, context, user_id):
        return
    if not await unblock_person(context.services, user_id, await actor_id(context), context.now()):
        await show(update, incidents_texts.not_blocked(context.t, user_id))
        return
    await show(update, incidents_texts.unblocked_done(context.t, user_id))
    await deliver_outbox(context)


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(BLOCK, _complete_block))
