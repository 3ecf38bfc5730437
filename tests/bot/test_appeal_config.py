"""APPEAL_RATE and PAID_BROADCAST: Telegram's 30/s unless paid broadcasts are switched on."""

from __future__ import annotations

import pytest

from bot.config import Config, ConfigError

TOKEN = {"BOT_TOKEN": "123:abc"}


def test_defaults_are_telegrams_free_limit() -> None:
    config = Config.from_environ(TOKEN)
    assert (config.appeal_rate, config.paid_broadcast) == (30, False)


def test_paid_broadcasts_allow_up_to_a_thousand() -> None:
    config = Config.from_environ({**TOKEN, "APPEAL_RATE": "1000", "PAID_BROADCAST": "true"})
    assert (config.appeal_rate, config.paid_broadcast) == (1000, True)


@pytest.mark.parametrize(
    ("rate", "paid", "variable"),
    [
        ("31", "false", "APPEAL_RATE"),
        ("0", "", "APPEAL_RATE"),
        ("1001", "true", "APPEAL_RATE"),
        ("fast", "", "APPEAL_RATE"),
        ("30", "maybe", "PAID_BROADCAST"),
    ],
)
def test_invalid_values_name_the_variable(rate: str, paid: str, variable: str) -> None:
    with pytest.raises(ConfigError) as error:
        Config.from_environ({**TOKEN, "APPEAL_RATE": rate, "PAID_BROADCAST": paid})
    assert error.value.variable == variable
