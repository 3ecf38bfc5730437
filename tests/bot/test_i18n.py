"""Locale resolution, plural forms (Arabic's six) and right-to-left isolation."""

from __future__ import annotations

import pytest

from bot.i18n import (
    FIRST_STRONG_ISOLATE,
    POP_DIRECTIONAL_ISOLATE,
    Translators,
    normalise_language_code,
    resolve_locale,
)


@pytest.fixture(scope="module")
def translators() -> Translators:
    return Translators.load()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ar", "ar"),
        ("ar-EG", "ar"),
        ("nl-BE", "nl"),
        ("fr_be", "fr"),
        ("EN-us", "en"),
        ("pt-br", None),
        ("de", None),
        ("", None),
        (None, None),
        ("x-klingon", None),
        ("@@", None),
    ],
)
def test_telegram_language_codes_are_normalised(code: str | None, expected: str | None) -> None:
    assert normalise_language_code(code) == expected


def test_saved_choice_wins_over_telegram_and_default() -> None:
    assert resolve_locale("nl", "ar", "fr") == "nl"
    assert resolve_locale(None, "ar-SA", "fr") == "ar"
    assert resolve_locale(None, "de", "fr") == "fr"
    assert resolve_locale(None, None, "en") == "en"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "لم يراسل أحدٌ"),
        (1, "شخص واحد"),
        (2, "شخصان"),
        (3, "أشخاص"),
        (10, "أشخاص"),
        (11, "شخصًا"),
        (99, "شخصًا"),
        (100, "شخص البوت"),
        (102, "شخص البوت"),
        (103, "أشخاص"),
    ],
)
def test_arabic_uses_all_six_plural_forms(
    translators: Translators, count: int, expected: str
) -> None:
    text = translators["ar"].ngettext(
        "{count} person has written to the bot so far.",
        "{count} people have written to the bot so far.",
        count,
    )
    assert expected in text


def test_french_treats_zero_as_singular(translators: Translators) -> None:
    singular, plural = (
        "{count} person has written to the bot so far.",
        "{count} people have written to the bot so far.",
    )
    assert "personne a écrit" in translators["fr"].ngettext(singular, plural, 0)
    assert "personnes ont écrit" in translators["fr"].ngettext(singular, plural, 2)
    assert translators["fr"].ngettext(singular, plural, 1234).startswith("1\u202f234")


def test_placeholders_are_isolated_in_arabic_only(translators: Translators) -> None:
    arabic = translators["ar"].gettext("Language saved: {language}.", language="Nederlands")
    assert f"{FIRST_STRONG_ISOLATE}Nederlands{POP_DIRECTIONAL_ISOLATE}" in arabic
    english = translators["en"].gettext("Language saved: {language}.", language="Nederlands")
    assert english == "Language saved: Nederlands."


def test_untranslated_message_falls_back_to_english(translators: Translators) -> None:
    assert translators["nl"].gettext("no such message {x}", x=1) == "no such message 1"
