"""Translations, plural rules and locale-aware formatting for one user at a time.

The .po files are read directly at start-up (compiled in memory), so an edited catalog is
always what runs and a stale .mo can never shadow it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from functools import cached_property
from importlib import resources
from io import BytesIO
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from dispatch.locales import RIGHT_TO_LEFT, SUPPORTED_LOCALES

DOMAIN = "messages"
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; it is translated where it is shown."""
    return message


def catalog_path(locale: str) -> Any:
    return resources.files("locales") / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(locale: str) -> Translations:
    """Compile one .po in memory; fuzzy entries are left out, as gettext would."""
    with catalog_path(locale).open("rb") as po_file:
        catalog = read_po(po_file, locale=locale, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def load_all() -> dict[str, Translations]:
    return {locale: load_translations(locale) for locale in SUPPORTED_LOCALES}


def normalise_language_code(code: str | None) -> str | None:
    """Map Telegram's optional IETF tag ('pt-br', 'ar-EG') to one of our locales, or None."""
    if not code:
        return None
    try:
        language = Locale.parse(code.strip().replace("_", "-"), sep="-").language
    except (UnknownLocaleError, ValueError):
        return None
    return language if language in SUPPORTED_LOCALES else None


def resolve_locale(saved: str | None, telegram_code: str | None, default: str) -> str:
    """The user's saved choice wins, then Telegram's language, then the configured default."""
    if saved in SUPPORTED_LOCALES:
        return saved
    return normalise_language_code(telegram_code) or default


class Translator:
    """Everything a reply needs to speak one user's language."""

    def __init__(self, locale: str, translations: Translations) -> None:
        self.locale = locale
        self._translations = translations

    @cached_property
    def babel_locale(self) -> Locale:
        return Locale.parse(self.locale)

    @property
    def right_to_left(self) -> bool:
        return self.locale in RIGHT_TO_LEFT

    def gettext(self, message: str, **values: object) -> str:
        """Translate, then fill named placeholders (isolated inside right-to-left text)."""
        return self._fill(self._translations.gettext(message), values)

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """Pick the plural form for `count` (Arabic has six), then fill `{count}` and the rest."""
        text = self._translations.ngettext(singular, plural, count)
        return self._fill(text, {"count": self.number(count), **values})

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.babel_locale)

    def time(self, value: time | datetime) -> str:
        return format_time(value, format="short", locale=self.babel_locale)

    def date(self, value: date, format: str = "full") -> str:
        return format_date(value, format=format, locale=self.babel_locale)

    def isolate(self, text: str) -> str:
        """Keep Latin names and numbers readable inside a right-to-left sentence."""
        if not self.right_to_left:
            return text
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"

    def _fill(self, text: str, values: Mapping[str, object]) -> str:
        if not values:
            return text
        return text.format(**{key: self._isolated(str(v)) for key, v in values.items()})

    def _isolated(self, value: str) -> str:
        # A value that is itself a filled message (a plural phrase) is isolated already.
        return value if value.startswith(FIRST_STRONG_ISOLATE) else self.isolate(value)


class Translators:
    """All four languages, loaded once; hands out a Translator per locale."""

    def __init__(self, translations: Mapping[str, Translations]) -> None:
        self._by_locale = {
            locale: Translator(locale, catalog) for locale, catalog in translations.items()
        }

    @classmethod
    def load(cls) -> Translators:
        return cls(load_all())

    def __getitem__(self, locale: str) -> Translator:
        return self._by_locale[locale]
