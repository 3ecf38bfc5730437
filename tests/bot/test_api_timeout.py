"""API_TIMEOUT: how long a call may go unanswered before it counts as lost and is sent again."""

from __future__ import annotations

import pytest

from bot.config import Config, ConfigError

TOKEN = {"BOT_TOKEN": "123456:ABC"}


def test_the_default_is_ptbs_five_seconds() -> None:
    assert Config.from_environ(TOKEN).api_timeout == 5.0


def test_a_shorter_timeout_is_read() -> None:
    assert Config.from_environ({**TOKEN, "API_TIMEOUT": "2.5"}).api_timeout == 2.5


@pytest.mark.parametrize("value", ["0", "61", "soon", "-1"])
def test_a_nonsense_timeout_names_the_variable(value: str) -> None:
    with pytest.raises(ConfigError, match="API_TIMEOUT"):
        Config.from_environ({**TOKEN, "API_TIMEOUT": value})
