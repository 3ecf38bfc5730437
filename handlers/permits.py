"""Asking dispatch.permissions before acting, and saying no in the user's language."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from dispatch.models import Site
from dispatch.permissions import Permission, Scope, Where, allowed, is_dispatcher
from handlers.replies import answer, show
from views import common_texts, sites_texts


async def permitted(
    update: Update, context: BotContext, permission: Permission, where: Where
) -> bool:
    """True if allowed there; otherwise the user is told so (an alert for a pressed button)."""
    if allowed(context.account, permission, context.config.admin_ids, where):
        return True
    await refuse(update, context, permission)
    return False


async def dispatch_site(update: Update, context: BotContext, site_id: int) -> Site | None:
    """The site a dispatcher's button names, if the presser dispatches there; None once the
    refusal is given (or for a site that is gone, left to the stale-button answer)."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return None
    site = await context.store.sites.get(site_id)
    if site is None or not await permitted(update, context, Permission.DISPATCH, site.id):
        return None
    return site


async def refuse(update: Update, context: BotContext, permission: Permission) -> None:
    """The refusal itself, for a check made some other way (a site among several)."""
    text = (
        sites_texts.admins_only(context.t)
        if permission is Permission.ADMINISTER
        else common_texts.not_allowed(context.t)
    )
    if update.callback_query is not None:
        await answer(update, text, alert=True)
    else:
        await show(update, text)


async def actor_id(context: BotContext) -> int:
    """Who is acting, for the audit log (only called once `permitted` said yes)."""
    assert context.account is not None
    return context.account.user_id


async def command_roles(context: BotContext) -> dict[str, bool]:
    """Which extra commands this person should be told about."""
    account = context.account
    if account is None:
        return {"host": False, "dispatcher": False}
    host = await context.store.hosts.by_user(account.user_id)
    return {
        "host": host is not None,
        "dispatcher": is_dispatcher(account, context.config.admin_ids),
    }
