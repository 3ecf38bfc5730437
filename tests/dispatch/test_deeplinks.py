"""Deep-link payloads from posters: role and language, and nothing else gets through."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dispatch.deeplinks import Intent, StartLink, parse_start_payload, start_payload
from dispatch.locales import SUPPORTED_LOCALES


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("host", StartLink(Intent.HOST)),
        ("guest", StartLink(Intent.GUEST)),
        ("guest_ar", StartLink(Intent.GUEST, "ar")),
        ("GUEST_NL", StartLink(Intent.GUEST, "nl")),
        ("host_fr", StartLink(Intent.HOST, "fr")),
        ("guest_de", StartLink(Intent.GUEST)),
        ("dispatcher", StartLink()),
        ("", StartLink()),
        (None, StartLink()),
        ("guest ar", StartLink()),
        ("x" * 65, StartLink()),
    ],
)
def test_payloads(payload: str | None, expected: StartLink) -> None:
    assert parse_start_payload(payload) == expected


@given(st.sampled_from(list(Intent)), st.sampled_from([None, *SUPPORTED_LOCALES]))
def test_start_payload_reads_back(intent: Intent, locale: str | None) -> None:
    assert parse_start_payload(start_payload(intent, locale)) == StartLink(intent, locale)


@given(st.text(max_size=80))
def test_any_text_parses_without_error(payload: str) -> None:
    link = parse_start_payload(payload)
    assert link.locale is None or link.locale in SUPPORTED_LOCALES
