"""Tonight's shift (/shift) until the site's cut-off, its withdrawal, the weekly pattern and
the answer to its reminder. Each press re-reads the stored profile."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from babel.dates import get_day_names
from telegram import Update

from bot.context import BotContext
from bot.sites import all_sites, tonight
from dispatch.driver_forms import DRIVER_PATTERN, SHIFT
from dispatch.drivers import DriverPattern, DriverProfile, DriverStatus
from dispatch.forms import Choices, Labels
from dispatch.inputs import Problem
from handlers import forms
from handlers.driving.home import driver_of, open_driving, tonight_shift
from handlers.flows import Flow, FlowRegistry
from handlers.replies import show
from usecases import drivers
from usecases.drivers import ShiftAnswer, ShiftTerms
from views import driver_keys, driver_texts
from views.driver_callbacks import DrivePattern, DriveReminder, DriveShift, DriveWithdraw


async def shift_command(update: Update, context: BotContext) -> None:
    """/shift: tonight's shift in a few taps."""
    await on_shift(update, context, DriveShift())


async def _vetted(update: Update, context: BotContext) -> DriverProfile | None:
    driver = await driver_of(context)
    if driver is None or driver.status is not DriverStatus.VETTED:
        await open_driving(update, context)
        return None
    return driver


async def on_shift(update: Update, context: BotContext, _: DriveShift) -> None:
    """Start tonight's shift, or say why it cannot change now."""
    driver = await _vetted(update, context)
    if driver is None:
        return
    site, current = await tonight_shift(context, driver)
    if site is None or (current is not None and context.now() >= tonight(site, context.now())[1]):
        await show(update, driver_texts.shift_locked(context.t), driver_keys.back_home(context.t))
        return
    known: dict[str, Any] = {}
    if current is not None:
        known = {"site": str(current.site_id)} if len(driver.details.site_ids) > 1 else {}
    await forms.begin(update, context, SHIFT.name, known)


async def on_withdraw(update: Update, context: BotContext, pressed: DriveWithdraw) -> None:
    driver = await _vetted(update, context)
    if driver is None:
        return
    t = context.t
    site, current = await tonight_shift(context, driver)
    if site is None or current is None:
        await open_driving(update, context)
        return
    if not pressed.confirmed:
        await show(update, driver_texts.confirm_withdraw(t), driver_keys.confirm_withdraw(t))
        return
    closes_at = tonight(site, context.now())[1]
    done = await drivers.withdraw_shift(
        context.services, driver.user_id, current, closes_at, context.now()
    )
    if done is ShiftAnswer.LOCKED:
        await show(update, driver_texts.shift_locked(t), driver_keys.back_home(t))
    elif done is ShiftAnswer.WITHDRAWN:
        await show(update, driver_texts.shift_withdrawn(t), driver_keys.back_home(t))
    else:
        await open_driving(update, context)


async def save_shift(
    update: Update, context: BotContext, site_id: int, terms: ShiftTerms, night: date | None = None
) -> None:
    """Tonight's shift at this site (a reminder names its night: an older one is refused)."""
    t, now = context.t, context.now()
    site = await context.store.sites.get(site_id)
    tonight_at = tonight(site, now) if site else None
    if site is None or tonight_at is None or (night is not None and night != tonight_at[0]):
        await show(update, driver_texts.shift_locked(t), driver_keys.back_home(t))
        return
    user_id = context.account.user_id if context.account else 0
    saved = await drivers.save_shift(
        context.services, user_id, site.id, tonight_at[0], tonight_at[1], terms, now
    )
    if saved is ShiftAnswer.SAVED:
        await show(update, driver_texts.shift_saved(t, site.cutoff), driver_keys.back_home(t))
    elif saved is ShiftAnswer.LOCKED:
        await show(update, driver_texts.shift_locked(t), driver_keys.back_home(t))
    else:
        await show(update, driver_texts.not_your_site(t), driver_keys.back_home(t))


def _terms(answers: dict[str, Any]) -> ShiftTerms:
    return ShiftTerms(
        starts=time.fromisoformat(answers["starts"]),
        ends=time.fromisoformat(answers["ends"]),
        seats=int(answers["seats"]),
        trips=int(answers["trips"]),
    )


async def _complete_shift(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    # Saved before the draft goes: a restart in between saves the same shift again.
    await save_shift(update, context, int(answers["site"]), _terms(answers))
    if context.account is not None:
        await context.store.drafts.delete(context.account.user_id)


async def on_pattern(update: Update, context: BotContext, pressed: DrivePattern) -> None:
    driver = await _vetted(update, context)
    if driver is None:
        return
    if pressed.stop:
        await context.store.shifts.delete_pattern(driver.id)
        t = context.t
        await show(update, driver_texts.pattern_stopped(t), driver_keys.back_home(t))
        return
    _site, current = await tonight_shift(context, driver)
    known: dict[str, Any] = {}
    if current is not None:
        known = {
            "site": str(current.site_id),
            "starts": current.starts.strftime("%H:%M"),
            "ends": current.ends.strftime("%H:%M"),
            "seats": str(current.seats),
            "trips": str(current.trips),
        }
    await forms.begin(update, context, DRIVER_PATTERN.name, known)


async def _complete_pattern(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    driver = await driver_of(context)
    if driver is None:
        return
    terms = _terms(answers)
    pattern = DriverPattern(
        driver_id=driver.id,
        site_id=int(answers["site"]),
        weekdays=frozenset(int(d) for d in answers["weekdays"]),
        reminder=time.fromisoformat(answers["reminder"]),
        starts=terms.starts,
        ends=terms.ends,
        seats=terms.seats,
        trips=terms.trips,
    )
    await context.store.shifts.save_pattern(pattern, context.now())
    await context.store.drafts.delete(driver.user_id)
    t = context.t
    names = get_day_names("wide", locale=t.babel_locale)
    days = t.gettext(", ").join(str(names[d - 1]) for d in sorted(pattern.weekdays))
    await show(
        update, driver_texts.pattern_saved(t, days, pattern.reminder), driver_keys.back_home(t)
    )


async def on_reminder(update: Update, context: BotContext, pressed: DriveReminder) -> None:
    """'Yes' sets tonight's shift from the pattern, if tonight is still open."""
    driver = await _vetted(update, context)
    pattern = await context.store.shifts.pattern(driver.id) if driver else None
    if driver is None or pattern is None:
        return
    if not pressed.drive:
        await show(update, driver_texts.pattern_declined(context.t))
        return
    try:
        night = date.fromisoformat(pressed.night)
    except ValueError:
        night = date.min
    terms = ShiftTerms(pattern.starts, pattern.ends, pattern.seats, pattern.trips)
    await save_shift(update, context, pattern.site_id, terms, night)


async def _driver_sites(context: BotContext) -> tuple[Choices, Labels]:
    """The sites the driver drives for."""
    choices, labels = await all_sites(context)
    driver = await driver_of(context)
    mine = tuple(s for s in choices["sites"] if driver and int(s) in driver.details.site_ids)
    return {"sites": mine}, labels


def _shift_summary(context: BotContext, answers: dict[str, Any], labels: Labels) -> str:
    terms = _terms(answers)
    site = labels.get(str(answers["site"]), "")
    return driver_texts.shift(context.t, site, terms.starts, terms.ends, terms.seats, terms.trips)


def _check_hours(name: str, answers: dict[str, Any]) -> Problem | None:
    """A shift ends at another time than it starts (it may run past midnight)."""
    if name == "ends" and answers.get("ends") == answers.get("starts"):
        return Problem.OUT_OF_RANGE
    return None


def install_flows(registry: FlowRegistry) -> None:
    registry.add(
        Flow(
            SHIFT,
            _complete_shift,
            runtime=_driver_sites,
            summary=_shift_summary,
            check=_check_hours,
        )
    )
    registry.add(Flow(DRIVER_PATTERN, _complete_pattern, runtime=_driver_sites, check=_check_hours))
