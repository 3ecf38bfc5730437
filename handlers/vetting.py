"""Vetting: the queue of hosts waiting for approval, refusals and suspensions with a reason
the host receives in their language, and reinstatement. Every decision is audited."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import BotContext
from bot.i18n import Translator
from bot.sites import site_names
from dispatch.inputs import read_id
from dispatch.models import HostProfile, HostStatus
from dispatch.permissions import Permission, Scope, allowed, allowed_all, allowed_any
from dispatch.vetting_forms import REJECT, SUSPEND
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.permits import actor_id, permitted, refuse
from handlers.replies import answer, show
from jobs.delivery import deliver_outbox
from usecases.blocking import take_out_host
from usecases.hosts import decide_host
from views import host_texts, vetting_texts
from views.vetting_keys import (
    AdminApprove,
    VetApprove,
    VetApproveYes,
    VetCard,
    VetReinstate,
    VetReject,
    VetSuspend,
)

QUEUE_PAGE = 10
EVERY = Scope.EVERY_SITE


async def queue_command(update: Update, context: BotContext) -> None:
    """/vetting (or /approve): the hosts waiting, oldest first, each with its buttons;
    /approve N approves host number N at once."""
    if not await permitted(update, context, Permission.VET, Scope.SOME_SITE):
        return
    if context.args:
        host = await _host(tuple(context.args), context)
        if host is None or host.status is not HostStatus.PENDING or not _sees(context, host):
            await show(update, host_texts.no_such_host(context.t))
        elif await _may_decide(update, context, host, HostStatus.VETTED):
            await _decide(update, context, host, HostStatus.VETTED, "")
        return
    pending = [h for h in await context.store.hosts.pending() if _sees(context, h)]
    await _show_hosts(
        update, context, host_texts.pending_list_heading(context.t, len(pending)), pending
    )


async def hosts_command(update: Update, context: BotContext) -> None:
    """/hosts: counts by status; /hosts NAME or /hosts N: the matching hosts, with buttons."""
    if not await permitted(update, context, Permission.VET, Scope.SOME_SITE):
        return
    text = " ".join(context.args or []).strip()
    if not text:
        counts = await context.store.vetting.counts(_my_sites(context))
        await show(update, vetting_texts.overview(context.t, counts))
        return
    found = [h for h in await context.store.vetting.find(text) if _sees(context, h)]
    if not found:
        await show(update, vetting_texts.none_found(context.t, text))
        return
    await _show_hosts(update, context, "", found)


async def card_pressed(update: Update, context: BotContext, pressed: VetCard) -> None:
    """Approve, reject, suspend, reinstate: the role is checked again on every press."""
    host = await _pressed_host(update, context, pressed.host_id)
    if host is not None:
        await _show_card(update, context, host)


async def approve_pressed(
    update: Update, context: BotContext, pressed: VetApprove | AdminApprove
) -> None:
    host = await _deciding(update, context, pressed.host_id, HostStatus.VETTED)
    if host is not None:
        await show(
            update, vetting_texts.confirm_approval(context.t, host), _confirm(context.t, host)
        )


async def approve_confirmed(
    update: Update, context: BotContext, pressed: VetApproveYes | VetReinstate
) -> None:
    host = await _deciding(update, context, pressed.host_id, HostStatus.VETTED)
    if host is not None:
        await answer(update)
        await _decide(update, context, host, HostStatus.VETTED, "")


async def reject_pressed(update: Update, context: BotContext, pressed: VetReject) -> None:
    host = await _deciding(update, context, pressed.host_id, HostStatus.REJECTED)
    if host is not None:
        await forms.begin(update, context, REJECT.name, {"host": host.id})


async def suspend_pressed(update: Update, context: BotContext, pressed: VetSuspend) -> None:
    host = await _deciding(update, context, pressed.host_id, HostStatus.SUSPENDED)
    if host is not None:
        await forms.begin(update, context, SUSPEND.name, {"host": host.id})


async def _pressed_host(update: Update, context: BotContext, host_id: int) -> HostProfile | None:
    """The host a button names, if the presser vets and sees them; None once answered."""
    if not await permitted(update, context, Permission.VET, Scope.SOME_SITE):
        return None
    host = await context.store.hosts.get(host_id)
    if host is None or not _sees(context, host):
        await answer(update, host_texts.no_such_host(context.t), alert=True)
        return None
    return host


async def _deciding(
    update: Update, context: BotContext, host_id: int, decision: HostStatus
) -> HostProfile | None:
    host = await _pressed_host(update, context, host_id)
    if host is None or not await _may_decide(update, context, host, decision):
        return None
    return host


def _sees(context: BotContext, host: HostProfile) -> bool:
    """A dispatcher sees (and may stop) the hosts of their sites, phones included."""
    ids = host.details.site_ids
    return allowed_any(context.account, Permission.VET, context.config.admin_ids, ids)


def _my_sites(context: BotContext) -> frozenset[int] | None:
    """The sites whose hosts this person counts (None: every site)."""
    account = context.account
    if account is None or allowed(account, Permission.VET, context.config.admin_ids, EVERY):
        return None
    return account.sites or frozenset()


async def _may_decide(
    update: Update, context: BotContext, host: HostProfile, status: HostStatus
) -> bool:
    """Suspending protects the people of any one of the host's sites; letting a host in (or
    out for good) opens or closes every site they host for, so it takes all of them."""
    ids, admins = host.details.site_ids, context.config.admin_ids
    check = allowed_any if status is HostStatus.SUSPENDED else allowed_all
    if check(context.account, Permission.VET, admins, ids):
        return True
    await refuse(update, context, Permission.VET)
    return False


async def _host(args: tuple[str, ...], context: BotContext) -> HostProfile | None:
    host_id = read_id(args[0]) if args else None
    return None if host_id is None else await context.store.hosts.get(host_id)


async def _decide(
    update: Update, context: BotContext, host: HostProfile, status: HostStatus, reason: str
) -> None:
    now, t = context.now(), context.t
    previous = await decide_host(
        context.services, host.id, status, reason, await actor_id(context), now
    )
    if previous is None:
        await show(update, vetting_texts.decision_stale(t))
        return
    if status is HostStatus.SUSPENDED:
        await take_out_host(context.services, host.id, await actor_id(context), "suspended", now)
    done = (
        vetting_texts.reinstated_done(t, host.details.display_name)
        if previous is HostStatus.SUSPENDED
        else vetting_texts.decision_done(t, status, host.details.display_name)
    )
    await show(update, done)
    await deliver_outbox(context)


async def _complete(
    update: Update, context: BotContext, answers: dict[str, Any], status: HostStatus
) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    if not await permitted(update, context, Permission.VET, Scope.SOME_SITE):
        return
    host = await context.store.hosts.get(int(answers["host"]))
    if host is None or not _sees(context, host):
        await show(update, host_texts.no_such_host(context.t))
        return
    if not await _may_decide(update, context, host, status):
        return
    await _decide(update, context, host, status, str(answers.get("reason", "")))


async def _complete_reject(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    await _complete(update, context, answers, HostStatus.REJECTED)


async def _complete_suspend(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    await _complete(update, context, answers, HostStatus.SUSPENDED)


async def _show_hosts(
    update: Update, context: BotContext, heading: str, hosts: list[HostProfile]
) -> None:
    """The heading, then one card per host with its own buttons: a button never sits under
    another host's profile, and a long queue is not one long message."""
    t = context.t
    names = await site_names(context)
    cards: list[tuple[str, InlineKeyboardMarkup | None]] = []
    for host in hosts[:QUEUE_PAGE]:
        reason = await context.store.vetting.reason(host.id)
        card = vetting_texts.host_card(t, host, names, reason)
        cards.append((card, InlineKeyboardMarkup(_buttons(t, host))))
    if heading:  # above the first card, whose buttons stay right under it
        first = cards[0] if cards else ("", None)
        cards[:1] = [("\n\n".join(part for part in (heading, first[0]) if part), first[1])]
    if not cards:
        return
    await show(update, *cards[0])
    chat = update.effective_chat
    for text, markup in cards[1:]:
        if chat is not None:
            await context.bot.send_message(chat.id, text, reply_markup=markup)


async def _show_card(update: Update, context: BotContext, host: HostProfile) -> None:
    reason = await context.store.vetting.reason(host.id)
    card = vetting_texts.host_card(context.t, host, await site_names(context), reason)
    await show(update, card, InlineKeyboardMarkup(_buttons(context.t, host)))


def _confirm(t: Translator, host: HostProfile) -> InlineKeyboardMarkup:
    """Approving lets someone receive guests tonight: it takes a second, deliberate tap."""

    def button(label: str, data: CallbackData) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=data.pack())

    name = host.details.display_name
    return InlineKeyboardMarkup(
        [
            [button(t.gettext("✅ Yes, approve {name}", name=name), VetApproveYes(host.id))],
            [button(t.gettext("↩️ Back"), VetCard(host.id))],
        ]
    )


def _buttons(t: Translator, host: HostProfile) -> list[list[InlineKeyboardButton]]:
    name = host.details.display_name

    def button(label: str, data: CallbackData) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=data.pack())

    if host.status is HostStatus.PENDING:
        return [
            [
                button(t.gettext("✅ Approve {name}", name=name), VetApprove(host.id)),
                button(t.gettext("❌ Refuse {name}", name=name), VetReject(host.id)),
            ]
        ]
    if host.status is HostStatus.VETTED:
        return [[button(t.gettext("⏸ Suspend {name}", name=name), VetSuspend(host.id))]]
    if host.status is HostStatus.SUSPENDED:
        return [[button(t.gettext("▶️ Reinstate {name}", name=name), VetReinstate(host.id))]]
    return [[button(t.gettext("✅ Approve {name}", name=name), VetApprove(host.id))]]


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(REJECT, _complete_reject))
    registry.add(Flow(SUSPEND, _complete_suspend))
