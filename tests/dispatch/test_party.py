"""A party's make-up: its size and the kind of group a host must accept."""

from __future__ import annotations

from dispatch.groups import GroupType
from dispatch.guest_forms import make_up
from dispatch.party import Party


def test_a_party_knows_its_size_and_kind() -> None:
    assert Party(women=1, children=2, age_bands=("0-2", "3-11")).size == 3
    assert Party(women=1, children=2).group_type is GroupType.WOMEN_WITH_CHILDREN
    assert Party(women=1, men=1).group_type is GroupType.COUPLES
    assert Party(children=2).group_type is None  # minors alone go to a dedicated service


def test_both_paths_of_the_form_give_a_party() -> None:
    assert make_up({"who": "alone", "gender": "man"}) == Party(men=1)
    group = {"who": "group", "women": 2, "men": 0, "children": 1, "ages": ["3-11"]}
    assert make_up(group) == Party(2, 0, 1, ("3-11",))
