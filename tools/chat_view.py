"""How `nightdispatch chat` shows the bot's messages in a terminal.

A terminal is not a Telegram client: it knows no HTML, may not lay right-to-left text out, and
prints the Unicode isolates the bot puts around names as boxes. This turns each message into
lines a trainee can read, with its buttons numbered so that typing the number presses one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from arabic_reshaper import ArabicReshaper  # type: ignore[import-untyped]
from bidi import get_display  # type: ignore[import-untyped]

from emulator import BotMessage

RULE = "─" * 48
BOLD_ON, RESET = "\x1b[1m", "\x1b[0m"
# Bold is marked with a neutral control character before the bidi reordering (which would
# scramble ANSI escapes), and turned into escapes afterwards: each mark toggles bold.
BOLD_MARK = "\x01"
ISOLATES = re.compile("[\u2066-\u2069]")
# A terminal that does not order right-to-left text does not join Arabic letters either: each
# would print in its isolated form. Their contextual forms (Unicode's presentation forms) read
# as written. The vowel marks are kept: marks_after_bases puts them back on their letters.
SHAPER = ArabicReshaper(configuration={"delete_harakat": False})


@dataclass(frozen=True)
class Button:
    """One button as numbered on screen; `message` is None for a reply-keyboard button."""

    label: str
    message: BotMessage | None
    request_location: bool = False
    url: str | None = None


@dataclass(frozen=True)
class Style:
    """How this terminal wants text: reorder right-to-left lines, and ANSI bold or not."""

    reorder: bool
    bold: bool

    def line(self, text: str) -> str:
        """One logical line as the terminal should print it: when it does no bidi, Arabic
        joined and each right-to-left run reversed."""
        shown = text
        if self.reorder and text.strip():
            shown = marks_after_bases(str(get_display(SHAPER.reshape(text))))
        return self._ansi(ISOLATES.sub("", shown))

    def _ansi(self, text: str) -> str:
        if BOLD_MARK not in text:
            return text
        if not self.bold:
            return text.replace(BOLD_MARK, "")
        parts, bold = text.split(BOLD_MARK), False
        out = [parts[0]]
        for part in parts[1:]:
            bold = not bold
            out.append((BOLD_ON if bold else RESET) + part)
        return "".join(out) + (RESET if bold else "")


def marks_after_bases(text: str) -> str:
    """Put combining marks (a shadda, an emoji's VS16) back after the letter they belong to.

    Reversing a right-to-left run for display puts each mark before its letter, and a terminal
    draws a mark on the character before it (UAX #9's optional rule L3, which python-bidi
    leaves out). A mark is out of place when an RTL letter follows it or nothing precedes it.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and unicodedata.category(text[j]) in ("Mn", "Me"):
            j += 1
        if j == i:
            out.append(text[i])
            i += 1
        elif j < len(text) and (_right_to_left(text[j]) or i == 0 or text[i - 1].isspace()):
            out += [text[j], text[i:j]]
            i = j + 1
        else:
            out.append(text[i:j])
            i = j
    return "".join(out)


def _right_to_left(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


class _Text(HTMLParser):
    """Telegram's HTML subset to text: bold marked, links followed by their address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("b", "strong"):
            self.parts.append(BOLD_MARK)
        elif tag == "a":
            self._links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self.parts.append(BOLD_MARK)
        elif tag == "a" and self._links:
            href = self._links.pop()
            if href and not href.startswith("tg://"):
                self.parts.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.parts.append(data.replace(BOLD_MARK, ""))


def terminal_text(message: BotMessage) -> str:
    """The message's text or caption with bold marks, entities decoded; '' when it has none."""
    if message.text is None:
        return ""
    if (message.parse_mode or "").upper() != "HTML":
        return message.plain_text if message.plain_text is not None else message.text
    parser = _Text()
    parser.feed(message.text)
    parser.close()
    return "".join(parser.parts)


def attachment(message: BotMessage) -> str | None:
    """A venue pin, a location or a file, described in one line."""
    if message.kind == "venue" and message.venue:
        where = _coordinates(message.venue.get("location") or message.location)
        return f"📍 {message.venue.get('title')} — {message.venue.get('address')} {where}"
    if message.kind == "location" and message.location:
        return f"📍 location {_coordinates(message.location)}"
    if message.file is not None:
        icon = "🖼" if message.kind == "photo" else "📎"
        return f"{icon} {message.kind}: {_file_summary(message.file)}"
    return None


def _coordinates(location: dict[str, Any] | None) -> str:
    if not location:
        return ""
    return f"({float(location['latitude']):.4f}, {float(location['longitude']):.4f})"


def _file_summary(file: dict[str, Any]) -> str:
    name = file.get("file_name") or file.get("file_id", "file")
    size = file.get("file_size")
    if not size:
        return str(name)
    kilobytes = max(1, round(int(size) / 1024))
    return f"{name}, {kilobytes} KB"


def button_rows(message: BotMessage) -> list[list[Button]]:
    """The message's buttons by row: its inline keyboard, else its reply keyboard."""
    markup = message.reply_markup or {}
    inline = markup.get("inline_keyboard")
    if isinstance(inline, list):
        return [
            [Button(str(b.get("text", "")), message, url=b.get("url")) for b in row]
            for row in inline
        ]
    keyboard = markup.get("keyboard")
    if isinstance(keyboard, list):
        return [[_reply_button(b) for b in row] for row in keyboard]
    return []


def _reply_button(button: str | dict[str, Any]) -> Button:
    if isinstance(button, str):
        return Button(button, None)
    return Button(str(button.get("text", "")), None, bool(button.get("request_location")))


def render(message: BotMessage, style: Style) -> list[str]:
    """The lines printed for one message or edit: a rule, the body, the numbered buttons."""
    header = f"── 🤖 #{message.message_id}{' (edited)' if message.edited else ''} "
    lines = [header + RULE[len(header) :]]
    pinned = attachment(message)
    if pinned is not None:
        lines.append(style.line(pinned))
    body = terminal_text(message)
    if body or pinned is None:
        lines += [style.line(line) for line in body.split("\n")]
    number = 1
    for row in button_rows(message):
        cells = []
        for button in row:
            cells.append(f"[{number}] {style.line(button.label)}")
            number += 1
        lines.append("   " + "  ".join(cells))
    return lines
