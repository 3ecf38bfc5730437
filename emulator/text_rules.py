"""Telegram's rules for message texts and captions: parse mode, emptiness, length.

Limits apply to what the user sees (markup stripped, entities decoded), so ``<b>`` tags do
not count towards 4096 characters but an unparsable tag fails the whole call.
"""

from __future__ import annotations

from emulator.errors import ApiError
from emulator.html_check import HtmlParseError, ParsedText, parse_html

MAX_TEXT = 4096
MAX_CAPTION = 1024


def parse_text(text: str, parse_mode: str | None) -> ParsedText:
    """Apply the parse mode; only HTML is validated, other modes pass through unchanged."""
    if (parse_mode or "").lower() != "html":
        return ParsedText(text)
    try:
        return parse_html(text)
    except HtmlParseError as exc:
        raise ApiError.bad_request(f"can't parse entities: {exc}") from exc


def check_message_text(text: object, parse_mode: str | None) -> ParsedText:
    """Validate a message text like sendMessage/editMessageText do."""
    parsed = parse_text(text if isinstance(text, str) else "", parse_mode)
    visible = parsed.plain.strip()
    if not visible:
        raise ApiError.bad_request("message text is empty")
    if len(visible) > MAX_TEXT:
        raise ApiError.bad_request("message is too long")
    return parsed


def check_caption(caption: object, parse_mode: str | None) -> ParsedText | None:
    """Validate an optional media caption (1024 visible characters at most)."""
    if not isinstance(caption, str) or not caption:
        return None
    parsed = parse_text(caption, parse_mode)
    if len(parsed.plain.strip()) > MAX_CAPTION:
        raise ApiError.bad_request("message caption is too long")
    return parsed
