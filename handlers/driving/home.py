"""Where a driver lands: /drive (charter, registration, home) and a profile change."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from bot.sites import all_sites, tonight
from dispatch.driver_forms import DRIVER_REGISTRATION
from dispatch.drivers import DriverProfile, DriverStatus, Shift
from dispatch.driving import answers_from_details, details_from_answers, needs_charter
from dispatch.forms import Choices, Labels
from dispatch.models import Site
from handlers import forms
from handlers.flows import Flow, FlowRegistry
from handlers.replies import show
from jobs import alerts
from usecases import drivers
from views import driver_keys, driver_texts
from views.driver_callbacks import DriveHome, DriveRegister


async def drive_command(update: Update, context: BotContext) -> None:
    """/drive: register, wait for vetting, or tonight's shift."""
    await open_driving(update, context)


async def on_home(update: Update, context: BotContext, _: DriveHome) -> None:
    await open_driving(update, context)


async def on_register(update: Update, context: BotContext, _: DriveRegister) -> None:
    driver = await driver_of(context)
    if driver is not None and driver.status in (DriverStatus.REJECTED, DriverStatus.SUSPENDED):
        await show(update, driver_texts.not_active(context.t))
        return
    # A change goes over every answer again, from the name on (the charter stands).
    known = {} if driver is None else {"charter": "accept"}
    await forms.begin(update, context, DRIVER_REGISTRATION.name, known)


async def driver_of(context: BotContext) -> DriverProfile | None:
    if context.account is None:
        return None
    return await context.store.drivers.by_user(context.account.user_id)


async def open_driving(update: Update, context: BotContext) -> None:
    """Where a driver lands."""
    if await forms.resume(update, context, DRIVER_REGISTRATION.name):
        return
    t, driver = context.t, await driver_of(context)
    if driver is None:
        await show(update, driver_texts.intro(t), driver_keys.register(t))
    elif needs_charter(driver):  # a new charter: read and accept it, nothing else
        answers = answers_from_details(driver.details)
        await forms.begin(update, context, DRIVER_REGISTRATION.name, answers)
    elif driver.status is DriverStatus.PENDING:
        await show(update, driver_texts.awaiting_vetting(t), driver_keys.pending(t))
    elif driver.status is not DriverStatus.VETTED:
        await show(update, driver_texts.not_active(t))
    else:
        await _home(update, context, driver)


async def _sites(context: BotContext, driver: DriverProfile) -> list[Site]:
    return [s for s in await context.store.sites.all() if s.id in driver.details.site_ids]


async def tonight_shift(
    context: BotContext, driver: DriverProfile
) -> tuple[Site | None, Shift | None]:
    """The driver's active shift for the night in progress at its site, and that site (the
    first they drive for when there is no shift)."""
    sites = await _sites(context, driver)
    if not sites:
        return None, None
    now = context.now()
    nights = {s.id: tonight(s, now)[0] for s in sites}
    found = await context.store.shifts.since(driver.id, min(nights.values()))
    current = drivers.tonight_shift(found, nights)
    site = next((s for s in sites if current and s.id == current.site_id), sites[0])
    return site, current


async def _home(update: Update, context: BotContext, driver: DriverProfile) -> None:
    t = context.t
    site, current = await tonight_shift(context, driver)
    night, closes_at = tonight(site, context.now()) if site else (context.now().date(), None)
    lines = [driver_texts.home(t, driver.details.display_name), ""]
    if current is not None and site is not None:
        summary = driver_texts.shift(
            t, site.name_in(t.locale), current.starts, current.ends, current.seats, current.trips
        )
        lines.append(driver_texts.shift_tonight(t, night, summary))
    else:
        lines.append(driver_texts.no_shift(t, night))
    pattern = await context.store.shifts.pattern(driver.id)
    locked = closes_at is None or context.now() >= closes_at
    markup = driver_keys.home(
        t, has_shift=current is not None, locked=locked, has_pattern=pattern is not None
    )
    await show(update, "\n".join(lines), markup)


async def _complete_registration(
    update: Update, context: BotContext, answers: dict[str, Any]
) -> None:
    """Save the profile; a first registration or a change to whom they drive is announced to
    the dispatchers, and the driver is told what happens next."""
    user = update.effective_user
    assert user is not None
    t, mixed = context.t, await context.store.drivers.mixed_sites()
    done = await drivers.register(
        context.services, user.id, details_from_answers(answers, mixed), context.now()
    )
    await context.store.drafts.delete(user.id)
    driver, name = done.driver, done.driver.details.display_name
    if done.new:
        await show(update, driver_texts.registered(t, name))
        await alerts.to_dispatchers(
            context, lambda tr: driver_texts.new_driver_alert(tr, driver.id, name)
        )
    elif done.back_to_vetting:
        await show(update, driver_texts.back_to_vetting(t), driver_keys.back_home(t))
        await alerts.to_dispatchers(
            context, lambda tr: driver_texts.revet_alert(tr, driver.id, name)
        )
    else:
        await show(update, driver_texts.profile_saved(t), driver_keys.back_home(t))


async def _registration_options(context: BotContext) -> tuple[Choices, Labels]:
    choices, labels = await all_sites(context)
    mixed = tuple(str(s) for s in sorted(await context.store.drivers.mixed_sites()))
    return {**choices, "mixed": mixed}, labels


def _summary(context: BotContext, answers: dict[str, Any], labels: Labels) -> str:
    # The options offered already follow the site's rule; the summary only shows the answers.
    details = details_from_answers(answers, {int(s) for s in answers["sites"]})
    return driver_texts.profile(context.t, details, {int(k): v for k, v in labels.items()})


def install_flows(registry: FlowRegistry) -> None:
    registry.add(
        Flow(
            DRIVER_REGISTRATION,
            _complete_registration,
            runtime=_registration_options,
            summary=_summary,
        )
    )
