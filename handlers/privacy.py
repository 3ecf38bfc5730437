"""/forget and /mydata (the retention purge is jobs/purge.py).

/forget erases at once after a confirmation. Someone others depend on tonight (a host with a
live match, a driver with a ride tonight, a dispatcher whose walk-ins still ask) is asked to
hand over first: a host declines unconfirmed proposals, the dispatchers are alerted to move
confirmed guests or give the ride to another driver, and a walk-in's dispatcher waits until
the night is over. Nobody is left at the meeting point for a deletion.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import BotContext
from bot.sites import current_request, site_names
from dispatch.retention import night_in_progress
from handlers.replies import show
from jobs import alerts
from jobs.delivery import deliver_outbox
from storage.privacy import Busy
from usecases.privacy import forget_person
from views import driver_texts, mydata_texts, privacy_keys, privacy_texts
from views.privacy_keys import PrivacyErase, PrivacyKeep

log = logging.getLogger(__name__)


async def forget_command(update: Update, context: BotContext) -> None:
    """Explain what erasing means and ask to confirm, unless someone depends on them tonight."""
    user = update.effective_user
    if user is None:
        return
    busy = await _busy(context, user.id)
    if busy:
        await _hand_over(update, context, user.id, busy)
        return
    if await _driving(update, context, user.id):
        return
    request = await current_request(context, user.id)
    expected = (
        request is not None
        and await context.store.evening.live_for_guest(user.id, request.night) is not None
    )
    await show(
        update,
        privacy_texts.forget_explanation(context.t, expected),
        privacy_keys.confirm_forget(context.t),
    )


async def keep_pressed(update: Update, context: BotContext, _: PrivacyKeep) -> None:
    await show(update, privacy_texts.kept(context.t))


async def erase_pressed(update: Update, context: BotContext, _: PrivacyErase) -> None:
    """The presser is the person erased: the data names nobody."""
    user = update.effective_user
    if user is None:
        return
    # A proposal may have come in since the question.
    busy = await _busy(context, user.id)
    if busy:
        await _hand_over(update, context, user.id, busy)
        return
    if await _driving(update, context, user.id):
        return
    if await forget_person(context.services, user.id, context.now()):
        await deliver_outbox(context)  # the host expecting them hears it now, not at the tick
    await show(update, privacy_texts.forgotten(context.t))


async def mydata_command(update: Update, context: BotContext) -> None:
    """Everything stored about the sender, in their language, in as many messages as needed."""
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    data = await context.store.privacy.export(user.id)
    text = mydata_texts.everything(
        context.t, data, await site_names(context), context.config.retention_days
    )
    for chunk in privacy_texts.split(text):
        await message.reply_text(chunk)


async def _busy(context: BotContext, user_id: int) -> Busy:
    """What they carry at each site, from the night in progress there (zones differ)."""
    now = context.now()
    nights = {s.id: night_in_progress(now, s.zone) for s in await context.store.sites.all()}
    return await context.store.privacy.busy(user_id, nights)


async def _driving(update: Update, context: BotContext, user_id: int) -> bool:
    """A driver with a ride still to drive tonight hands it over first: the dispatchers are
    alerted to give it to another driver."""
    now = context.now()
    nights = {s.id: night_in_progress(now, s.zone) for s in await context.store.sites.all()}
    if not await context.store.shifts.live_rides(user_id, nights):
        return False
    await show(update, driver_texts.hand_over_first(context.t))
    driver = await context.store.drivers.by_user(user_id)
    if driver is not None:
        name = driver.details.display_name
        await alerts.to_dispatchers(context, lambda t: driver_texts.hand_over_alert(t, name))
    return True


async def _hand_over(update: Update, context: BotContext, user_id: int, busy: Busy) -> None:
    await show(update, privacy_texts.hand_over_first(context.t, busy.hosting, busy.walk_ins))
    host = await context.store.hosts.by_user(user_id) if busy.hosting else None
    if host is not None:
        name, groups = host.details.display_name, busy.hosting
        await alerts.to_dispatchers(
            context, lambda t: privacy_texts.hand_over_alert(t, name, groups)
        )
