"""The meeting at the meeting point: book a slot when the host confirms, "I am here" on both
sides, "how to recognise me", and the meeting tick (late pickups, the end of the evening).

The tick reads everything it acts on from the database and marks what it did in the same
transaction as the notices it queues, so running it twice, late, or after a restart does the
right thing once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from dispatch import meeting as rules
from dispatch import notices as n
from dispatch.drivers import RideStatus
from dispatch.meeting import Comer, Meeting
from dispatch.models import MatchStatus, Site
from dispatch.readmodels import MatchView
from storage.meeting import Stay
from storage.store import Store
from usecases import rides, stays

TONIGHT_UNTIL = timedelta(hours=12)  # until noon the next day, last night is still "tonight"


class Arrival(Enum):
    RECORDED = "recorded"
    ALREADY = "already"
    NOT_YOURS = "not yours"


@dataclass(frozen=True)
class TickReport:
    booked: int
    late: int
    ended: int


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
        await _book(store, stay, site, now, chosen)
    result = await stays.confirm_stay(store, match_id, user_id, now)
    if result.answer is stays.Answer.CONFIRMED and stay is not None and not stay.collects:
        await rides.on_confirmed(store, match_id, now, alert_chats)
    return result


async def _book(
    store: Store, stay: Stay, site: Site, now: datetime, chosen: str | None = None
) -> Meeting:
    settings = await store.meeting.settings(site.id)
    candidates = _candidates(stay, site, settings, now)
    picked = [s for s in candidates if s.strftime("%H:%M") == chosen]

    def chooser(taken: dict[datetime, int]) -> datetime:
        if picked and taken.get(picked[0], 0) < settings.per_slot:
            return picked[0]
        return rules.choose(candidates, taken, settings.per_slot)

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
    recorded = await store.meeting.arrive(match_id, column, now, tell)
    return Arrival.RECORDED if recorded else Arrival.ALREADY


async def set_sign(store: Store, match_id: int, user_id: int, sign: str, now: datetime) -> bool:
    """Whoever comes says how to recognise them tonight; the guest gets the card again."""
    view = await store.evening.view(match_id)
    meeting = await store.meeting.get(match_id)
    if view is None or meeting is None or meeting.comer_user_id != user_id:
        return False
    card = (view.guest_chat_id, n.MeetingCard(match_id, n.Side.GUEST))
    await store.meeting.set_sign(match_id, sign.strip(), now, None if view.walk_in else card)
    return True


async def picked_up(store: Store, view: MatchView, now: datetime) -> bool:
    """The host checked the code: the pickup is marked and the guest hears it is."""
    if not await store.evening.picked_up(view.id, now):
        return False
    if not view.walk_in:  # a walk-in's chat is the dispatcher who registered them
        key = f"picked_up:{view.id}"
        await store.meeting.notify([(view.guest_chat_id, n.PickedUp(view.id), key)], now)
    return True


async def tick(store: Store, now: datetime, alert_chats: Sequence[int]) -> TickReport:
    """Book the stays that carry on, ring the late alarm, end the evenings that are over."""
    sites = {site.id: site for site in await store.sites.all()}
    booked = await _book_carried(store, sites, now)
    late = 0
    for match_id in await store.meeting.late_candidates(now - rules.LATE_AFTER):
        late += await _late(store, match_id, now, alert_chats)
    ended = 0
    for round_id, site_id, night in await store.meeting.unended_rounds():
        site = sites.get(site_id)
        if site is not None and now >= evening_end(site, night):
            ended += len(await store.meeting.end_round(round_id, now))
    return TickReport(booked, late, ended)


def evening_end(site: Site, night: date) -> datetime:
    return rules.latest_instant(night, site.evening_end, site.cutoff, site.zone)


async def _book_carried(store: Store, sites: dict[int, Site], now: datetime) -> int:
    """A stay that carries on was confirmed without a slot: it gets one, and both the card."""
    count = 0
    for stay in await store.meeting.unbooked((now - TONIGHT_UNTIL).date()):
        site = sites.get(stay.site_id)
        if site is None:
            continue
        meeting = await _book(store, stay, site, now)
        cards = []
        view = await store.evening.view(stay.match_id)
        if view is not None and not view.walk_in:
            cards.append((stay.guest_chat_id, n.MeetingCard(stay.match_id, n.Side.GUEST), "guest"))
        if meeting.comer is Comer.HOST:
            cards.append((stay.host_user_id, n.MeetingCard(stay.match_id, n.Side.HOST), "host"))
        await store.meeting.notify(
            [(chat, card, f"card:{stay.match_id}:{side}") for chat, card, side in cards], now
        )
        count += 1
    return count


async def _late(store: Store, match_id: int, now: datetime, alert_chats: Sequence[int]) -> int:
    view = await store.evening.view(match_id)
    meeting = await store.meeting.get(match_id)
    if view is None or meeting is None or not rules.is_late(meeting, now):
        return 0
    tell: list[tuple[int, n.NoticePayload, str]] = []
    if not view.walk_in:  # a walk-in has no phone: the dispatchers' alert covers them
        tell.append((view.guest_chat_id, n.Late(match_id, n.Side.GUEST), f"late:{match_id}:guest"))
    comer = meeting.comer_user_id
    if meeting.comer in (Comer.HOST, Comer.DRIVER) and comer is not None:
        # Whoever comes (the host, or the driver who took the ride) is asked too.
        side = n.Side.HOST if meeting.comer is Comer.HOST else n.Side.DRIVER
        tell.append((comer, n.Late(match_id, side), f"late:{match_id}:{side.value}"))
    tell += [(chat, n.LateAlert(match_id), f"late:{match_id}:alert:{chat}") for chat in alert_chats]
    return int(await store.meeting.mark_late(match_id, now, tell))


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
