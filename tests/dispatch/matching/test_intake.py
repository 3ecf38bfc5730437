"""The engine derives each group's type from its head counts and refuses malformed input."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from dispatch.groups import GroupType, Household
from dispatch.matching import assemble
from dispatch.matching.engine import match
from dispatch.matching.greedy import greedy
from dispatch.matching.model import Evening, Group, MalformedEvening, Place
from tests.dispatch.matching.factories import group, place

MEN_ONLY = frozenset({GroupType.SINGLE_MEN})


def test_a_group_has_no_type_field_to_disagree_with_its_head_counts() -> None:
    with pytest.raises(TypeError):
        Group(1, 1001, 1, 1, 0, 0, group_type=GroupType.SINGLE_MEN)  # type: ignore[call-arg]
    assert group(1, women=1, men=0).group_type is GroupType.SINGLE_WOMEN
    assert group(2, women=0, men=1, children=2).group_type is GroupType.FAMILIES


def test_a_woman_is_never_sent_to_a_man_living_alone_who_accepts_only_men() -> None:
    # Finding 9 of issue 15: the label said "men", the head counts say one woman.
    host = place(1, 2, household=Household.SINGLE_MAN, accepts=frozenset(GroupType))
    for solver in (match, greedy):
        result = solver(Evening((group(1, women=1, men=0),), (host,)))
        assert result.assignments == ()
        assert result.unplaced[0].reason.code == "no_host_accepting"


def test_the_final_safety_check_reads_the_head_counts() -> None:
    woman = group(1, women=1, men=0)
    host = place(1, 2, household=Household.SINGLE_MAN, accepts=MEN_ONLY)
    with pytest.raises(RuntimeError, match="may not go"):
        assemble.verify(Evening((woman,), (host,)), {woman.id: host})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"women": -1, "men": 2}, "women cannot be negative"),
        ({"men": 1.5}, "men must be a whole number"),
        ({"children": True}, "children must be a whole number"),
        ({"men": 0, "children": 2}, "no adult"),
        ({"men": 0}, "nobody"),
        ({"nights_without_bed": -2}, "nights_without_bed cannot be negative"),
        ({"arrival": "3"}, "arrival must be a whole number"),
        ({"previous_host_id": 5.0}, "previous_host_id must be a whole number"),
        ({"medical": 1}, "medical must be true or false"),
        ({"languages": {"fr"}}, "languages must be a set"),
    ],
)
def test_malformed_groups_are_refused(changes: dict[str, Any], message: str) -> None:
    bad = replace(group(1), **changes)
    with pytest.raises(MalformedEvening, match=message):
        match(Evening((bad,), (place(1),)))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"household": "castle"}, "unknown household"),
        ({"household": "single_man"}, "unknown household"),  # a bare string, not the enum
        ({"beds": 2.5}, "beds must be a whole number"),
        ({"beds": "2"}, "beds must be a whole number"),
        ({"beds": -1}, "beds cannot be negative"),
        ({"accepts": frozenset({"men"})}, "unknown group types"),
        ({"accepts": {GroupType.SINGLE_MEN}}, "unknown group types"),
        ({"eligible": None}, "eligible must be true or false"),
        ({"site_id": None}, "site_id must be a whole number"),
    ],
)
def test_malformed_places_are_refused(changes: dict[str, Any], message: str) -> None:
    bad = replace(place(1), **changes)
    for solver in (match, greedy):
        with pytest.raises(MalformedEvening, match=message):
            solver(Evening((group(1),), (bad,)))


def test_duplicates_and_odd_blocked_pairs_are_refused() -> None:
    with pytest.raises(MalformedEvening, match="duplicate group id 1"):
        match(Evening((group(1), group(1)), ()))
    with pytest.raises(MalformedEvening, match="duplicate place id 1"):
        match(Evening((), (place(1), place(1))))
    with pytest.raises(MalformedEvening, match="blocked pair"):
        match(Evening((group(1),), (place(1),), frozenset({(501, "x")})))  # type: ignore[arg-type]


def test_a_malformed_evening_is_a_value_error_for_older_callers() -> None:
    assert issubclass(MalformedEvening, ValueError)


def test_a_place_class_never_mixes_households() -> None:
    """Two places alike but for the household are never interchangeable."""
    places = (
        place(1, 1, household=Household.SINGLE_MAN, accepts=frozenset(GroupType)),
        place(2, 1, household=Household.COUPLE, accepts=frozenset(GroupType)),
    )
    result = match(Evening((group(1, women=1, men=0), group(2)), places))
    assert {a.group_id: a.place_id for a in result.assignments} == {1: 2, 2: 1}


def test_the_engine_refuses_a_place_built_with_a_string_household() -> None:
    odd = Place(1, 501, 1, 2, "single_man", frozenset(GroupType))  # type: ignore[arg-type]
    with pytest.raises(MalformedEvening):
        match(Evening((group(1, women=1, men=0),), (odd,)))
