"""Privacy at the edges: the RETENTION_DAYS setting, long /mydata split for Telegram, and log
tracebacks that keep no exception message."""

from __future__ import annotations

import io
import logging

import pytest

from bot.config import Config, ConfigError
from bot.logs import WithholdMessages
from views.privacy_texts import TELEGRAM_LIMIT, split

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
TYPED = "Amina +32 470 12 34 56"


def test_retention_days_defaults_to_14_and_is_read() -> None:
    assert Config.from_environ({"BOT_TOKEN": TOKEN}).retention_days == 14
    assert Config.from_environ({"BOT_TOKEN": TOKEN, "RETENTION_DAYS": "30"}).retention_days == 30


@pytest.mark.parametrize("value", ["0", "366", "two weeks", "-1", ""])
def test_an_invalid_retention_names_the_variable(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Config.from_environ({"BOT_TOKEN": TOKEN, "RETENTION_DAYS": value})
    assert raised.value.variable == "RETENTION_DAYS"


def test_a_long_text_is_split_on_lines_under_the_limit() -> None:
    lines = [f"<b>line {n}</b> " + "x" * 90 for n in range(200)]
    chunks = split("\n".join(lines))
    assert len(chunks) > 1 and all(len(chunk) <= TELEGRAM_LIMIT for chunk in chunks)
    assert "\n".join(chunks).split("\n") == lines  # nothing lost, no tag cut in two


def test_a_short_text_is_one_message_and_an_endless_line_is_cut() -> None:
    assert split("one\n\ntwo") == ["one\n\ntwo"]
    assert [len(c) for c in split("y" * (TELEGRAM_LIMIT + 10))] == [TELEGRAM_LIMIT, 10]


def test_a_traceback_keeps_the_types_but_not_what_the_user_wrote() -> None:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(WithholdMessages("%(levelname)s %(message)s"))
    log = logging.getLogger("tests.privacy.withhold")
    log.addHandler(handler)
    log.propagate = False
    try:
        try:
            try:
                int(TYPED)
            except ValueError as error:
                raise LookupError(TYPED) from error
        except LookupError:
            log.exception("handling update %s failed", 7)
    finally:
        log.removeHandler(handler)
    output = buffer.getvalue()
    assert "handling update 7 failed" in output
    assert "builtins.ValueError (message withheld)" in output
    assert "builtins.LookupError (message withheld)" in output
    assert "Amina" not in output and "470" not in output
