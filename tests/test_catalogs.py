"""Every message is translated, in every language, with the same placeholders and markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.i18n import load_translations
from dispatch.locales import SUPPORTED_LOCALES

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w*)\}")
TAG = re.compile(r"</?[a-z-]+")
COMMAND = re.compile(r"(?<![\w/])/[a-z_]+")


def source_msgids() -> set[str | tuple[str, str]]:
    """What the code asks to translate right now, read straight from the sources."""
    ids: set[str | tuple[str, str]] = set()
    for package in ("bot", "handlers", "dispatch", "usecases", "webapp"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")]
        ):
            ids.add(message if isinstance(message, str) else (message[0], message[1]))
    return ids


def load(locale: str) -> Catalog:
    with (ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=locale)


def messages(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]


def forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_catalog_covers_every_message_in_the_code(locale: str) -> None:
    present = {m.id for m in messages(load(locale))}
    missing = source_msgids() - present
    assert not missing, f"{locale}: run scripts/i18n.py all; missing {sorted(map(str, missing))}"


def test_template_matches_the_code() -> None:
    with (ROOT / "locales" / "messages.pot").open("rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    assert template == source_msgids(), "locales/messages.pot is stale: run scripts/i18n.py all"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_no_message_is_empty_or_fuzzy(locale: str) -> None:
    catalog = load(locale)
    assert not catalog.fuzzy, f"{locale}: the header is marked fuzzy"
    bad = [m.id for m in messages(catalog) if m.fuzzy or not all(forms(m))]
    assert not bad, f"{locale}: untranslated or fuzzy: {bad}"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_form_has_a_plural_for_the_language(locale: str) -> None:
    catalog = load(locale)
    for message in messages(catalog):
        if message.pluralizable:
            assert len(forms(message)) == catalog.num_plurals, (locale, message.id)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_placeholders_markup_and_commands_match_the_msgid(locale: str) -> None:
    for message in messages(load(locale)):
        source = " ".join(message.id) if message.pluralizable else str(message.id)
        expected = set(PLACEHOLDER.findall(source))
        for text in forms(message):
            found = set(PLACEHOLDER.findall(text))
            if message.pluralizable:
                # A form may say the number in words ("شخصان", two people) instead of {count}.
                assert found <= expected and expected - {"count"} <= found, (locale, text)
            else:
                assert found == expected, (locale, message.id, text)
            assert sorted(TAG.findall(text)) == sorted(
                TAG.findall(str(message.id[0] if message.pluralizable else message.id))
            ), (locale, text)
            assert set(COMMAND.findall(text)) == set(COMMAND.findall(source)), (locale, text)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_plural_header_agrees_with_cldr(locale: str) -> None:
    """Catches Babel issue #816 (Arabic 'many' and 'other' swapped) and any hand edit."""
    categories = ["zero", "one", "two", "few", "many", "other"]
    rule = Locale.parse(locale).plural_form
    catalog = load(locale)
    translations = load_translations(locale)
    for n in range(0, 1200):
        index = translations.plural(n)  # type: ignore[attr-defined]
        if catalog.num_plurals == 6:
            assert categories[index] == rule(n), (locale, n)
        else:
            assert (index == 0) == (rule(n) == "one"), (locale, n)
