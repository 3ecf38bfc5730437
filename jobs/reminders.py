"""The weekly pattern's reminder: on the host's days, at their time, one tap to host tonight."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext
from dispatch.hosting import may_offer
from dispatch.models import HostStatus
from dispatch.patterns import reminder_due
from views import host_keys, host_texts

log = logging.getLogger(__name__)
INTERVAL_SECONDS = 60


async def send_pattern_reminders(context: BotContext) -> int:
    """Ask each host whose reminder is due; the database guarantees one reminder per night."""
    store, now, sent = context.store, context.now(), 0
    sites = {site.id: site for site in await store.sites.all()}
    for pattern in await store.patterns.all():
        site = sites.get(pattern.site_id)
        night = reminder_due(pattern, site, now) if site else None
        host = await store.hosts.get(pattern.host_id) if night else None
        if night is None or host is None or host.status is not HostStatus.VETTED:
            continue
        if not may_offer(host, night) or await store.offers.for_night(host.id, night):
            continue
        if not await store.patterns.claim_reminder(host.id, night):
            continue
        t = await context.bot_data.translator_of(host.user_id)
        text = host_texts.pattern_reminder(t, pattern.beds, pattern.latest_pickup)
        sent += await remind(context, host.user_id, text, host_keys.reminder(t, night))
    return sent


async def remind(context: BotContext, user_id: int, text: str, markup: InlineKeyboardMarkup) -> int:
    """Send one weekly reminder (a host's or a driver's); 1 if it went out. Someone who
    blocked the bot is marked unreachable; the claim already stops a second try tonight."""
    try:
        await context.bot.send_message(user_id, text, reply_markup=markup)
    except Forbidden:
        await context.store.users.mark_unreachable(user_id)
        return 0
    except BadRequest as error:
        log.warning("reminder to user %s failed: %s", user_id, type(error).__name__)
        return 0
    return 1
