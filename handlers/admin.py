"""Admin commands. For now: approving hosts (the dispatchers' vetting queue comes later)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden

from bot import callbacks, render, render_host, summaries
from bot.context import BotContext
from bot.i18n import resolve_locale
from dispatch.permissions import is_admin
from dispatch.models import HostStatus
from handlers.replies import answer, show
from handlers.sites import site_names


def _is_admin(context: BotContext) -> bool:
    account = context.account
    return account is not None and is_admin(account, context.config.admin_ids)


async def approve_command(update: Update, context: BotContext) -> None:
    """/approve lists the hosts waiting; /approve N approves host number N."""
    if not _is_admin(context):
        await show(update, render.not_allowed(context.t))
        return
    if context.args and context.args[0].isdecimal():
        await _approve(update, context, int(context.args[0]))
        return
    await _list_pending(update, context)


async def on_button(update: Update, context: BotContext) -> None:
    """The Approve button under a waiting host; the admin's role is checked again."""
    query = update.callback_query
    pressed = callbacks.parse(query.data if query else None)
    if query is None or pressed is None or not _is_admin(context):
        if query:
            await answer(update, render.not_allowed(context.t), alert=True)
        return
    if pressed.action == "approve" and pressed.args and pressed.args[0].isdecimal():
        await _approve(update, context, int(pressed.args[0]))


async def _list_pending(update: Update, context: BotContext) -> None:
    t = context.t
    pending = await context.store.hosts.pending()
    names = await site_names(context)
    parts = [render_host.pending_list_heading(t, len(pending))]
    buttons = []
    for host in pending[:10]:
        parts.append(f"<b>#{host.id}</b>\n" + summaries.host_profile(t, host.details, names))
        label = t.gettext("✅ Approve {name}", name=host.details.display_name)
        buttons.append(
            [
                InlineKeyboardButton(
                    label, callback_data=callbacks.encode("admin", "approve", host.id)
                )
            ]
        )
    await show(update, "\n\n".join(parts), InlineKeyboardMarkup(buttons) if buttons else None)


async def _approve(update: Update, context: BotContext, host_id: int) -> None:
    host = await context.store.hosts.get(host_id)
    if host is None or host.status is not HostStatus.PENDING:
        await show(update, render_host.no_such_host(context.t))
        return
    now = context.now()
    await context.store.hosts.set_status(host.id, HostStatus.VETTED, now)
    actor = context.account.user_id if context.account else None
    await context.store.audit.record(now, actor, "host.approve", f"host:{host.id}")
    await show(update, render_host.approval_done(context.t, host.details.display_name))
    await _tell_host(context, host.user_id)


async def _tell_host(context: BotContext, user_id: int) -> None:
    """The host hears of the approval in their own language."""
    account = await context.store.users.get(user_id)
    locale = resolve_locale(
        account.locale if account else None, None, context.config.default_locale
    )
    try:
        await context.bot.send_message(
            user_id, render_host.approved(context.bot_data.translators[locale])
        )
    except Forbidden:
        await context.store.users.mark_unreachable(user_id)
