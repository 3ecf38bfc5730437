"""The meeting at the meeting point: book a slot when the host confirms, "I am here" on both
sides, "how to recognise me". The meeting tick (late pickups, the end of the evening) is
usecases/meeting_tick.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

import aiosqlite

from dispatch import meeting as rules
from dispatch import notices as n
from dispatch.drivers import RideStatus
from dispatch.meeting import Comer, Meeting
from dispatch.models import MatchStatus, Site
from dispatch.readmodels import MatchView
from storage import meeting as meeting_rows
from storage.meeting import Stay
from storage.outbox import enqueue
from storage.store import Store
from storage.timestamps import to_text
from usecases import rides, stays

TONIGHT_UNTIL = timedelta(hours=12)  # until noon the next day, last night is still "tonight"


class Arrival(Enum):
    RECORDED = "recorded"
    ALREADY = "already"
    NOT_YOURS = "not yours"


def _candidates(
    stay: Stay, site: Site, settings: rules.SlotSettings, now: datetime
) -> list[datetime]:
    latest = rules.latest_instant(
        stay.night, datetime.strptime(stay.latest_pickup, "%H:%M").time(), site.cutoff, site.zone
    )
    return rules.slots(now, latest, settings)


async def slot_choices(
    store: Store, match_id: int, user_id: int, now: datetime
) -> list[datetime] | None:
    """The free slots a host may choose for a proposal; None when it is not theirs to answer."""
    stay = await store.meeting.stay(match_id)
    site = await store.sites.get(stay.site_id) if stay else None
    if (
        stay is None
        or site is None
        or stay.host_user_id != user_id
        or stay.status is not MatchStatus.PROPOSED
    ):
        return None
    settings = await store.meeting.settings(site.id)
    taken = await store.meeting.taken(site.id, stay.night, match_id)
    return rules.free(_candidates(stay, site, settings, now), taken, settings.per_slot)


async def confirm(
    store: Store,
    match_id: int,
    user_id: int,
    now: datetime,
    alert_chats: Sequence[int],
    chosen: str | None = None,
) -> stays.StayAnswer:
    """Confirm at the chosen slot (HH:MM) or the earliest one with room; a host who needs a
    driver gets a slot too, and a driver is asked (usecases.rides)."""
    stay = await store.meeting.stay(match_id)
    site = await store.sites.get(stay.site_id) if stay else None
    mine = stay is not None and stay.host_user_id == user_id
    if mine and stay is not None and site is not None and stay.status is MatchStatus.PROPOSED:
        await book(store, stay, site, now, chosen)
    result = await stays.confirm_stay(store, match_id, user_id, now)
    if result.answer is stays.Answer.CONFIRMED and stay is not None and not stay.collects:
        await rides.on_confirmed(store, match_id, now, alert_chats)
    return result


async def book(
    store: Store, stay: Stay, site: Site, now: datetime, chosen: str | None = None
) -> Meeting:
    settings = await store.meeting.settings(site.id)
    candidates = _candidates(stay, site, settings, now)
    picked = [s for s in candidates if s.strftime("%H:%M") == chosen]

    def chooser(taken: dict[datetime, int]) -> datetime:
        if picked and taken.get(picked[0], 0) < settings.per_slot:
            return picked[0]
        return rules.choose(candidates, taken, settings.per_slot)

    """Give the stay its slot: the chosen one if it still has room, else the earliest free."""
    comer = rules.comer_for(stay.collects)
    return await store.meeting.book(stay, comer, chooser, now, again=chosen is not None)


async def arrive(
    store: Store, match_id: int, user_id: int, now: datetime, alert_chats: Sequence[int]
) -> Arrival:
    """ "I am here": recorded once, and whoever waits for this person is told."""
    view = await store.evening.view(match_id)
    meeting = await store.meeting.get(match_id)
    if view is None or meeting is None or view.status is not MatchStatus.CONFIRMED:
        return Arrival.NOT_YOURS
    if user_id == view.guest_chat_id and not view.walk_in:
        column, arrived = "guest_here_at", n.Side.GUEST
        if meeting.comer is Comer.HOST:
            tell: tuple[int, n.NoticePayload] | None = (
                view.host_user_id,
                n.Here(match_id, arrived),
            )
        elif meeting.comer is Comer.DRIVER and meeting.comer_user_id is not None:
            tell = (meeting.comer_user_id, n.Here(match_id, arrived))
        else:  # nobody assigned yet: the dispatchers arranging the ride hear it
            tell = (alert_chats[0], n.Here(match_id, arrived)) if alert_chats else None
    elif user_id == meeting.comer_user_id:
        column, tell = "comer_here_at", (view.guest_chat_id, n.Here(match_id, n.Side.HOST))
    else:
        return Arrival.NOT_YOURS

    async def work(tx: aiosqlite.Connection) -> bool:
        if not await meeting_rows.arrive_in(tx, match_id, column, now):
            return False
        if tell is not None:
            await enqueue(tx, tell[0], tell[1], f"here:{match_id}:{column}", now)
        return True

    return Arrival.RECORDED if await store.db.run(work) else Arrival.ALREADY


async def set_sign(store: Store, match_id: int, user_id: int, sign: str, now: datetime) -> bool:
    """Whoever comes says how to recognise them tonight; the guest gets the card again."""
    view = await store.evening.view(match_id)
    meeting = await store.meeting.get(match_id)
    if view is None or meeting is None or meeting.comer_user_id != user_id:
        return False

    async def work(tx: aiosqlite.Connection) -> None:
        await meeting_rows.set_sign_in(tx, match_id, sign.strip())
        if not view.walk_in:
            card = n.MeetingCard(match_id, n.Side.GUEST)
            await enqueue(tx, view.guest_chat_id, card, f"sign:{match_id}:{to_text(now)}", now)

    await store.db.run(work)
    return True


async def picked_up(store: Store, view: MatchView, now: datetime) -> bool:
    """The host checked the code: the pickup is marked and the guest hears it is."""
    if not await store.evening.picked_up(view.id, now):
        return False
    if not view.walk_in:  # a walk-in's chat is the dispatcher who registered them
        key = f"picked_up:{view.id}"
        await store.outbox.add(view.guest_chat_id, n.PickedUp(view.id), key, now)
    return True


async def stay_for_guest(store: Store, user_id: int, now: datetime) -> MatchView | None:
    """The guest's live stay of tonight, also after the evening ended (until noon)."""
    for night in _nights(now):
        view = await store.evening.live_for_guest(user_id, night)
        if view is not None:
            return view
    return None


async def stays_for_host(store: Store, user_id: int, now: datetime) -> list[MatchView]:
    for night in _nights(now):
        ids = await store.meeting.live_for_host(user_id, night)
        views = [v for v in [await store.evening.view(i) for i in ids] if v is not None]
        if views:
            return views
    return []


def tonight_nights(now: datetime) -> list[date]:
    return _nights(now)


def _nights(now: datetime) -> list[date]:
    """Tonight first, then last night while it is still morning."""
    today = now.date()
    nights = [today + timedelta(days=1), today]
    if (now - TONIGHT_UNTIL).date() < today:
        nights.append(today - timedelta(days=1))
    return nights


@dataclass(frozen=True)
class Card:
    """Tonight's stay as its meeting card shows it."""

    match: MatchView
    site: Site
    meeting: Meeting | None
    collects: bool  # the host comes to the meeting point (from the start, or after all)
    driver_name: str | None = None  # the driver who accepted the ride, once one has
    ride: RideStatus | None = None  # where the ride stands, for a host who needs a driver


async def card(store: Store, match_id: int) -> Card | None:
    match = await store.evening.view(match_id)
    stay = await store.meeting.stay(match_id)
    site = await store.sites.get(match.site_id) if match else None
    if match is None or stay is None or site is None:
        return None
    found = await store.meeting.get(match_id)
    comes = stay.collects or (found is not None and found.comer is Comer.HOST)
    ride = None if stay.collects else await store.rides.by_match(match_id)
    driver = ride.driver_name if ride and found and found.comer is Comer.DRIVER else None
    return Card(match, site, found, comes, driver, ride.status if ride else None)


async def cards_tonight(store: Store, user_id: int, now: datetime) -> list[tuple[n.Side, Card]]:
    """Tonight's stays of this person with a meeting, as guest and as host, in full."""
    views = []
    guest = await stay_for_guest(store, user_id, now)
    if guest is not None and not guest.walk_in:
        views.append((n.Side.GUEST, guest.id))
    views += [(n.Side.HOST, v.id) for v in await stays_for_host(store, user_id, now)]
    cards = []
    for side, match_id in views:
        found = await card(store, match_id)
        if found is not None and found.meeting is not None:
            cards.append((side, found))
    return cards


async def unplaced_tonight(store: Store, user_id: int, now: datetime) -> tuple[int, int] | None:
    """(request, site) when the guest's evening ended without a bed."""
    return await store.meeting.unplaced(user_id, (now - TONIGHT_UNTIL).date())
