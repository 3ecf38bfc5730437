"""The dispatchers' drivers: /drivers lists the drivers of a site (those waiting first), each
on its own card with its buttons; approve, refuse, suspend, reinstate. Only the dispatchers of
the driver's sites see a driver; every press checks the role and the sites again."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.sites import site_names, tonight
from dispatch.drivers import DriverProfile, DriverStatus, Shift
from dispatch.incident_forms import BLOCK
from dispatch.permissions import Permission, Scope, allowed, allowed_all, allowed_any
from handlers import forms
from handlers.permits import actor_id, permitted, refuse
from handlers.replies import answer, show
from jobs.delivery import deliver_outbox
from usecases import drivers
from views import driver_keys, driver_texts
from views.driver_callbacks import CarRule, DriverBlock, DriverDecision, DriversOfSite

PAGE = 20


async def drivers_command(update: Update, context: BotContext) -> None:
    """/drivers: the drivers of the one site this person vets, or a choice of their sites."""
    if not await permitted(update, context, Permission.VET, Scope.SOME_SITE):
        return
    admins = context.config.admin_ids
    mine = [
        (s.id, s.name_in(context.t.locale))
        for s in await context.store.sites.all()
        if allowed(context.account, Permission.VET, admins, s.id)
    ]
    if len(mine) == 1:
        await _show_site(update, context, mine[0][0])
        return
    await show(update, driver_texts.choose_site(context.t), driver_keys.sites(context.t, mine))


async def on_site(update: Update, context: BotContext, pressed: DriversOfSite) -> None:
    if await permitted(update, context, Permission.VET, pressed.site_id):
        await _show_site(update, context, pressed.site_id)


async def _show_site(update: Update, context: BotContext, site_id: int) -> None:
    t, site = context.t, await context.store.sites.get(site_id)
    if site is None:
        await show(update, driver_texts.no_drivers(t))
        return
    night = tonight(site, context.now())[0]
    shifts = {s.driver_id: s for s in await context.store.shifts.vetted(site_id, night)}
    found = await context.store.drivers.of_sites([site_id])
    on = site_id not in await context.store.drivers.mixed_sites()
    lines = [driver_texts.list_heading(t, site.name_in(t.locale)), driver_texts.car_rule(t, on)]
    lines += [] if found else [driver_texts.no_drivers(t)]
    admin = allowed(context.account, Permission.ADMINISTER, context.config.admin_ids, site_id)
    await show(update, "\n\n".join(lines), driver_keys.car_rule(t, site_id, on) if admin else None)
    names = await site_names(context)
    chat = update.effective_chat
    for driver in found[:PAGE]:  # each card under its own buttons
        text, markup = _card(context, driver, names, shifts.get(driver.id))
        if chat is not None:
            await context.bot.send_message(chat.id, text, reply_markup=markup)


async def on_car_rule(update: Update, context: BotContext, pressed: CarRule) -> None:
    """An admin switches the site's rule; drivers already vetted keep their answers, and the
    matching reads the setting each time."""
    if not await permitted(update, context, Permission.ADMINISTER, pressed.site_id):
        return
    now, actor = context.now(), await actor_id(context)
    if not await context.store.drivers.set_car_non_mixite(pressed.site_id, pressed.on, actor, now):
        await answer(update, driver_texts.no_drivers(context.t), alert=True)
        return
    await answer(update)
    await _show_site(update, context, pressed.site_id)


def _card(
    context: BotContext, driver: DriverProfile, names: dict[int, str], shift: Shift | None
) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    return driver_texts.card(t, driver, names, shift), driver_keys.card(t, driver)


def _sees(context: BotContext, driver: DriverProfile) -> bool:
    ids, admins = driver.details.site_ids, context.config.admin_ids
    return allowed_any(context.account, Permission.VET, admins, ids)


async def on_decision(update: Update, context: BotContext, pressed: DriverDecision) -> None:
    """Suspending protects the people of any one of the driver's sites; letting a driver in
    (or out for good) opens or closes every site they drive for, so it takes all of them."""
    if not await permitted(update, context, Permission.VET, Scope.SOME_SITE):
        return
    t = context.t
    driver = await context.store.drivers.get(pressed.driver_id)
    if driver is None or not _sees(context, driver) or pressed.status is DriverStatus.PENDING:
        await answer(update, driver_texts.no_such_driver(t), alert=True)
        return
    ids, admins = driver.details.site_ids, context.config.admin_ids
    check = allowed_any if pressed.status is DriverStatus.SUSPENDED else allowed_all
    if not check(context.account, Permission.VET, admins, ids):
        await refuse(update, context, Permission.VET)
        return
    name = driver.details.display_name
    if pressed.status is DriverStatus.VETTED and not pressed.confirmed:
        await show(
            update, driver_texts.confirm_approval(t, name), driver_keys.confirm_approval(t, driver)
        )
        return
    await answer(update)
    previous = await drivers.decide(
        context.services, driver.id, pressed.status, await actor_id(context), context.now()
    )
    if previous is None:
        await show(update, driver_texts.decision_stale(t))
        return
    await show(update, driver_texts.decision_done(t, pressed.status, name))
    await deliver_outbox(context)


async def on_block(update: Update, context: BotContext, pressed: DriverBlock) -> None:
    """Block a driver of one's sites: the blocking form asks the reason, then takes them out
    of tonight (their shifts are withdrawn) like anyone blocked."""
    if not await permitted(update, context, Permission.DISPATCH, Scope.SOME_SITE):
        return
    driver = await context.store.drivers.get(pressed.driver_id)
    admins = context.config.admin_ids
    ids = driver.details.site_ids if driver else ()
    if driver is None or not allowed_any(context.account, Permission.DISPATCH, admins, ids):
        await answer(update, driver_texts.no_such_driver(context.t), alert=True)
        return
    await forms.begin(update, context, BLOCK.name, {"user": driver.user_id})
