"""The sites' forms: time zones, coordinates and texts as typed, and the rules across questions."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch.forms import read_button, read_coordinates, read_paragraph, read_timezone
from dispatch.inputs import InvalidInput, Problem
from dispatch.models import Site
from dispatch.site_forms import (
    NEW_SITE,
    TAKEN,
    answers_from_site,
    check,
    edit_form,
    edit_start,
    edited,
    site_from_answers,
    taken,
)

LIEGE = Site(
    id=2,
    name="Liège",
    timezone="Europe/Brussels",
    cutoff=time(20),
    evening_end=time(23),
    meeting_point_name="Gare des Guillemins",
    latitude=50.6245,
    longitude=5.5668,
)


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/Brussels", "Europe/Brussels"),
        ("  europe/PARIS ", "Europe/Paris"),
        ("America/New York", "America/New_York"),
    ],
)
def test_a_time_zone_is_read_by_its_iana_name_in_any_case(typed: str, zone: str) -> None:
    assert read_timezone(typed) == zone


@pytest.mark.parametrize("typed", ["Europe/Liege", "Etc/GMT+1", "UTC", "EST", "../etc/passwd"])
def test_offsets_aliases_and_unknown_places_are_not_time_zones(typed: str) -> None:
    with pytest.raises(InvalidInput) as error:
        read_timezone(typed)
    assert error.value.problem is Problem.NOT_AN_OPTION


def test_a_time_zone_button_must_be_one_of_the_presets() -> None:
    field = NEW_SITE.field("timezone")
    assert read_button(field, "Europe/London", {}, {}) == "Europe/London"
    with pytest.raises(InvalidInput):
        read_button(field, "Asia/Tokyo", {}, {})


@pytest.mark.parametrize(
    "typed",
    ["50.8466, 4.3528", "50.8466 4.3528", "50,8466; 4,3528", "+50.8466,4.3528", "٥٠٫٨٤٦٦، ٤٫٣٥٢٨"],
)
def test_coordinates_are_read_in_common_spellings(typed: str) -> None:
    assert read_coordinates(typed) == [50.8466, 4.3528]


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", Problem.EMPTY),
        ("north of the station", Problem.NOT_A_NUMBER),
        ("50.8466", Problem.NOT_A_NUMBER),
        ("100, 5.5", Problem.OUT_OF_RANGE),
        ("50, −181", Problem.OUT_OF_RANGE),
    ],
)
def test_wrong_coordinates_say_what_is_wrong(typed: str, problem: Problem) -> None:
    with pytest.raises(InvalidInput) as error:
        read_coordinates(typed)
    assert error.value.problem is problem


@given(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
)
def test_any_point_on_earth_reads_back_as_typed(latitude: float, longitude: float) -> None:
    read = read_coordinates(f"{latitude:.6f}, {longitude:.6f}")
    assert read == [round(float(f"{latitude:.6f}"), 6), round(float(f"{longitude:.6f}"), 6)]


def test_a_text_keeps_its_line_breaks_and_only_its_ends_are_trimmed() -> None:
    assert read_paragraph("  Samusocial: 0800 99 340\n  Croix-Rouge  \n", 1000) == (
        "Samusocial: 0800 99 340\n  Croix-Rouge"
    )
    with pytest.raises(InvalidInput):
        read_paragraph("x" * 1001, 1000)
    with pytest.raises(InvalidInput):
        read_paragraph(" \n ", 1000)


def test_a_name_already_taken_is_refused_whatever_its_case() -> None:
    answers: dict[str, Any] = {TAKEN: taken(["Brussels"]), "site_name": "BRUSSELS"}
    assert check("site_name", answers) is Problem.NOT_AN_OPTION
    assert check("site_name", {**answers, "site_name": "Liège"}) is None


@pytest.mark.parametrize(("end", "problem"), [("23:00", None), ("20:00", Problem.OUT_OF_RANGE)])
def test_the_evening_ends_after_its_cutoff(end: str, problem: Problem | None) -> None:
    answers = {"cutoff": "20:00", "evening_end": end}
    assert check("evening_end", answers) is problem
    assert check("cutoff", answers) is problem  # an edited cut-off is held to the same rule
    assert check("meeting_point", answers) is None


def test_skipped_questions_leave_the_site_without_address_or_location() -> None:
    answers = {**answers_from_site(LIEGE), "address": "", "location": ""}
    site = site_from_answers(answers)
    assert (site.id, site.meeting_point_address, site.latitude) == (0, "", None)


def test_a_stored_site_reads_back_from_its_answers() -> None:
    assert site_from_answers(answers_from_site(LIEGE), LIEGE.id) == LIEGE


def test_an_edit_asks_one_setting_and_knows_the_others() -> None:
    form = edit_form("cutoff")
    start = edit_start(LIEGE, "cutoff", ["Brussels"])
    assert form.name == "site_edit_cutoff"
    assert form.next_field(start) == NEW_SITE.field("cutoff")
    assert (start["site_id"], start["evening_end"], start[TAKEN]) == (2, "23:00", ["brussels"])
    changed = edited(LIEGE, "cutoff", {**start, "cutoff": "21:15"})
    assert changed == replace(LIEGE, cutoff=time(21, 15))


def test_a_new_site_asks_every_setting_then_confirms() -> None:
    answers: dict[str, Any] = {}
    asked = []
    while (field := NEW_SITE.next_field(answers)) is not None:
        asked.append(field.name)
        answers[field.name] = answers_from_site(LIEGE).get(field.name, "confirm")
    assert asked[0] == "site_name" and asked[-2:] == ["location", "confirm"]
    assert site_from_answers(answers) == replace(LIEGE, id=0)
