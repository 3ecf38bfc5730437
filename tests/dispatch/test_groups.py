"""Group types and the non-mixité rule, including properties over every make-up."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch.groups import FORBIDDEN, GroupType, Household, acceptable_for, group_type, may_host


@pytest.mark.parametrize(
    ("women", "men", "children", "expected"),
    [
        (0, 1, 0, GroupType.SINGLE_MEN),
        (0, 3, 0, GroupType.SINGLE_MEN),
        (1, 0, 0, GroupType.SINGLE_WOMEN),
        (1, 0, 2, GroupType.WOMEN_WITH_CHILDREN),
        (1, 1, 0, GroupType.COUPLES),
        (1, 1, 3, GroupType.FAMILIES),
        (0, 1, 1, GroupType.FAMILIES),
        (2, 1, 0, GroupType.FAMILIES),
        (0, 0, 2, None),
    ],
)
def test_group_type(women: int, men: int, children: int, expected: GroupType | None) -> None:
    assert group_type(women, men, children) == expected


def test_a_man_alone_is_never_offered_women() -> None:
    assert GroupType.SINGLE_WOMEN not in acceptable_for(Household.SINGLE_MAN)
    assert GroupType.WOMEN_WITH_CHILDREN not in acceptable_for(Household.SINGLE_MAN)
    assert GroupType.SINGLE_MEN not in acceptable_for(Household.SINGLE_WOMAN)
    assert set(acceptable_for(Household.FAMILY)) == set(GroupType)


counts = st.integers(min_value=0, max_value=6)


@given(
    st.sampled_from(list(Household)),
    st.sets(st.sampled_from(list(GroupType))),
    counts,
    counts,
    counts,
)
def test_may_host_never_breaks_non_mixite(
    household: Household, accepts: set[GroupType], women: int, men: int, children: int
) -> None:
    group = group_type(women, men, children)
    if group is None:
        return
    if may_host(household, frozenset(accepts), group):
        assert group not in FORBIDDEN.get(household, frozenset())
        if household is Household.SINGLE_MAN:
            assert not (women > 0 and men == 0)
        if household is Household.SINGLE_WOMAN:
            assert not (men > 0 and women == 0 and children == 0)
