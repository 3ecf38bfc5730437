"""The first-come-first-served baseline: what the queue at the meeting point would do."""

from __future__ import annotations

from dispatch.matching.engine import match
from dispatch.matching.greedy import greedy
from dispatch.matching.model import Evening, Reason
from tests.dispatch.matching.factories import group, place


def test_first_come_first_served_ignores_vulnerability() -> None:
    evening = Evening((group(1), group(2), group(3, women=1, men=0, children=1)), (place(1, 2),))
    result = greedy(evening)
    assert {a.group_id for a in result.assignments} == {1, 2}
    assert result.unplaced[0].reason == Reason("outranked", {"by": "arrival"})
    assert result.objective[:2] == (0, 2)
    assert match(evening).objective[:2] == (2, 2)


def test_the_first_place_with_room_in_id_order() -> None:
    evening = Evening((group(1, men=2), group(2)), (place(2, 3), place(1, 2)))
    result = greedy(evening)
    assert {a.group_id: a.place_id for a in result.assignments} == {1: 1, 2: 2}
