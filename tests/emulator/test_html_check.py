"""Telegram HTML parsing: accepted markup, plain text, entities and exact error texts."""

from __future__ import annotations

import pytest

from emulator.errors import ApiError
from emulator.html_check import HtmlParseError, parse_html, utf16_len
from emulator.text_rules import check_caption, check_message_text


def test_plain_text_strips_tags_and_unescapes_entities() -> None:
    parsed = parse_html("<b>Bold</b> &lt;3 &amp; &quot;q&quot; &#65;&#x42; <i>it</i>")
    assert parsed.plain == 'Bold <3 & "q" AB it'
    assert parsed.entities == (
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 17, "length": 2},
    )


def test_entity_offsets_are_utf16() -> None:
    parsed = parse_html("😀 <u>x</u>")
    assert utf16_len("😀") == 2
    assert parsed.entities == ({"type": "underline", "offset": 3, "length": 1},)


@pytest.mark.parametrize(
    ("markup", "entity"),
    [
        ('<a href="https://example.org/?a=1&amp;b=2">x</a>', "text_link"),
        ('<span class="tg-spoiler">x</span>', "spoiler"),
        ("<tg-spoiler>x</tg-spoiler>", "spoiler"),
        ("<s>x</s>", "strikethrough"),
        ("<del>x</del>", "strikethrough"),
        ("<ins>x</ins>", "underline"),
        ("<STRONG>x</STRONG>", "bold"),
        ("<code>x</code>", "code"),
        ("<blockquote>x</blockquote>", "blockquote"),
        ("<blockquote expandable>x</blockquote>", "expandable_blockquote"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "custom_emoji"),
    ],
)
def test_supported_tags(markup: str, entity: str) -> None:
    assert parse_html(markup).entities[0]["type"] == entity


def test_link_keeps_decoded_href() -> None:
    (entity,) = parse_html('<a href="https://example.org/?a=1&amp;b=2">x</a>').entities
    assert entity["url"] == "https://example.org/?a=1&b=2"


def test_pre_with_language_is_one_entity() -> None:
    parsed = parse_html('<pre><code class="language-python">print(1)</code></pre>')
    assert parsed.entities == ({"type": "pre", "offset": 0, "length": 8, "language": "python"},)


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("Hello there <foo>x</foo>", 'Unsupported start tag "foo" at byte offset 12'),
        ("é <br>", 'Unsupported start tag "br" at byte offset 3'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("a<b", "Unclosed start tag at byte offset 1"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a href=https://x>y</a>", "Unexpected end of name token at byte offset 13"),
        ("Tom & Jerry", 'Unescaped "&" at byte offset 4'),
        ("&nbsp;", 'Unescaped "&" at byte offset 0'),
    ],
)
def test_invalid_markup(markup: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as info:
        parse_html(markup)
    assert str(info.value) == error


def test_message_text_rules() -> None:
    limit = "<b>" + "a" * 4096 + "</b>"
    assert len(check_message_text(limit, "HTML").plain) == 4096
    with pytest.raises(ApiError, match="message is too long"):
        check_message_text("a" * 4097, None)
    for empty in ("", "  \n", "<b> </b>"):
        with pytest.raises(ApiError, match="message text is empty"):
            check_message_text(empty, "HTML")


def test_parse_mode_is_case_insensitive_and_other_modes_pass_through() -> None:
    with pytest.raises(ApiError, match="can't parse entities"):
        check_message_text("<x>", "html")
    assert check_message_text("<x>", None).plain == "<x>"
    assert check_message_text("*x*", "MarkdownV2").plain == "*x*"


def test_caption_rules() -> None:
    assert check_caption(None, "HTML") is None
    with pytest.raises(ApiError, match="message caption is too long"):
        check_caption("a" * 1025, None)
