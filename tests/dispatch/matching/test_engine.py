"""The engine on tiny hand-made evenings: one objective level or one reason at a time."""

from __future__ import annotations

import pytest

from dispatch.groups import GroupType, Household
from dispatch.matching.engine import match
from dispatch.matching.model import Evening, Group, Place, Reason, Result
from dispatch.matching.program import Solution
from dispatch.matching.score import LEVELS
from tests.dispatch.matching.factories import group, place

MEN_ONLY = frozenset({GroupType.SINGLE_MEN})


def solve(
    groups: list[Group], places: list[Place], blocked: frozenset[tuple[int, int]] = frozenset()
) -> Result:
    return match(Evening(tuple(groups), tuple(places), blocked))


def where(result: Result) -> dict[int, int]:
    return {a.group_id: a.place_id for a in result.assignments}


def why(result: Result, group_id: int) -> Reason:
    return next(u.reason for u in result.unplaced if u.group_id == group_id)


def codes(result: Result, group_id: int) -> list[str]:
    found = next(a for a in result.assignments if a.group_id == group_id)
    return [reason.code for reason in found.reasons]


def test_vulnerable_people_first() -> None:
    # Two men arrived first, but the two beds go to a woman and her child.
    result = solve([group(1), group(2), group(3, women=1, men=0, children=1)], [place(1, 2)])
    assert where(result) == {3: 1}
    assert codes(result, 3) == ["housed", "vulnerable_first"]
    assert why(result, 1) == Reason("outranked", {"by": "vulnerable"})
    assert result.objective[:2] == (2, 2)
    assert result.gap == 0.0


def test_medical_needs_make_the_whole_group_vulnerable() -> None:
    result = solve([group(1), group(2, medical=True)], [place(1, 1)])
    assert where(result) == {2: 1}


def test_more_people_housed_before_arrival_order() -> None:
    # Two beds: one man who came first, or two brothers who came later.
    result = solve([group(1), group(2, men=2)], [place(1, 2)])
    assert where(result) == {2: 1}
    assert why(result, 1) == Reason("outranked", {"by": "size"})


def test_those_left_out_on_recent_nights_come_next() -> None:
    result = solve([group(1), group(2, nights=2)], [place(1, 1)])
    assert where(result) == {2: 1}
    assert codes(result, 2) == ["housed", "waited_before"]
    assert why(result, 1) == Reason("outranked", {"by": "waited_before"})


def test_then_arrival_order() -> None:
    result = solve([group(2, arrival=5), group(1, arrival=3)], [place(1, 1)])
    assert where(result) == {1: 1}
    assert why(result, 2) == Reason("outranked", {"by": "arrival"})


def test_a_multi_night_stay_keeps_its_host() -> None:
    result = solve([group(1, previous_host=502)], [place(1, 1), place(2, 1)])
    assert where(result) == {1: 2}
    assert "same_host_again" in codes(result, 1)
    assert result.objective[4] == 1


def test_a_shared_language_is_preferred() -> None:
    result = solve(
        [group(1, languages=frozenset({"ar", "en"}))],
        [place(1, 1, languages=frozenset({"fr"})), place(2, 1, languages=frozenset({"ar", "fr"}))],
    )
    assert where(result) == {1: 2}
    assert next(a for a in result.assignments).reasons[-1] == Reason(
        "shared_language", {"language": "ar"}
    )


def test_a_language_never_leaves_anyone_out() -> None:
    result = solve(
        [group(1, languages=frozenset({"ar"}))], [place(1, 1, languages=frozenset({"fr"}))]
    )
    assert where(result) == {1: 1}


def test_fewer_groups_per_host_when_beds_allow() -> None:
    result = solve([group(1), group(2)], [place(1, 2), place(2, 2)])
    assert sorted(where(result).values()) == [1, 2]
    assert result.objective[6] == 0


def test_a_host_may_take_several_groups_within_its_beds() -> None:
    result = solve([group(1), group(2), group(3, men=2)], [place(1, 4)])
    assert where(result) == {1: 1, 2: 1, 3: 1}
    assert result.objective[6] == 2


def test_a_group_is_never_split() -> None:
    result = solve([group(1, women=1, men=1, children=2)], [place(1, 2), place(2, 2)])
    assert where(result) == {}
    assert why(result, 1) == Reason("not_enough_beds", {"size": 4, "largest": 2})


def test_non_mixite_even_when_it_leaves_a_woman_out() -> None:
    result = solve([group(1, women=1, men=0)], [place(1, 2, household=Household.SINGLE_MAN)])
    assert where(result) == {}
    assert why(result, 1) == Reason("no_host_accepting", {"group_type": "women", "size": 1})


def test_step_free_places_go_to_those_who_need_them() -> None:
    groups = [group(1), group(2, step_free=True)]
    result = solve(groups, [place(1, 1, step_free=True), place(2, 1)])
    assert where(result) == {1: 2, 2: 1}
    alone = solve([group(2, step_free=True)], [place(2, 1)])
    assert why(alone, 2) == Reason("no_step_free_place", {"size": 1})


def test_a_blocked_pair_is_never_matched() -> None:
    result = solve([group(1)], [place(1, 1)], frozenset({(501, 1001)}))
    assert where(result) == {}
    assert why(result, 1) == Reason("blocked_pair")


def test_no_place_at_the_site() -> None:
    result = solve([group(1, site=2)], [place(1, 5, site=1), place(2, 5, site=2, eligible=False)])
    assert why(result, 1) == Reason("no_place_at_site")


def test_sites_never_share_beds() -> None:
    result = solve([group(1, site=1), group(2, site=2)], [place(1, 1, site=2)])
    assert where(result) == {2: 1}


def test_same_input_same_output_whatever_the_order() -> None:
    groups = [
        group(i, arrival=i % 3, languages=frozenset({"fr"} if i % 2 else {"ar"}))
        for i in range(1, 13)
    ]
    places = [
        place(i, 1 + i % 3, accepts=MEN_ONLY, languages=frozenset({"fr"})) for i in range(1, 6)
    ]
    first = solve(groups, places)
    again = solve(list(reversed(groups)), list(reversed(places)))
    assert first.assignments == again.assignments
    assert first.unplaced == again.unplaced
    assert first.objective == again.objective


def test_every_group_is_decided_once() -> None:
    groups = [group(i) for i in range(1, 6)]
    result = solve(groups, [place(1, 3)])
    decided = [a.group_id for a in result.assignments] + [u.group_id for u in result.unplaced]
    assert sorted(decided) == [1, 2, 3, 4, 5]
    assert len(result.assignments) == 3


def test_malformed_input_is_refused() -> None:
    with pytest.raises(ValueError, match="duplicate group"):
        solve([group(1), group(1)], [])
    with pytest.raises(ValueError, match="beds"):
        solve([], [place(1, -1)])


def test_an_empty_evening() -> None:
    result = solve([], [place(1)])
    assert result.assignments == () and result.unplaced == ()


def test_an_unproven_level_never_does_worse_than_first_come(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nothing = Solution({}, {}, {}, optimal=False, gap=1.0, unproven=(0, 1, 2, 3))
    monkeypatch.setattr("dispatch.matching.engine.program.solve", lambda *a, **k: nothing)
    result = solve([group(1), group(2, women=1, men=0)], [place(1, 1)])
    assert where(result) == {1: 1}
    assert result.gap == 1.0
    assert result.unproven == LEVELS  # the second phase got nothing either: kept the first


def test_sites_solved_in_parallel_give_the_same_answer() -> None:
    groups = [group(i, site=1 + i % 3, men=1 + i % 2) for i in range(1, 13)]
    places = [place(i, 1 + i % 3, site=1 + i % 3) for i in range(1, 10)]
    evening = Evening(tuple(groups), tuple(places))
    alone, together = match(evening), match(evening, workers=2)
    assert (alone.assignments, alone.unplaced) == (together.assignments, together.unplaced)
    assert alone.objective == together.objective


def test_the_clock_never_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine so slow that every call takes an hour gets the same answer."""
    groups = [group(i, men=1 + i % 3, nights=i % 2, previous_host=501 + i % 4) for i in range(12)]
    places = [place(i, 1 + i % 4, languages=frozenset({"fr"})) for i in range(1, 7)]
    quick = solve(groups, places)
    hours = iter(range(0, 10**9, 3600))
    monkeypatch.setattr("dispatch.matching.engine.time.perf_counter", lambda: next(hours))
    slow = solve(groups, places)
    assert (slow.assignments, slow.objective) == (quick.assignments, quick.objective)
    assert slow.seconds >= 3600
