"""The round's storage: closing once, matching once, notices queued with their decisions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from dispatch.evening import Decision
from dispatch.matching.model import Assignment, Evening, Reason, Result, Unplaced
from dispatch.models import MatchStatus, Site
from dispatch.notices import Feedback, Side
from dispatch.party import Party
from dispatch.readmodels import NewRequest
from storage.store import Store
from tests.storage.outbox_helpers import claim_due
from tests.storage.people import vetted_host
from usecases.feedback import ask_feedback
from usecases.proposals import confirm_match, pass_alone, record_pass
from usecases.services import Services

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
NIGHT = date(2026, 11, 23)
CUTOFF = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


@pytest.fixture
async def evening(store: Store) -> tuple[Store, Site, int, list[int]]:
    """One vetted host offering 2 beds; two single women asking."""
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    await store.users.touch(10, NOW)
    host = await vetted_host(store, 10, site.id, NOW)
    offer = await store.offers.save(
        host_id=host.id,
        site_id=site.id,
        night=NIGHT,
        closes_at=CUTOFF,
        beds=2,
        latest_pickup=time(21, 30),
        nights=1,
        note=None,
        now=NOW,
    )
    requests = []
    for user_id in (20, 21):
        await store.users.touch(user_id, NOW)
        await store.requests.record_consent(user_id, 1, NOW)
        saved = await store.requests.save_for_user(
            user_id,
            NewRequest(
                site.id, NIGHT, CUTOFF, f"G{user_id}", Party(1, 0, 0), ("fr",), False, False
            ),
            NOW,
        )
        requests.append(saved.id)
    return store, site, offer.id, requests


async def test_a_round_closes_once_and_is_due_until_matched(evening: tuple) -> None:  # type: ignore[type-arg]
    store, site, _, _ = evening
    assert await store.evening.due(CUTOFF - timedelta(seconds=1)) == []
    assert await store.evening.due(CUTOFF) == [(site.id, NIGHT)]
    assert await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    assert not await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    await record_pass(store, site.id, NIGHT, [], [], CUTOFF)
    assert await store.evening.due(CUTOFF) == []
    assert await store.evening.state(site.id, NIGHT) == (True, True)


async def test_matching_inputs_reflect_tonight(evening: tuple) -> None:  # type: ignore[type-arg]
    store, site, offer_id, requests = evening
    groups = await store.evening.groups(site.id, NIGHT)
    places = await store.evening.places(site.id, NIGHT)
    assert [g.id for g in groups] == requests and groups[0].arrival == 0
    assert [(p.id, p.beds, p.eligible) for p in places] == [(offer_id, 2, True)]


async def test_a_pass_writes_matches_and_notices_once(evening: tuple) -> None:  # type: ignore[type-arg]
    store, site, offer_id, requests = evening
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)

    def solve(e: Evening) -> Result:
        return Result(
            (Assignment(requests[0], offer_id, (Reason("housed"),)),),
            (Unplaced(requests[1], Reason("outranked", {"by": "arrival"})),),
        )

    first = await pass_alone(store, site.id, NIGHT, CUTOFF, solve)
    second = await pass_alone(store, site.id, NIGHT, CUTOFF, solve)
    assert len(first.matches) == 1 and second.matches == []  # already matched: skipped
    places = await store.evening.places(site.id, NIGHT)
    assert places[0].beds == 1  # one bed used by the live match
    notices = await claim_due(store, CUTOFF)
    assert sorted(n.kind for n in notices) == ["match_host", "waiting"]
    assert await claim_due(store, CUTOFF) == []  # claimed: nobody sends them again


async def test_decline_and_silence_put_the_guests_back_but_not_with_that_host(
    evening: tuple,  # type: ignore[type-arg]
) -> None:
    store, site, offer_id, requests = evening
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    [match_id] = await record_pass(
        store, site.id, NIGHT, [Decision(requests[0], offer_id, "K7QX", "[]")], [], CUTOFF
    )
    assert await store.evening.stale_proposals(CUTOFF) == [match_id]
    view = await store.evening.release(match_id, MatchStatus.EXPIRED, CUTOFF)
    assert view is not None
    assert await store.evening.release(match_id, MatchStatus.EXPIRED, CUTOFF) is None
    assert (view.host_id, view.guest_id) in await store.evening.blocked_pairs(NIGHT)
    assert (view.host_id, view.guest_id) not in await store.evening.blocked_pairs(
        NIGHT + timedelta(days=1)
    )
    assert [g.id for g in await store.evening.groups(site.id, NIGHT)] == requests
    # Storage decides nothing: whether a silent host's offer goes is the use case's call
    # (tests/usecases/test_rounds.py).
    assert [p.id for p in await store.evening.places(site.id, NIGHT)] == [offer_id]


async def test_a_reported_problem_blocks_the_pair_for_good(evening: tuple) -> None:  # type: ignore[type-arg]
    store, site, offer_id, requests = evening
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    [match_id] = await record_pass(
        store, site.id, NIGHT, [Decision(requests[0], offer_id, "K7QX", "[]")], [], CUTOFF
    )
    assert await confirm_match(store, match_id, CUTOFF) is not None
    assert await confirm_match(store, match_id, CUTOFF) is None
    morning = CUTOFF + timedelta(hours=14)
    assert await ask_feedback(Services(store), NIGHT, morning) == 1
    assert await ask_feedback(Services(store), NIGHT, morning) == 0
    assert await store.evening.feedback(match_id, Side.GUEST, "problem", morning)
    assert not await store.evening.feedback(match_id, Side.GUEST, "good", morning)
    view = await store.evening.view(match_id)
    assert view is not None
    assert (view.host_id, view.guest_id) in await store.evening.blocked_pairs(
        NIGHT + timedelta(days=30)
    )


async def test_an_interrupted_survey_is_never_repeated(store: Store) -> None:
    await store.outbox.add(1, Feedback(5, Side.HOST), "k1", NOW)
    [notice] = await claim_due(store, NOW)
    assert await store.outbox.recover_interrupted(NOW) == (0, 1)  # a crash happened mid-send
    assert await claim_due(store, NOW) == []
    await store.outbox.add(1, Feedback(5, Side.HOST), "k1", NOW)  # the same notice: ignored
    assert await store.outbox.counts() == {"failed": 1}
    assert notice.attempts == 1
