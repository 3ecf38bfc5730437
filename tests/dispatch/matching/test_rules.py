"""Each hard rule on its own: the first failing rule is the reason given."""

from __future__ import annotations

from dispatch.groups import GroupType, Household
from dispatch.matching.model import Car, Group, Place
from dispatch.matching.rules import compatible, may_carry
from tests.dispatch.matching.factories import group, place

MAN = group(1)
WOMAN = group(2, women=1, men=0)
MOTHER = group(3, women=1, men=0, children=2)


def code(g: Group, p: Place, blocked: frozenset[tuple[int, int]] = frozenset()) -> str | None:
    reason = compatible(g, p, blocked)
    return None if reason is None else reason.code


def test_an_allowed_pair_has_no_reason() -> None:
    assert compatible(MAN, place(1), frozenset()) is None


def test_another_site_is_no_place() -> None:
    assert code(MAN, place(1, site=2)) == "no_place_at_site"


def test_an_ineligible_place_does_not_exist_tonight() -> None:
    assert code(MAN, place(1, eligible=False)) == "no_place_at_site"


def test_the_host_chooses_whom_to_accept() -> None:
    reason = compatible(MAN, place(1, accepts=frozenset({GroupType.SINGLE_WOMEN})), frozenset())
    assert reason is not None
    assert reason.code == "no_host_accepting"
    assert reason.params == {"group_type": "men", "size": 1}


def test_a_man_living_alone_never_hosts_women_even_if_he_ticked_them() -> None:
    slip = place(1, 4, household=Household.SINGLE_MAN)  # accepts everyone by mistake
    assert code(WOMAN, slip) == "no_host_accepting"
    assert code(MOTHER, slip) == "no_host_accepting"
    assert code(MAN, slip) is None


def test_a_woman_living_alone_never_hosts_men() -> None:
    alone = place(1, household=Household.SINGLE_WOMAN)
    assert code(MAN, alone) == "no_host_accepting"
    assert code(WOMAN, alone) is None


def test_step_free_access_when_needed() -> None:
    needs = group(4, step_free=True)
    reason = compatible(needs, place(1), frozenset())
    assert reason is not None
    assert (reason.code, reason.params) == ("no_step_free_place", {"size": 1})
    assert code(needs, place(1, step_free=True)) is None
    assert code(MAN, place(1, step_free=True)) is None


def test_the_whole_group_must_fit_in_the_offer() -> None:
    reason = compatible(MOTHER, place(1, 2), frozenset())
    assert reason is not None
    assert (reason.code, reason.params) == ("not_enough_beds", {"size": 3, "largest": 2})
    assert code(MOTHER, place(1, 3)) is None


def test_a_pair_that_went_wrong_is_never_matched_again() -> None:
    host = place(1)
    assert code(MAN, host, frozenset({(host.host_id, MAN.guest_id)})) == "blocked_pair"
    assert code(MAN, host, frozenset({(host.host_id, 99)})) is None


def _car(**changes: object) -> Car:
    base: dict[str, object] = dict(
        id=1,
        driver_id=1,
        site_id=1,
        seats=4,
        child_seats=1,
        trips=2,
        crew=Household.SINGLE_MAN,
        accepts=frozenset(GroupType),
    )
    return Car(**{**base, **changes})  # type: ignore[arg-type]


def _riders(women: int = 0, men: int = 0, children: int = 0) -> Group:
    return Group(id=1, guest_id=1, site_id=1, women=women, men=men, children=children)


def test_a_man_driving_alone_does_not_drive_a_woman_alone_unless_the_site_allows() -> None:
    assert not may_carry(_car(), _riders(women=1))
    assert may_carry(_car(non_mixite=False), _riders(women=1))
    assert may_carry(_car(), _riders(men=2))
    assert may_carry(_car(crew=Household.COUPLE), _riders(women=1))


def test_a_group_rides_whole_with_a_child_seat_for_each_child() -> None:
    assert may_carry(_car(), _riders(women=1, men=1, children=1))
    assert not may_carry(_car(), _riders(women=1, men=1, children=2))
    assert not may_carry(_car(seats=2), _riders(men=3))
    assert not may_carry(_car(trips=0), _riders(men=1))
    assert not may_carry(_car(site_id=2), _riders(men=1))
    assert not may_carry(_car(accepts=frozenset({GroupType.COUPLES})), _riders(men=1))
