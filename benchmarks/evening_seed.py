"""The evening of benchmarks/evening.py, written into the bot's database before it starts, and
people home on it computed in-process, both ways.

The people, hosts and cars are those of benchmarks/rides.py (groups of every make-up counted
in people: men and women alone, couples, mothers, fathers and both parents with children,
adults together; hosts of every household with 1-6 beds; drivers of 3-7 seats, 0-3 child
seats, 1-4 trips, a man, a woman or a couple in the car), with exactly 40 % of the hosts
needing a driver. They go in through the repositories, like tests/webapp/evening.py; the
in-process figures read the evening back through the bot's own reads (storage.tonight), so
the engine sees exactly what the bot will see.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path

import aiosqlite
from rides import evening as rides_evening

from bot.app import configured_site
from bot.config import Config
from dispatch.accounts import Role
from dispatch.matching.engine import match
from dispatch.matching.model import Evening, Result
from dispatch.matching.sequential import beds_then_rides
from dispatch.models import HostDetails, HostStatus, Site
from dispatch.nights import cutoff_instant, evening_for
from dispatch.party import Party
from dispatch.privacy import CONSENT_VERSION
from dispatch.readmodels import NewRequest
from storage.store import Store
from storage.tonight import PassStore
from tests.drivers import driver

LOCALES = ("fr", "nl", "en", "ar")
FIRST_HOST, FIRST_GUEST, FIRST_DRIVER, DISPATCHER = 100_000, 200_000, 300_000, 9_000


@dataclass
class Cast:
    """Who is who tonight (Telegram ids), and each one's language."""

    site_id: int
    night: str
    hosts: set[int] = field(default_factory=set)
    guests: set[int] = field(default_factory=set)
    drivers: set[int] = field(default_factory=set)
    locale: dict[int, str] = field(default_factory=dict)
    people: int = 0
    groups: int = 0
    beds: int = 0
    ride_beds: int = 0
    seats_trips: int = 0  # trips, summed over the cars

    def roles(self) -> tuple[tuple[str, set[int]], ...]:
        return (("host", self.hosts), ("guest", self.guests), ("driver", self.drivers))


def domain_evening(seed: int, people: int, hosts: int, drivers: int) -> Evening:
    """benchmarks/rides.py's evening, with exactly 40 % of the hosts needing a driver."""
    ev = rides_evening(seed, hosts, drivers, people)
    riding = set(random.Random(seed).sample(range(len(ev.places)), round(0.4 * len(ev.places))))
    places = tuple(replace(p, needs_ride=i in riding) for i, p in enumerate(ev.places))
    return replace(ev, places=places)


async def build(database: Path, seed: int, people: int, hosts: int, drivers: int) -> Cast:
    """The evening, its round open, and a dispatcher of the site; the cast."""
    ev = domain_evening(seed, people, hosts, drivers)
    store = Store(database)
    await store.open()
    try:
        now = datetime.now(UTC)
        site = await store.sites.ensure_default(configured_site(Config(token="1:x")), now)
        site = replace(site, meeting_point_name="Gare du Nord", latitude=50.8605, longitude=4.36)
        await store.sites.update(site)
        night = evening_for(now, site.zone, site.evening_end)
        closes_at = cutoff_instant(night, site.cutoff, site.zone)
        cast = Cast(site.id, night.isoformat())
        await _people(store, site, ev, cast, now, (night, closes_at))
        for number, car in enumerate(ev.cars):
            user_id = FIRST_DRIVER + number
            cast.drivers.add(user_id)
            cast.locale[user_id] = LOCALES[number % 4]
            cast.seats_trips += car.trips
            await driver(
                store, user_id, site.id, night, closes_at, now, name=f"Driver {number}",
                crew=car.crew, drives=tuple(car.accepts), seats=car.seats,
                child_seats=car.child_seats, trips=car.trips, locale=cast.locale[user_id],
            )  # fmt: skip
        # The shifts cover the evening from now on: meetings are booked from a little after the
        # cut-off, whatever the hour this runs at (tests.drivers' 18:00-23:30 would miss them).
        starts = now.astimezone(site.zone).strftime("%H:00")
        await store.db.write("UPDATE shifts SET starts = ?, ends = '23:59'", (starts,))
        await store.users.touch(DISPATCHER, now)
        await store.users.set_locale(DISPATCHER, "en", now)
        await store.users.grant(DISPATCHER, Role.DISPATCHER, now, site_id=site.id)
        return cast
    finally:
        await store.close()


async def _people(
    store: Store, site: Site, ev: Evening, cast: Cast, now: datetime, round_: tuple[date, datetime]
) -> None:
    night, closes_at = round_
    for number, place in enumerate(ev.places):
        user_id = FIRST_HOST + number
        details = HostDetails(
            f"Host {number}", f"+32 470 {number:06d}", place.household, place.accepts,
            tuple(sorted(place.languages)), place.step_free, False, not place.needs_ride,
            (site.id,),
        )  # fmt: skip
        await _user(store, cast, user_id, LOCALES[number % 4], now)
        host = await store.hosts.register(user_id, details, 1, now)
        if place.eligible:
            await store.hosts.set_status(host.id, HostStatus.VETTED, now)
            cast.beds += place.beds
            cast.ride_beds += place.beds if place.needs_ride else 0
        await store.offers.save(
            host_id=host.id, site_id=site.id, night=night, closes_at=closes_at,
            beds=place.beds, latest_pickup=time(21, 30), nights=1, note=None, now=now,
        )  # fmt: skip
        cast.hosts.add(user_id)
    for number, group in enumerate(ev.groups):
        user_id = FIRST_GUEST + number
        await _user(store, cast, user_id, LOCALES[number % 4], now)
        await store.requests.record_consent(user_id, CONSENT_VERSION, now)
        party = Party(group.women, group.men, group.children, ("3-11",) * group.children)
        new = NewRequest(
            site.id, night, closes_at, f"G{number}", party, tuple(sorted(group.languages)),
            group.step_free, group.medical,
        )  # fmt: skip
        await store.requests.save_for_user(user_id, new, now)
        cast.guests.add(user_id)
        cast.people += group.size
        cast.groups += 1


async def _user(store: Store, cast: Cast, user_id: int, locale: str, now: datetime) -> None:
    await store.users.touch(user_id, now)
    await store.users.set_locale(user_id, locale, now)
    cast.locale[user_id] = locale


@dataclass(frozen=True)
class Home:
    """People home on the seeded evening, from the engine in this process."""

    joint: int
    sequential: int
    joint_seconds: float


def housed(result: Result, ev: Evening) -> int:
    sizes = {g.id: g.size for g in ev.groups}
    return sum(sizes[a.group_id] for a in result.assignments)


async def people_home(database: Path, cast: Cast) -> Home:
    """Joint matching vs beds then rides, on the evening as the bot reads it."""
    store = Store(database)
    await store.open()
    try:
        night = datetime.fromisoformat(cast.night).date()

        async def read(tx: aiosqlite.Connection) -> Evening:
            tonight = PassStore(tx)
            return Evening(
                tuple(await tonight.groups(cast.site_id, night)),
                tuple(await tonight.places(cast.site_id, night)),
                await tonight.blocked_pairs(night),
                tuple(await tonight.cars(cast.site_id, night)),
            )

        ev = await store.db.run(read)
    finally:
        await store.close()
    joint = match(ev)
    return Home(housed(joint, ev), housed(beds_then_rides(ev), ev), joint.seconds)


async def planned(database: Path) -> dict[str, int]:
    """What the bot planned at the cut-off and how far the evening went, from its tables."""
    async with aiosqlite.connect(database) as db:
        rows = await db.execute_fetchall(
            "SELECT m.status, r.status IS NOT NULL, r.shift_id IS NOT NULL, r.status,"
            " q.women + q.men + q.children FROM matches m JOIN requests q ON q.id = m.request_id"
            " LEFT JOIN rides r ON r.match_id = m.id"
        )
    figures = dict.fromkeys(("matched", "collected", "riding", "no_driver", "home"), 0)
    for status, ride, car, ride_status, size in rows:
        figures["matched"] += size
        figures["collected" if not ride else "riding" if car else "no_driver"] += size
        settled = not ride or ride_status == "confirmed"
        figures["home"] += size if status == "confirmed" and settled else 0
    return figures
