"""A driver's answers to an urgent appeal: "I can drive tonight" (recorded for the dispatchers'
progress) or no more appeals. Only the driver the appeal was sent to in this chat may answer."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.sites import tonight
from dispatch.appeals import AppealStatus
from handlers.replies import answer, show
from views import appeal_driver_keys, appeal_driver_texts, appeal_texts
from views.appeal_driver_keys import CanDrive as CanDrive  # registered in handlers/__init__
from views.appeal_driver_keys import DriverAppeals as DriverAppeals
from views.appeal_driver_keys import DriverOptOut as DriverOptOut


async def on_can_drive(update: Update, context: BotContext, data: CanDrive) -> None:
    user, now = update.effective_user, context.now()
    appeals = context.store.appeals
    driver = await appeals.drivers.recipient(data.appeal_id, user.id) if user else None
    appeal = await appeals.get(data.appeal_id) if driver is not None else None
    site = await context.store.sites.get(appeal.site_id) if appeal else None
    if user is None or appeal is None or site is None:
        # Not the driver this appeal went to: a forged or forwarded button.
        await answer(update, appeal_texts.not_yours(context.t), alert=True)
        return
    if tonight(site, now)[0] != appeal.night or appeal.status is AppealStatus.CANCELLED:
        await show(update, appeal_texts.too_late(context.t))
        return
    await appeals.answer(data.appeal_id, user.id, 0, now)
    thanks = appeal_driver_texts.thanks(context.t, site.name_in(context.t.locale))
    await show(update, thanks, appeal_driver_keys.after_answer(context.t, data.appeal_id))


async def on_opt_out(update: Update, context: BotContext, data: DriverOptOut) -> None:
    user = update.effective_user
    appeals = context.store.appeals
    driver = await appeals.drivers.recipient(data.appeal_id, user.id) if user else None
    if driver is None:
        await answer(update, appeal_texts.not_yours(context.t), alert=True)
        return
    await appeals.drivers.set_appeals(driver, False)
    await show(update, appeal_driver_texts.opted_out(context.t))


async def on_settings(update: Update, context: BotContext, data: DriverAppeals) -> None:
    """A driver's choice under /appeals."""
    user = update.effective_user
    found = await context.store.appeals.drivers.settings_of(user.id) if user else None
    if found is None:
        await answer(update, appeal_texts.not_yours(context.t), alert=True)
        return
    await context.store.appeals.drivers.set_appeals(found[0], data.wanted)
    await show(update, appeal_driver_texts.settings_saved(context.t, data.wanted))
