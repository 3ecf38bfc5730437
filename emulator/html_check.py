"""Telegram's HTML parse mode, re-implemented to fail exactly where Telegram would.

The bot formats with ``parse_mode=HTML``; a stray ``<`` in user content makes Telegram reject
the whole message. This parser follows Telegram's rules (supported tags, byte offsets in error
texts, entity decoding) so such bugs surface in tests, and it yields the plain text the user
would see, which is what Telegram's length limits apply to (see ``text_rules``).

One deliberate difference: Telegram keeps a bare ``&`` literally, the emulator rejects it,
because it almost always means user input was not passed through ``html.escape``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SPACES = " \t\r\n\v\f"
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
SUPPORTED_TAGS = frozenset({*_SIMPLE, "a", "code", "pre", "blockquote", "tg-emoji"})


class HtmlParseError(Exception):
    """The part of Telegram's description after ``can't parse entities:``."""


@dataclass(frozen=True)
class ParsedText:
    """What the user sees: text without markup, plus the entities Telegram would attach."""

    plain: str
    entities: tuple[dict[str, Any], ...] = ()


@dataclass
class _OpenTag:
    name: str
    attrs: dict[str, str]
    start: int
    char_start: int
    language: str | None = None


_SPECIAL = re.compile(r"[&<]")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit Telegram uses for entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_entity(text: str, pos: int) -> tuple[str | None, int]:
    """Decode the character reference at ``text[pos] == '&'`` the way Telegram does."""
    end = pos + 1
    n = len(text)
    if end < n and text[end] == "#":
        end += 1
        is_hex = end < n and text[end] in "xX"
        end += is_hex
        digits = "0123456789abcdefABCDEF" if is_hex else "0123456789"
        start = end
        while end < n and text[end] in digits:
            end += 1
        if start == end or end - pos >= 10:
            return None, pos
        code = int(text[start:end], 16 if is_hex else 10)
        if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None, pos
        char: str | None = chr(code)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        char = _NAMED.get(text[pos + 1 : end])
        if char is None:
            return None, pos
    if end < n and text[end] == ";":
        end += 1
    return char, end


class _Parser:
    """Single pass over the markup; ``i`` is the index of the next unread character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.out: list[str] = []
        self.chars = 0
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []

    def fail(self, message: str, index: int) -> HtmlParseError:
        return HtmlParseError(message.format(offset=_byte_offset(self.text, index)))

    def peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""

    def skip_spaces(self) -> None:
        while self.peek() and self.peek() in _SPACES:
            self.i += 1

    def emit(self, chars: str) -> None:
        self.out.append(chars)
        self.chars += len(chars)
        self.utf16 += utf16_len(chars)

    def run(self) -> ParsedText:
        while self.i < len(self.text):
            char = self.text[self.i]
            if char == "&":
                decoded, end = _decode_entity(self.text, self.i)
                if decoded is None:
                    raise self.fail('Unescaped "&" at byte offset {offset}', self.i)
                self.emit(decoded)
                self.i = end
            elif char == "<":
                self.tag()
            else:
                # A run of plain text at once: per-character emits made a long message cost
                # a millisecond, too slow for a 300 messages/s broadcast benchmark.
                found = _SPECIAL.search(self.text, self.i)
                end = found.start() if found else len(self.text)
                self.emit(self.text[self.i : end])
                self.i = end
        if self.stack:
            name = self.stack[-1].name
            raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{name}"')
        ordered = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return ParsedText("".join(self.out), tuple(ordered))

    def tag(self) -> None:
        begin = self.i
        self.i += 1
        if self.peek() == "/":
            self.end_tag(begin)
        else:
            self.start_tag(begin)

    def read_name(self) -> str:
        start = self.i
        while self.peek() and self.peek() not in _SPACES and self.peek() != ">":
            self.i += 1
        return self.text[start : self.i].lower()

    def start_tag(self, begin: int) -> None:
        name = self.read_name()
        if not self.peek():
            raise self.fail("Unclosed start tag at byte offset {offset}", begin)
        if name not in SUPPORTED_TAGS:
            raise self.fail(f'Unsupported start tag "{name}" at byte offset {{offset}}', begin)
        attrs = self.attributes(name, begin)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self.fail(
                'Tag "span" must have class "tg-spoiler" at byte offset {offset}', begin
            )
        self.stack.append(_OpenTag(name, attrs, self.utf16, self.chars))

    def attributes(self, tag: str, begin: int) -> dict[str, str]:
        attrs: dict[str, str] = {}
        while True:
            self.skip_spaces()
            if not self.peek():
                raise self.fail("Unclosed start tag at byte offset {offset}", begin)
            if self.peek() == ">":
                self.i += 1
                return attrs
            start = self.i
            while self.peek() and self.peek() not in _SPACES and self.peek() not in "=>":
                self.i += 1
            attr = self.text[start : self.i].lower()
            if not attr:
                message = f'Empty attribute name in the tag "{tag}" at byte offset {{offset}}'
                raise self.fail(message, begin)
            self.skip_spaces()
            if self.peek() != "=":
                attrs[attr] = ""
                continue
            self.i += 1
            self.skip_spaces()
            if not self.peek():
                raise self.fail("Unclosed start tag at byte offset {offset}", begin)
            attrs[attr] = self.attribute_value(begin)

    def attribute_value(self, begin: int) -> str:
        quote = self.peek()
        if quote not in "'\"":
            start = self.i
            while self.peek() and (self.peek().isalnum() or self.peek() in ".-"):
                self.i += 1
            if self.peek() and self.peek() not in _SPACES and self.peek() != ">":
                raise self.fail("Unexpected end of name token at byte offset {offset}", self.i)
            return self.text[start : self.i].lower()
        self.i += 1
        value: list[str] = []
        while self.peek() and self.peek() != quote:
            decoded, end = _decode_entity(self.text, self.i) if self.peek() == "&" else (None, 0)
            if decoded is not None:
                value.append(decoded)
                self.i = end
            else:
                value.append(self.peek())
                self.i += 1
        if not self.peek():
            raise self.fail("Unclosed start tag at byte offset {offset}", begin)
        self.i += 1
        return "".join(value)

    def end_tag(self, begin: int) -> None:
        if not self.stack:
            raise self.fail("Unexpected end tag at byte offset {offset}", begin)
        self.i += 1
        name = self.read_name()
        self.skip_spaces()
        if self.peek() != ">":
            raise self.fail("Unclosed end tag at byte offset {offset}", begin)
        self.i += 1
        expected = self.stack[-1].name
        if name and name != expected:
            message = (
                "Unmatched end tag at byte offset {offset}, "
                f'expected "</{expected}>", found "</{name}>"'
            )
            raise self.fail(message, begin)
        self.close(self.stack.pop())

    def merged_into_pre(self, tag: _OpenTag) -> bool:
        """``<pre><code class="language-x">`` is one pre entity with a language, as in Telegram."""
        parent = self.stack[-1] if self.stack else None
        language = tag.attrs.get("class", "")
        if tag.name != "code" or parent is None or parent.name != "pre":
            return False
        if parent.start != tag.start or not language.startswith("language-"):
            return False
        parent.language = language.removeprefix("language-")
        return True

    def close(self, tag: _OpenTag) -> None:
        length = self.utf16 - tag.start
        if self.merged_into_pre(tag) or length == 0:
            return
        entity: dict[str, Any] = {"type": _entity_type(tag), "offset": tag.start, "length": length}
        if tag.name == "a":
            entity["url"] = tag.attrs.get("href") or "".join(self.out)[tag.char_start :]
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attrs.get("emoji-id", "")
        elif tag.name == "pre" and tag.language:
            entity["language"] = tag.language
        self.entities.append(entity)


def _entity_type(tag: _OpenTag) -> str:
    if tag.name in _SIMPLE:
        return _SIMPLE[tag.name]
    if tag.name == "blockquote":
        return "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
    return {"a": "text_link", "tg-emoji": "custom_emoji"}.get(tag.name, tag.name)


def parse_html(text: str) -> ParsedText:
    """Parse Telegram HTML; raise HtmlParseError with Telegram's wording on invalid markup."""
    return _Parser(text).run()
