"""The form engine: order, conditions, autofill, options shaped by earlier answers."""

from __future__ import annotations

from typing import Any

import pytest

from dispatch.forms import (
    Kind,
    autofill,
    finish_multi,
    read_button,
    read_typed,
    toggle,
)
from dispatch.guest_forms import GUEST_REQUEST, WALK_IN, check_group, make_up
from dispatch.host_forms import HOST_REGISTRATION, OFFER, edit_form
from dispatch.inputs import InvalidInput, Problem
from dispatch.party import Party

SITES = {"sites": ("1",)}


def test_a_single_site_is_answered_by_itself() -> None:
    answers: dict[str, Any] = {"beds": 2}
    autofill(OFFER, answers, SITES)
    assert answers["site"] == "1"
    assert OFFER.next_field(answers).name == "latest_pickup"  # type: ignore[union-attr]


def test_several_sites_are_asked() -> None:
    answers: dict[str, Any] = {"beds": 2}
    autofill(OFFER, answers, {"sites": ("1", "2")})
    assert OFFER.next_field(answers).name == "site"  # type: ignore[union-attr]


def test_guest_alone_skips_the_counts() -> None:
    answers = {"who": "alone", "gender": "woman"}
    assert GUEST_REQUEST.next_field(answers).name == "site"  # type: ignore[union-attr]
    assert make_up(answers) == Party(women=1)


@pytest.mark.parametrize(("who", "make_up_"), [("woman", Party(women=1)), ("man", Party(men=1))])
def test_a_guest_alone_says_who_they_are_in_one_answer(who: str, make_up_: Party) -> None:
    """One tap ("a woman, alone") replaces two questions; no gender question follows."""
    answers = {"who": who}
    assert GUEST_REQUEST.next_field(answers).name == "site"  # type: ignore[union-attr]
    assert make_up(answers) == make_up_
    assert "alone" not in GUEST_REQUEST.field("who").choices({}, {})


def test_children_ages_are_asked_only_with_children() -> None:
    answers: dict[str, Any] = {"who": "group", "women": 1, "men": 0, "children": 0}
    assert GUEST_REQUEST.next_field(answers).name == "site"  # type: ignore[union-attr]
    answers["children"] = 2
    assert GUEST_REQUEST.next_field(answers).name == "ages"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("women", "men", "children", "problem"),
    [
        (0, 0, 0, Problem.EMPTY_GROUP),
        (0, 0, 2, Problem.MINORS_ALONE),
        (5, 5, 5, Problem.GROUP_TOO_LARGE),
        (1, 0, 2, None),
    ],
)
def test_group_checks(women: int, men: int, children: int, problem: Problem | None) -> None:
    answers = {"who": "group", "women": women, "men": men, "children": children}
    assert check_group(answers) == problem


def test_household_shapes_whom_a_host_may_accept() -> None:
    field = HOST_REGISTRATION.field("accepts")
    assert "women" not in field.choices({"household": "single_man"}, {})
    assert "men" not in field.choices({"household": "single_woman"}, {})
    with pytest.raises(InvalidInput):
        toggle(field, "women", [], {"household": "single_man"}, {})


def test_multi_toggles_keep_option_order_and_need_one() -> None:
    field = HOST_REGISTRATION.field("languages")
    selected = toggle(field, "fr", [], {}, {})
    selected = toggle(field, "ar", selected, {}, {})
    assert selected == ["ar", "fr"]
    assert toggle(field, "ar", selected, {}, {}) == ["fr"]
    with pytest.raises(InvalidInput):
        finish_multi(field, [])


def test_a_press_that_says_tick_or_untick_can_come_twice() -> None:
    field = HOST_REGISTRATION.field("languages")
    ticked = toggle(field, "ar", ["fr"], {}, {}, on=True)
    assert toggle(field, "ar", ticked, {}, {}, on=True) == ticked == ["ar", "fr"]
    unticked = toggle(field, "fr", ticked, {}, {}, on=False)
    assert toggle(field, "fr", unticked, {}, {}, on=False) == unticked == ["ar"]


def test_forged_buttons_are_refused() -> None:
    with pytest.raises(InvalidInput):
        read_button(OFFER.field("beds"), "11", {}, {})
    with pytest.raises(InvalidInput):
        read_button(OFFER.field("latest_pickup"), "0300", {}, {})
    assert read_button(OFFER.field("latest_pickup"), "2130", {}, {}) == "21:30"
    with pytest.raises(InvalidInput):
        read_button(HOST_REGISTRATION.field("household"), "castle", {}, {})


def test_typed_answers_per_kind() -> None:
    assert read_typed(OFFER.field("beds"), "٤") == 4
    assert read_typed(OFFER.field("latest_pickup"), "21h45") == "21:45"
    with pytest.raises(InvalidInput):
        read_typed(HOST_REGISTRATION.field("household"), "couple")


def test_going_back_and_moot_answers() -> None:
    answers = {"who": "group", "women": 1, "men": 1, "children": 0}
    assert GUEST_REQUEST.previous_field(answers).name == "children"  # type: ignore[union-attr]
    changed = {**answers, "who": "alone"}
    assert "women" not in GUEST_REQUEST.relevant(changed)


def test_editing_the_household_asks_again_whom_they_accept() -> None:
    form = edit_form("household")
    assert [f.name for f in form.fields] == ["household", "accepts"]
    assert edit_form("pets").fields[0].kind is Kind.CHOICE


def test_walk_in_starts_with_the_alias_and_has_no_minor_option() -> None:
    assert WALK_IN.fields[0].name == "alias"
    assert "minor" not in WALK_IN.field("who").choices({}, {})
