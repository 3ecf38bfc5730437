"""End-to-end tests' drivers: a vetted driver with tonight's shift (tests/drivers.py) who is
also a person in the emulator."""

from __future__ import annotations

from typing import Any

from emulator import BotApiEmulator
from tests.drivers import driver
from tests.e2e.people import Person
from tests.e2e.test_evening import CUTOFF


async def seat(
    bot: Any, emulator: BotApiEmulator, user_id: int, locale: str, name: str, **shift: Any
) -> Person:
    """A vetted driver with tonight's shift (registration is another feature's)."""
    person = Person.join(emulator, user_id, locale, name)
    person.user.record.started = True
    store = bot.bot_data.store
    [site] = await store.sites.all()
    night = CUTOFF.date()
    await driver(store, user_id, site.id, night, CUTOFF, CUTOFF, name=name, locale=locale, **shift)
    return person
