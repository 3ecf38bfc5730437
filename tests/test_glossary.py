"""The glossary (locales/GLOSSARY.md) names one word per key term and language; the key
messages of each term use it in every catalog, and the words it rules out appear nowhere."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Message

from dispatch.locales import SUPPORTED_LOCALES
from tests.test_catalogs import ROOT, forms, load, messages

GLOSSARY = ROOT / "locales" / "GLOSSARY.md"

# The messages where a reader meets each term; they must use the glossary's word.
KEY_MESSAGES: dict[str, tuple[str, ...]] = {
    "host": ("{count} host", "📝 Register as a host", "Hosts waiting for approval", "the host"),
    "guest": ("the guest", "⛔ Block the guest", "Texts shown to guests"),
    "driver": ("No, I need a driver",),
    "meeting point": (
        "Meeting point",
        "Meeting point: {place}",
        "Register a group at the meeting point",
        "Can you collect your guests at the meeting point yourself?",
    ),
    "meeting time": ("❓ Not picked up after the agreed time: {count} person",),
    "code": (
        "Type the pickup code your guests tell you.",
        "Stay: host {host}, guest {guest}, {site}, night of {night}, pickup code {code}.",
    ),
    "cut-off": (
        "Cut-off",
        "Tonight's cut-off has passed, but we will still try to find you a host and will write "
        "to you here.",
        "The round is still open: the matching runs at the cut-off. Close the round to match now.",
    ),
    "tonight": (
        "🛏 I need a bed tonight",
        "🏠 I can offer a bed tonight",
        "Withdraw your request for tonight?",
        "Withdraw your offer for tonight?",
    ),
    "stay": ("Which stay is it about?", "⏹ End the stay after tonight"),
    "dispatcher": (
        "Report a problem to the dispatchers",
        "This is reserved for dispatchers.",
        "Your profile is waiting for a dispatcher's approval. You will get a message here as "
        "soon as it is approved.",
    ),
    "offer": ("Withdraw your offer for tonight?", "<b>Your offer for {night}</b>"),
    "request": ("Withdraw your request for tonight?", "✏️ Change my request"),
}


def glossary() -> dict[str, dict[str, tuple[str, ...]]]:
    """term → column (en, fr, nl, ar, never use) → the accepted forms."""
    lines = [
        line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.startswith("|")
    ]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        row = dict(zip(header, cells, strict=True))
        table[row["term"]] = {
            column: tuple(form.strip() for form in value.split("/") if form.strip())
            for column, value in row.items()
        }
    return table


def text_of(message: Message) -> str:
    return " ".join(forms(message)).casefold()


def test_the_glossary_has_the_dozen_key_terms_in_every_language() -> None:
    table = glossary()
    assert set(KEY_MESSAGES) <= set(table)
    for term, columns in table.items():
        for locale in SUPPORTED_LOCALES:
            assert columns[locale], (term, locale)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("term", sorted(KEY_MESSAGES))
def test_key_messages_use_the_glossary_word(term: str, locale: str) -> None:
    catalog = load(locale)
    chosen = glossary()[term][locale]
    for msgid in KEY_MESSAGES[term]:
        message = catalog.get(msgid)
        assert message is not None, (locale, msgid)
        assert any(form.casefold() in text_of(message) for form in chosen), (
            f"{locale}: {msgid!r} should say {' or '.join(chosen)}: {forms(message)}"
        )


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_no_message_uses_a_word_the_glossary_rules_out(locale: str) -> None:
    banned = [word.casefold() for columns in glossary().values() for word in columns["never use"]]
    for message in messages(load(locale)):
        for word in banned:
            assert word not in text_of(message), (locale, word, message.id)
