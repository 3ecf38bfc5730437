"""The drivers' buttons, each a typed callback (bot.callbacks.CallbackData): the driver's own
(register, shift, withdraw, pattern, reminder) and the dispatchers' vetting cards."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import N_, Translator
from dispatch.drivers import DriverProfile, DriverStatus
from views import common_keys
from views.driver_callbacks import (
    CarRule,
    DriveHome,
    DrivePattern,
    DriverBlock,
    DriverDecision,
    DriveRegister,
    DriveReminder,
    DriversOfSite,
    DriveShift,
    DriveWithdraw,
)


def _b(label: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


def register(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_b(t.gettext("📝 Register as a driver"), DriveRegister())],
            [common_keys.back_button(t)],
        ]
    )


def pending(t: Translator) -> InlineKeyboardMarkup:
    """While a dispatcher checks the profile: the answers may still be changed."""
    return InlineKeyboardMarkup(
        [
            [_b(t.gettext("✏️ Change my details"), DriveRegister())],
            [common_keys.back_button(t)],
        ]
    )


def back_home(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b(t.gettext("↩️ Back"), DriveHome())]])


def home(
    t: Translator, *, has_shift: bool, locked: bool, has_pattern: bool
) -> InlineKeyboardMarkup:
    """`locked`: the cut-off has passed, so no button leads to a change that cannot happen."""
    rows: list[list[InlineKeyboardButton]] = []
    if not locked:
        label = (
            t.gettext("✏️ Change tonight's shift")
            if has_shift
            else t.gettext("🚗 I can drive tonight")
        )
        rows.append([_b(label, DriveShift())])
        if has_shift:
            rows.append([_b(t.gettext("🗑 Withdraw my shift"), DriveWithdraw(False))])
    if has_pattern:
        rows.append([_b(t.gettext("⏹ Stop my weekly pattern"), DrivePattern(True))])
    else:
        rows.append([_b(t.gettext("🔁 Set a weekly pattern"), DrivePattern(False))])
    rows.append([_b(t.gettext("✏️ Change my details"), DriveRegister())])
    rows.append([common_keys.back_button(t)])
    return InlineKeyboardMarkup(rows)


def confirm_withdraw(t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_b(t.gettext("✅ Yes, withdraw it"), DriveWithdraw(True))],
            [_b(t.gettext("↩️ Back"), DriveHome())],
        ]
    )


def reminder(t: Translator, night: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [_b(t.gettext("✅ Yes, I drive tonight"), DriveReminder(night, True))],
            [_b(t.gettext("Not tonight"), DriveReminder(night, False))],
        ]
    )


def sites(t: Translator, names: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_b(name, DriversOfSite(site_id))] for site_id, name in names])


def card(t: Translator, driver: DriverProfile) -> InlineKeyboardMarkup:
    name, number = driver.details.display_name, driver.id

    def decide(label: str, status: DriverStatus, confirmed: bool = True) -> InlineKeyboardButton:
        return _b(t.gettext(label, name=name), DriverDecision(number, status, confirmed))

    if driver.status is DriverStatus.PENDING:
        row = [
            decide(N_("✅ Approve {name}"), DriverStatus.VETTED, False),
            decide(N_("❌ Refuse {name}"), DriverStatus.REJECTED),
        ]
    elif driver.status is DriverStatus.VETTED:
        row = [decide(N_("⏸ Suspend {name}"), DriverStatus.SUSPENDED)]
    elif driver.status is DriverStatus.SUSPENDED:
        row = [decide(N_("▶️ Reinstate {name}"), DriverStatus.VETTED)]
    else:
        row = [decide(N_("✅ Approve {name}"), DriverStatus.VETTED, False)]
    block = _b(t.gettext("⛔ Block {name}", name=name), DriverBlock(number))
    return InlineKeyboardMarkup([row, [block]])


def confirm_approval(t: Translator, driver: DriverProfile) -> InlineKeyboardMarkup:
    name = driver.details.display_name
    yes = DriverDecision(driver.id, DriverStatus.VETTED, True)
    return InlineKeyboardMarkup([[_b(t.gettext("✅ Yes, approve {name}", name=name), yes)]])


def car_rule(t: Translator, site_id: int, on: bool) -> InlineKeyboardMarkup:
    """For admins: switch the site's non-mixité rule in cars."""
    label = (
        t.gettext("🔁 Switch off the non-mixité rule in cars")
        if on
        else t.gettext("🔁 Switch on the non-mixité rule in cars")
    )
    return InlineKeyboardMarkup([[_b(label, CarRule(site_id, not on))]])
