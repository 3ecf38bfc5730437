"""The meeting's storage: a slot booked atomically, the late alarm and the end of the evening
once each, the directory per site."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from dispatch.matching.engine import match as solve
from dispatch.meeting import Comer, HelpCategory, SlotSettings, choose, slots
from dispatch.models import MatchStatus, Site
from dispatch.party import Party
from storage.requests import NewRequest
from storage.store import Store
from tests.storage.outbox_helpers import claim_due
from tests.storage.people import vetted_host
from usecases import meeting, meeting_tick
from usecases.proposals import pass_alone

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
NIGHT = date(2026, 11, 23)
CUTOFF = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


@pytest.fixture
async def evening(store: Store) -> tuple[Store, Site, list[int]]:
    """One host with three beds, three single women asking; the round matched."""
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    await store.users.touch(10, NOW)
    host = await vetted_host(store, 10, site.id, NOW)
    await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=3,
        latest_pickup=time(21, 30),
        nights=1,
        note=None,
        now=NOW,
    )
    for user_id in (20, 21, 22):
        await store.users.touch(user_id, NOW)
        await store.requests.record_consent(user_id, 1, NOW)
        new = NewRequest(
            site.id, NIGHT, CUTOFF, f"G{user_id}", Party(1, 0, 0), ("fr",), False, False
        )
        await store.requests.save_for_user(user_id, new, NOW)
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    outcome = await pass_alone(store, site.id, NIGHT, CUTOFF, solve)
    return store, site, list(outcome.matches)


async def test_meetings_fill_each_slot_to_its_capacity_then_the_next(evening: tuple) -> None:  # type: ignore[type-arg]
    store, site, matches = evening
    await store.meeting.set_settings(site.id, SlotSettings(30, 2))
    for match_id in matches:
        result = await meeting.confirm(store, match_id, 10, CUTOFF, [])
        assert result.answer is meeting.stays.Answer.CONFIRMED
    times = [(await store.meeting.get(m)).meet_at for m in matches]  # type: ignore[union-attr]
    local = sorted(t.astimezone(site.zone).strftime("%H:%M") for t in times)
    assert local == ["19:30", "19:30", "20:00"]


async def test_a_booking_is_kept_unless_chosen_again(evening: tuple) -> None:  # type: ignore[type-arg]
    store, _site, matches = evening
    stay = await store.meeting.stay(matches[0])
    assert stay is not None and stay.collects
    grid = slots(CUTOFF, CUTOFF + timedelta(hours=3), SlotSettings())
    first = await store.meeting.book(stay, Comer.HOST, lambda taken: grid[3], CUTOFF)
    kept = await store.meeting.book(stay, Comer.HOST, lambda taken: grid[0], CUTOFF)
    assert kept.meet_at == first.meet_at == grid[3] and kept.comer_user_id == 10
    moved = await store.meeting.book(
        stay, Comer.HOST, lambda taken: choose(grid, taken, 4), CUTOFF, again=True
    )
    assert moved.meet_at == grid[0]


async def test_the_late_alarm_and_the_end_of_the_evening_go_off_once(evening: tuple) -> None:  # type: ignore[type-arg]
    store, _site, matches = evening
    await meeting.confirm(store, matches[0], 10, CUTOFF, [99])
    booked = await store.meeting.get(matches[0])
    assert booked is not None
    await store.evening.release(matches[1], MatchStatus.DECLINED, CUTOFF)  # G21 waits again
    await store.evening.release(matches[2], MatchStatus.DECLINED, CUTOFF)
    late = booked.meet_at + timedelta(minutes=15)
    first = await meeting_tick.tick(store, late, [99])
    again = await meeting_tick.tick(store, late + timedelta(minutes=5), [99])
    assert (first.late, again.late) == (1, 0)
    end = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)  # 23:00 in Brussels
    assert (await meeting_tick.tick(store, end - timedelta(seconds=1), [99])).ended == 0
    assert (await meeting_tick.tick(store, end, [99])).ended == 2
    assert (await meeting_tick.tick(store, end, [99])).ended == 0
    kinds = [notice.kind for notice in await claim_due(store, end)]
    assert kinds.count("late") == 2 and kinds.count("late_alert") == 1
    assert kinds.count("no_bed") == 2
    assert await store.meeting.unplaced(21, NIGHT) is not None


async def test_the_directory_names_a_place_in_the_readers_language(store: Store) -> None:
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    names = {"fr": "Douches", "en": "Showers"}
    place = await store.helpdesk.add(
        site.id, HelpCategory.SHOWERS, names, "8–12", (50.85, 4.35), 1, NOW
    )
    assert [p.name for p in await store.helpdesk.places(site.id, "fr", "en")] == ["Douches"]
    assert [p.name for p in await store.helpdesk.places(site.id, "nl", "en")] == ["Showers"]
    assert await store.helpdesk.site_of(place) == site.id
    assert await store.helpdesk.remove(place)
    assert await store.helpdesk.places(site.id, "fr", "en") == []
