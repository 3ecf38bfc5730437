"""The meeting tick: carried-on stays get their slot, the late alarm rings, evenings that are
over end. It reads everything it acts on from the database and marks what it did in the same
transaction as the notices it queues, so running it twice, late, or after a restart does the
right thing once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from dispatch import meeting as rules
from dispatch import notices as n
from dispatch.meeting import Comer
from dispatch.models import Site
from storage import meeting as meeting_rows
from storage.outbox import enqueue
from storage.store import Store
from usecases.meeting import TONIGHT_UNTIL, book


@dataclass(frozen=True)
class TickReport:
    booked: int
    late: int
    ended: int


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
            ended += await _end_round(store, round_id, now)
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
        meeting = await book(store, stay, site, now)
        cards = []
        view = await store.evening.view(stay.match_id)
        if view is not None and not view.walk_in:
            cards.append((stay.guest_chat_id, n.MeetingCard(stay.match_id, n.Side.GUEST), "guest"))
        if meeting.comer is Comer.HOST:
            cards.append((stay.host_user_id, n.MeetingCard(stay.match_id, n.Side.HOST), "host"))
        await _notify(
            store, [(chat, card, f"card:{stay.match_id}:{side}") for chat, card, side in cards], now
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

    async def work(tx: aiosqlite.Connection) -> bool:
        if not await meeting_rows.mark_late_in(tx, match_id, now):
            return False
        await _queue(tx, tell, now)
        return True

    return int(await store.db.run(work))


async def _end_round(store: Store, round_id: int, now: datetime) -> int:
    """End the evening once; every guest still waiting is told there is no bed (how many)."""

    async def work(tx: aiosqlite.Connection) -> int:
        told = 0
        for request_id, chat_id in await meeting_rows.end_round_in(tx, round_id, now):
            if chat_id is not None:
                await enqueue(tx, chat_id, n.NoBed(request_id), f"no_bed:{request_id}", now)
                told += 1
        return told

    return await store.db.run(work)


Told = Sequence[tuple[int, n.NoticePayload, str]]  # (chat, notice, dedupe key)


async def _queue(tx: aiosqlite.Connection, tell: Told, now: datetime) -> None:
    for chat_id, payload, key in tell:
        await enqueue(tx, chat_id, payload, key, now)


async def _notify(store: Store, tell: Told, now: datetime) -> None:
    """Queue notices in one transaction of their own."""
    await store.db.run(lambda tx: _queue(tx, tell, now))
