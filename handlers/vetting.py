"""Vetting: the queue of hosts waiting for approval, refusals and suspensions with a reason
the host receives in their language, and reinstatement. Every decision is audited."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import callbacks, render_host, render_vetting
from bot.context import BotContext
from bot.i18n import Translator
from dispatch.models import HostProfile, HostStatus
from dispatch.permissions import Permission
from dispatch.vetting_forms import REJECT, SUSPEND
from handlers import forms
from handlers.delivery import deliver_outbox
from handlers.flows import Flow, FlowRegistry
from handlers.permits import actor_id, permitted
from handlers.replies import answer, show
from handlers.sites import site_names

QUEUE_PAGE = 10


async def queue_command(update: Update, context: BotContext) -> None:
    """/vetting (or /approve): the hosts waiting, oldest first, each with its buttons;
    /approve N approves host number N at once."""
    if not await permitted(update, context, Permission.VET):
        return
    if context.args:
        host = await _host(tuple(context.args), context)
        if host is None or host.status is not HostStatus.PENDING:
            await show(update, render_host.no_such_host(context.t))
        else:
            await _decide(update, context, host, HostStatus.VETTED, "")
        return
    pending = await context.store.hosts.pending()
    await _show_hosts(
        update, context, render_host.pending_list_heading(context.t, len(pending)), pending
    )


async def hosts_command(update: Update, context: BotContext) -> None:
    """/hosts: counts by status; /hosts NAME or /hosts N: the matching hosts, with buttons."""
    if not await permitted(update, context, Permission.VET):
        return
    text = " ".join(context.args or []).strip()
    if not text:
        await show(update, render_vetting.overview(context.t, await context.store.vetting.counts()))
        return
    found = await context.store.vetting.find(text)
    if not found:
        await show(update, render_vetting.none_found(context.t, text))
        return
    await _show_hosts(update, context, "", found)


async def on_button(update: Update, context: BotContext) -> None:
    """Approve, reject, suspend, reinstate: the role is checked again on every press."""
    query = update.callback_query
    pressed = callbacks.parse(query.data if query else None)
    if query is None or pressed is None or not await permitted(update, context, Permission.VET):
        return
    host = await _host(pressed.args, context)
    if host is None:
        await answer(update, render_host.no_such_host(context.t), alert=True)
    elif pressed.action == "approve":
        await show(
            update, render_vetting.confirm_approval(context.t, host), _confirm(context.t, host)
        )
    elif pressed.action == "card":
        await _show_card(update, context, host)
    elif pressed.action in ("approve_yes", "reinstate"):
        await answer(update)
        await _decide(update, context, host, HostStatus.VETTED, "")
    elif pressed.action == "reject":
        await forms.begin(update, context, REJECT.name, {"host": host.id})
    elif pressed.action == "suspend":
        await forms.begin(update, context, SUSPEND.name, {"host": host.id})
    else:
        await answer(update, render_host.no_such_host(context.t), alert=True)


async def _host(args: tuple[str, ...], context: BotContext) -> HostProfile | None:
    if not args or not args[0].isdecimal():
        return None
    return await context.store.hosts.get(int(args[0]))


async def _decide(
    update: Update, context: BotContext, host: HostProfile, status: HostStatus, reason: str
) -> None:
    store, now, t = context.store, context.now(), context.t
    previous = await store.vetting.decide(host.id, status, reason, await actor_id(context), now)
    if previous is None:
        await show(update, render_vetting.decision_stale(t))
        return
    if status is HostStatus.SUSPENDED:
        await _take_out_offers(context, host.id)
    done = (
        render_vetting.reinstated_done(t, host.details.display_name)
        if previous is HostStatus.SUSPENDED
        else render_vetting.decision_done(t, status, host.details.display_name)
    )
    await show(update, done)
    await deliver_outbox(context)


async def _take_out_offers(context: BotContext, host_id: int) -> None:
    """A suspended host gets no guests: tonight's and later offers go, their groups wait again."""
    from handlers.overrides import take_out_offer

    today = context.now().date()
    for offer_id in await context.store.vetting.live_offers(host_id, today):
        await take_out_offer(context, offer_id, "suspended", tell_host=False)


async def _complete(
    update: Update, context: BotContext, answers: dict[str, Any], status: HostStatus
) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    if not await permitted(update, context, Permission.VET):
        return
    host = await context.store.hosts.get(int(answers["host"]))
    if host is None:
        await show(update, render_host.no_such_host(context.t))
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
        card = render_vetting.host_card(t, host, names, reason)
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
    card = render_vetting.host_card(context.t, host, await site_names(context), reason)
    await show(update, card, InlineKeyboardMarkup(_buttons(context.t, host)))


def _confirm(t: Translator, host: HostProfile) -> InlineKeyboardMarkup:
    """Approving lets someone receive guests tonight: it takes a second, deliberate tap."""

    def button(label: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=callbacks.encode("vet", action, host.id))

    name = host.details.display_name
    return InlineKeyboardMarkup(
        [
            [button(t.gettext("✅ Yes, approve {name}", name=name), "approve_yes")],
            [button(t.gettext("↩️ Back"), "card")],
        ]
    )


def _buttons(t: Translator, host: HostProfile) -> list[list[InlineKeyboardButton]]:
    name = host.details.display_name

    def button(label: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=callbacks.encode("vet", action, host.id))

    if host.status is HostStatus.PENDING:
        return [
            [
                button(t.gettext("✅ Approve {name}", name=name), "approve"),
                button(t.gettext("❌ Refuse {name}", name=name), "reject"),
            ]
        ]
    if host.status is HostStatus.VETTED:
        return [[button(t.gettext("⏸ Suspend {name}", name=name), "suspend")]]
    if host.status is HostStatus.SUSPENDED:
        return [[button(t.gettext("▶️ Reinstate {name}", name=name), "reinstate")]]
    return [[button(t.gettext("✅ Approve {name}", name=name), "approve")]]


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(REJECT, _complete_reject))
    registry.add(Flow(SUSPEND, _complete_suspend))
