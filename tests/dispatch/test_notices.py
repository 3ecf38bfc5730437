"""The notice contract: every kind has a payload type, a renderer and a fate after a crash,
and every payload survives its stored (JSON) form unchanged."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch import notices as n
from dispatch.drivers import DriverStatus
from dispatch.models import HostStatus
from dispatch.notice_codec import UnknownNotice, parse, stored
from dispatch.notices import AFTER_CRASH, PAYLOADS, AfterCrash, NoticeKind
from dispatch.rides import AlertReason
from views.notices import RENDERERS

ids = st.integers(min_value=1, max_value=2**53)
match = {cls: st.builds(cls, ids) for cls in (n.MatchHost, n.MatchGuest, n.MovedAway)}
match |= {cls: st.builds(cls, ids) for cls in (n.HostChanged, n.Cancelled, n.Expired)}
STRATEGIES: dict[type, st.SearchStrategy[n.NoticePayload]] = {
    n.Waiting: st.builds(n.Waiting, ids),
    n.Vetting: st.builds(n.Vetting, ids, st.sampled_from(HostStatus), st.sampled_from(HostStatus)),
    n.RoleGranted: st.builds(n.RoleGranted, st.one_of(st.none(), ids)),
    n.RoleRemoved: st.builds(n.RoleRemoved),
    n.TakenOut: st.builds(n.TakenOut, ids),
    n.GuestGone: st.builds(n.GuestGone, st.dates(date(2020, 1, 1), date(2100, 1, 1))),
    n.Blocked: st.builds(n.Blocked),
    n.Unblocked: st.builds(n.Unblocked),
    **match,
    n.Stay: st.builds(n.Stay, ids, st.sampled_from(n.Side)),
    n.Feedback: st.builds(n.Feedback, ids, st.sampled_from(n.Side)),
    n.MeetingCard: st.builds(n.MeetingCard, ids, st.sampled_from(n.Side)),
    n.Here: st.builds(n.Here, ids, st.sampled_from(n.Side)),
    n.Late: st.builds(n.Late, ids, st.sampled_from(n.Side)),
    n.LateAlert: st.builds(n.LateAlert, ids),
    n.RideNeeded: st.builds(n.RideNeeded, ids),
    n.PickedUp: st.builds(n.PickedUp, ids),
    n.NoBed: st.builds(n.NoBed, ids),
    n.RideOffer: st.builds(n.RideOffer, ids, ids),
    n.RideCard: st.builds(n.RideCard, ids, ids),
    n.RideWithdrawn: st.builds(n.RideWithdrawn, ids, ids),
    n.RideAlert: st.builds(n.RideAlert, ids, st.sampled_from(AlertReason)),
    n.ComeAfterAll: st.builds(n.ComeAfterAll, ids),
    n.OnTheWay: st.builds(n.OnTheWay, ids),
    n.DriverVetting: st.builds(
        n.DriverVetting, ids, st.sampled_from(DriverStatus), st.sampled_from(DriverStatus)
    ),
}
PAYLOAD = st.one_of(*STRATEGIES.values())


def test_every_kind_has_a_payload_a_renderer_and_a_fate_after_a_crash() -> None:
    assert set(PAYLOADS) == set(NoticeKind)
    assert set(RENDERERS) == set(NoticeKind)
    assert set(AFTER_CRASH) == set(NoticeKind)
    for kind, cls in PAYLOADS.items():
        assert cls.kind is kind


def test_what_asks_someone_to_act_is_repeated_after_a_crash() -> None:
    for kind in (NoticeKind.MATCH_HOST, NoticeKind.MATCH_GUEST, NoticeKind.WAITING):
        assert AFTER_CRASH[kind] is AfterCrash.REPEAT
    assert AFTER_CRASH[NoticeKind.FEEDBACK] is AfterCrash.AT_MOST_ONCE


@given(PAYLOAD)
def test_every_payload_round_trips_through_its_stored_form(payload: n.NoticePayload) -> None:
    text = json.dumps(stored(payload))
    assert parse(payload.kind.value, json.loads(text)) == payload


def test_the_round_trip_covers_every_kind() -> None:
    assert set(STRATEGIES) == set(PAYLOADS.values())


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("waiting", {}),
        ("match_host", {"match": "x"}),
        ("match_host", {"match": True}),
        ("stay", {"match": 1, "side": "driver"}),
        ("vetting", {"host": 1, "status": "vetted"}),
        ("no_such_kind", {}),
    ],
)
def test_an_unreadable_stored_notice_is_refused(kind: str, data: dict[str, object]) -> None:
    with pytest.raises(UnknownNotice):
        parse(kind, data)
