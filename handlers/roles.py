"""Admins name dispatchers (for one site or every site) by invite link or by Telegram number,
and take the role back; everyone named is told, and every change is audited."""

from __future__ import annotations

import secrets
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.callbacks import CallbackData
from bot.context import BotContext
from bot.sites import site_names
from dispatch.accounts import Role
from dispatch.deeplinks import invite_payload
from dispatch.inputs import read_id
from dispatch.permissions import Permission, Scope
from handlers.permits import actor_id, permitted
from handlers.replies import answer, show
from jobs.delivery import deliver_outbox
from usecases.roles import grant_role, revoke_role
from views import roles_texts
from views.roles_keys import RolesInvite, RolesRevoke

INVITE_DAYS = 7


async def dispatchers_command(update: Update, context: BotContext) -> None:
    """/dispatchers, /dispatchers add N [SITE], /dispatchers remove N."""
    if not await permitted(update, context, Permission.ADMINISTER, Scope.EVERY_SITE):
        return
    args = list(context.args or [])
    if not args:
        await _list(update, context)
        return
    action = args[0].lower()
    numbers = [n for n in (read_id(a) for a in args[1:]) if n is not None]
    if action == "add" and numbers:
        site_id = numbers[1] if len(numbers) > 1 else None
        await _grant(update, context, numbers[0], site_id)
    elif action == "remove" and numbers:
        await _revoke(update, context, numbers[0])
    else:
        await show(update, roles_texts.usage(context.t))


async def invite_pressed(update: Update, context: BotContext, pressed: RolesInvite) -> None:
    """Invite-link and revoke buttons; the admin's role is checked on every press."""
    if await permitted(update, context, Permission.ADMINISTER, Scope.EVERY_SITE):
        await answer(update)
        await _invite(update, context, pressed.site_id or None)


async def revoke_pressed(update: Update, context: BotContext, pressed: RolesRevoke) -> None:
    if await permitted(update, context, Permission.ADMINISTER, Scope.EVERY_SITE):
        await answer(update)
        await _revoke(update, context, pressed.user_id)


async def _list(update: Update, context: BotContext) -> None:
    t, names = context.t, await site_names(context)
    grants = await context.store.users.holders(Role.DISPATCHER)
    rows = [
        [_button(t.gettext("🔗 Invite link: {site}", site=name), RolesInvite(site_id))]
        for site_id, name in names.items()
    ]
    rows.append([_button(t.gettext("🔗 Invite link: every site"), RolesInvite(0))])
    for user_id in dict.fromkeys(g.user_id for g in grants):
        label = t.gettext("🗑 Remove {user}", user=str(user_id))
        rows.append([_button(label, RolesRevoke(user_id))])
    await show(update, roles_texts.dispatchers(t, grants, names), InlineKeyboardMarkup(rows))


async def _invite(update: Update, context: BotContext, site_id: int | None) -> None:
    names = await site_names(context)
    if site_id is not None and site_id not in names:
        site_id = None
    token, now = secrets.token_urlsafe(12), context.now()
    expires = now + timedelta(days=INVITE_DAYS)
    await context.store.invites.create(
        token, Role.DISPATCHER, site_id, await actor_id(context), now, expires
    )
    link = f"https://t.me/{context.bot.username}?start={invite_payload(token)}"
    site = roles_texts.where(context.t, site_id, names)
    message = update.effective_message
    if message is not None:
        await message.reply_text(roles_texts.invite(context.t, link, site, expires))


async def _grant(update: Update, context: BotContext, user_id: int, site_id: int | None) -> None:
    names = await site_names(context)
    if site_id is not None and site_id not in names:
        await show(update, roles_texts.usage(context.t))
        return
    now = context.now()
    await grant_role(
        context.services, user_id, Role.DISPATCHER, site_id, await actor_id(context), now
    )
    await show(
        update,
        roles_texts.granted(context.t, user_id, roles_texts.where(context.t, site_id, names)),
    )
    await deliver_outbox(context)


async def _revoke(update: Update, context: BotContext, user_id: int) -> None:
    removed = await revoke_role(
        context.services, user_id, Role.DISPATCHER, await actor_id(context), context.now()
    )
    t = context.t
    await show(
        update,
        roles_texts.revoked(t, user_id) if removed else roles_texts.not_a_dispatcher(t, user_id),
    )
    await deliver_outbox(context)


def _button(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())
