"""Issue 15, finding 11: bidirectional controls typed by users never reach anyone; the joiners
of emoji sequences and Persian or Arabic names stay."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dispatch.forms import read_paragraph
from dispatch.inputs import read_name
from dispatch.text import BIDI_CONTROLS, clean_text

RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"
ZWJ, ZWNJ = "\u200d", "\u200c"


def test_a_right_to_left_override_is_removed_from_a_report() -> None:
    assert read_paragraph(f"host is {RLO}evil{PDF} ok", 200) == "host is evil ok"
    assert clean_text(f"{FSI}Amina{PDI}") == "Amina"


def test_names_keep_their_joiners() -> None:
    family = f"👨{ZWJ}👩{ZWJ}👧"
    assert read_name(f"Sara {family}", 40) == f"Sara {family}"
    assert read_name(f"می{ZWNJ}خواهم", 40) == f"می{ZWNJ}خواهم"  # Persian half-space
    assert read_name(f"{RLO}Marie{PDF}", 40) == "Marie"


@given(st.text())
def test_no_bidi_control_survives(text: str) -> None:
    assert not set(clean_text(text)) & BIDI_CONTROLS
