"""WEBAPP_URL: https (plain http on loopback only), served beside /healthz."""

from __future__ import annotations

import pytest

from bot.config import Config, ConfigError

BASE = {"BOT_TOKEN": "123:abc", "HEALTH_PORT": "8080"}


def test_the_board_url_ends_with_a_slash() -> None:
    config = Config.from_environ({**BASE, "WEBAPP_URL": "https://bot.example.org/board"})
    assert config.webapp_url == "https://bot.example.org/board/"
    assert Config.from_environ(BASE).webapp_url == ""


@pytest.mark.parametrize(
    ("environ", "problem"),
    [
        ({**BASE, "WEBAPP_URL": "http://bot.example.org/board/"}, "https"),
        ({**BASE, "WEBAPP_URL": "https://bot.example.org/board/?site=1"}, "https"),
        ({"BOT_TOKEN": "123:abc", "WEBAPP_URL": "https://bot.example.org/board/"}, "HEALTH_PORT"),
    ],
)
def test_a_wrong_board_url_is_named(environ: dict[str, str], problem: str) -> None:
    with pytest.raises(ConfigError) as error:
        Config.from_environ(environ)
    assert error.value.variable == "WEBAPP_URL" and problem in str(error.value)
