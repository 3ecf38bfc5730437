"""The evening a trainee finds in `nightdispatch chat`: a trainer, hosts and guests, seeded.

A dispatcher in training needs a board with figures, a vetting queue and offers to look at;
a host needs someone asking so the cut-off proposes a guest; a guest needs a host who says
yes. They are played through the emulator with the demo's own steps, so what the trainee sees
is what the bot really does, and a trainer confirms or approves when a scenario needs it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.app import NightApplication
from emulator import BotApiEmulator
from tools.actors import Person
from tools.demo import ADMIN as ADMIN
from tools.demo import GUESTS, HOSTS, ask_for_a_bed, register_host, register_only

LOCALES = ("fr", "nl", "en", "ar")
MEETING_POINT = ("Gare du Nord", "Rue du Progrès 86, Bruxelles", 50.8605, 4.3616)
EVENING_START = time(18, 0)


class TrainingClock:
    """The bot's clock: it runs like a real one, and the trainee can move it forward."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(UTC)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def move_to(self, moment: datetime) -> None:
        self._offset = moment - datetime.now(UTC)

    def next(self, at: time, zone: ZoneInfo) -> datetime:
        """The next moment the site's wall clock shows `at` (today, or else tomorrow)."""
        local = self().astimezone(zone)
        moment = datetime.combine(local.date(), at, tzinfo=zone)
        return moment if moment > local else moment + timedelta(days=1)

    @classmethod
    def this_evening(cls, zone: ZoneInfo) -> TrainingClock:
        """Today at 18:00 on the site's clock: an hour before the default cut-off."""
        today = datetime.now(zone).date()
        return cls(datetime.combine(today, EVENING_START, tzinfo=zone))


@dataclass
class Cast:
    """The people the trainee shares the evening with."""

    trainer: Person
    hosts: list[Person] = field(default_factory=list)
    guests: list[Person] = field(default_factory=list)


# What each role finds: (vetted hosts with offers, hosts awaiting vetting, guests asking).
SCENES: dict[str, tuple[int, int, int]] = {
    "guest": (2, 0, 0),
    "host": (0, 0, 3),
    "dispatcher": (3, 2, 4),
}


async def set_meeting_point(application: NightApplication) -> None:
    """Give the default site a public meeting point with coordinates, so pins are sent."""
    store = application.bot_data.store
    for site in await store.sites.all():
        if site.latitude is None:
            name, address, latitude, longitude = MEETING_POINT
            await store.sites.update(
                replace(
                    site,
                    meeting_point_name=site.meeting_point_name or name,
                    meeting_point_address=site.meeting_point_address or address,
                    latitude=latitude,
                    longitude=longitude,
                )
            )


async def seed(emulator: BotApiEmulator, role: str, fresh: bool) -> Cast:
    """Start the trainer and, on a new database, play the role's evening up to now."""
    cast = Cast(Person.join(emulator, ADMIN, "en", "Trainer"))
    await cast.trainer.command("start")
    if not fresh:
        return cast
    vetted, pending, asking = SCENES[role]
    steps = [_hosts(emulator, cast, vetted, pending)]
    for index, (name, who, women, men, children) in enumerate(_guests(asking)):
        guest = Person.join(emulator, 500 + index, LOCALES[index % 4], name)
        steps.append(ask_for_a_bed(guest, name, who, (women, men, children)))
        cast.guests.append(guest)
    # Guests write in their own chats and never to the trainer: they may ask meanwhile.
    await asyncio.gather(*steps)
    return cast


async def _hosts(emulator: BotApiEmulator, cast: Cast, vetted: int, pending: int) -> None:
    """One after the other: `/approve N` relies on host N being the N-th to register."""
    for number, plan in enumerate(HOSTS[: vetted + pending], start=1):
        host = Person.join(emulator, 100 + number, LOCALES[number % 4], plan.name)
        if number <= vetted:
            await register_host(cast.trainer, host, plan, number)
            cast.hosts.append(host)
        else:
            await register_only(cast.trainer, host, plan)


def _guests(count: int) -> Sequence[tuple[str, str, int, int, int]]:
    """A man alone, a woman alone, a family...: something for most households to accept."""
    mixed = [GUESTS[1], GUESTS[0], GUESTS[2], *GUESTS[3:]]
    return mixed[:count]


async def confirm_proposals(cast: Cast) -> int:
    """Seeded hosts say yes to every proposal they hold, as a willing host would."""
    pressed = 0
    for host in cast.hosts:
        label = host._("✅ I confirm")
        for message in list(host.user.messages):
            if message.button_data(label):
                await host.user.press(label, message=message)
                pressed += 1
    return pressed


async def approve(application: NightApplication, cast: Cast, user_id: int) -> bool:
    """The trainer vets the trainee's host profile, as a dispatcher would; False if none."""
    for host in await application.bot_data.store.hosts.pending():
        if host.user_id == user_id:
            await cast.trainer.user.command("approve", str(host.id))
            return True
    return False
