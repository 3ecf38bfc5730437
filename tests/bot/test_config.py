"""Configuration: defaults, validation that names the variable, and a token that stays hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import EXIT_CONFIG, main
from bot.config import Config, ConfigError, merged_environ, read_env_file

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_defaults_apply_when_only_the_token_is_set() -> None:
    config = Config.from_environ({"BOT_TOKEN": TOKEN})
    assert config.api_base_url == "https://api.telegram.org/bot"
    assert config.database == Path("nightdispatch.sqlite3")
    assert config.timezone == "Europe/Brussels"
    assert config.admin_ids == frozenset()
    assert config.dispatch_chat_id is None
    assert config.default_locale == "en"


def test_every_variable_is_read() -> None:
    config = Config.from_environ(
        {
            "BOT_TOKEN": TOKEN,
            "BOT_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "DATABASE": "/tmp/x.db",
            "TIMEZONE": "America/Montreal",
            "ADMIN_IDS": "1, 22;333",
            "DISPATCH_CHAT_ID": "-1001234567890",
            "DEFAULT_LOCALE": "AR",
        }
    )
    assert config.api_base_url == "http://127.0.0.1:8081/bot"
    assert config.database == Path("/tmp/x.db")
    assert config.zone.key == "America/Montreal"
    assert config.admin_ids == {1, 22, 333}
    assert config.dispatch_chat_id == -1001234567890
    assert config.default_locale == "ar"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("BOT_TOKEN", ""),
        ("BOT_TOKEN", "not-a-token"),
        ("BOT_API_BASE_URL", "api.telegram.org/bot"),
        ("DATABASE", "  "),
        ("TIMEZONE", "UTC+1"),
        ("TIMEZONE", "Mars/Olympus"),
        ("ADMIN_IDS", "12,abc"),
        ("DISPATCH_CHAT_ID", "dispatch"),
        ("DEFAULT_LOCALE", "de"),
    ],
)
def test_an_invalid_value_names_its_variable(variable: str, value: str) -> None:
    environ = {"BOT_TOKEN": TOKEN, variable: value}
    with pytest.raises(ConfigError) as raised:
        Config.from_environ(environ)
    assert raised.value.variable == variable
    assert str(raised.value).startswith(f"{variable}: ")


def test_the_token_never_appears_in_repr_or_errors() -> None:
    assert TOKEN not in repr(Config.from_environ({"BOT_TOKEN": TOKEN}))
    with pytest.raises(ConfigError) as raised:
        Config.from_environ({"BOT_TOKEN": TOKEN + " oops"})
    assert TOKEN not in str(raised.value)


def test_env_file_fills_in_what_the_environment_leaves_out(tmp_path: Path) -> None:
    env_file = tmp_path / "bot.env"
    env_file.write_text(
        "# comment\n\nexport BOT_TOKEN='" + TOKEN + '\'\nTIMEZONE="Europe/Paris"\n'
        "DEFAULT_LOCALE=fr\n",
        encoding="utf-8",
    )
    merged = merged_environ({"DEFAULT_LOCALE": "nl"}, env_file)
    config = Config.from_environ(merged)
    assert config.token == TOKEN
    assert config.timezone == "Europe/Paris"
    assert config.default_locale == "nl"


def test_a_malformed_env_file_line_is_reported(tmp_path: Path) -> None:
    env_file = tmp_path / "bad.env"
    env_file.write_text("BOT_TOKEN\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1"):
        read_env_file(env_file)


def test_run_without_a_token_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    assert main(["run"], environ={}) == EXIT_CONFIG
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0
    assert "BOT_TOKEN" in error


def test_run_with_a_missing_env_file_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["run", "--env-file", str(tmp_path / "absent.env")], environ={}) == EXIT_CONFIG
    assert "absent.env" in capsys.readouterr().err
