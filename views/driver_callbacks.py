"""The drivers' typed button data (bot.callbacks.CallbackData), one class per action: the
driver's own (home, register, shift, withdraw, pattern, reminder) and the dispatchers'."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import CallbackData
from dispatch.drivers import DriverStatus


@dataclass(frozen=True)
class DriveHome(CallbackData, prefix="drive.home"):
    """The driver's page: register, wait, or tonight's shift (also the role menu's entry)."""


@dataclass(frozen=True)
class DriveRegister(CallbackData, prefix="drive.register"):
    """Start (or go over again) the registration form."""


@dataclass(frozen=True)
class DriveShift(CallbackData, prefix="drive.shift"):
    """Set or change tonight's shift."""


@dataclass(frozen=True)
class DriveWithdraw(CallbackData, prefix="drive.withdraw"):
    confirmed: bool  # the first press asks, the second withdraws


@dataclass(frozen=True)
class DrivePattern(CallbackData, prefix="drive.pattern"):
    stop: bool


@dataclass(frozen=True)
class DriveReminder(CallbackData, prefix="drive.remind"):
    night: str  # ISO date: an answer to an older night's reminder does nothing
    drive: bool


@dataclass(frozen=True)
class DriversOfSite(CallbackData, prefix="drivers.site"):
    site_id: int


@dataclass(frozen=True)
class DriverDecision(CallbackData, prefix="drivers.vet"):
    driver_id: int
    status: DriverStatus
    confirmed: bool  # approving takes a second, deliberate tap


@dataclass(frozen=True)
class CarRule(CallbackData, prefix="drivers.carrule"):
    """An admin switches a site's non-mixité rule in cars on or off."""

    site_id: int
    on: bool


@dataclass(frozen=True)
class DriverBlock(CallbackData, prefix="drivers.block"):
    """A dispatcher of the driver's site blocks them (the reason is asked next)."""

    driver_id: int
