"""The drivers' weekly pattern reminder: on their days, at their time, one tap to drive tonight."""

from __future__ import annotations

from bot.context import BotContext
from dispatch.drivers import DriverStatus
from dispatch.patterns import reminder_due
from jobs.reminders import remind
from views import driver_keys, driver_texts

INTERVAL_SECONDS = 60


async def send_driver_reminders(context: BotContext) -> int:
    """Ask each vetted driver whose reminder is due and who has no shift tonight yet; the
    database guarantees one reminder per night."""
    store, now, sent = context.store, context.now(), 0
    sites = {site.id: site for site in await store.sites.all()}
    for pattern in await store.shifts.patterns():
        site = sites.get(pattern.site_id)
        night = reminder_due(pattern, site, now) if site else None
        driver = await store.drivers.get(pattern.driver_id) if night else None
        if night is None or driver is None or driver.status is not DriverStatus.VETTED:
            continue
        if any(s.night == night for s in await store.shifts.since(driver.id, night)):
            continue
        if not await store.shifts.claim_reminder(driver.id, night):
            continue
        t = await context.bot_data.translator_of(driver.user_id)
        text = driver_texts.pattern_reminder(t, pattern.starts, pattern.ends)
        markup = driver_keys.reminder(t, night.isoformat())
        sent += await remind(context, driver.user_id, text, markup)
    return sent
