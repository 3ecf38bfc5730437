"""Configuration, built once from an environment mapping so tests never monkeypatch."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dispatch.evening import CONFIRMATION_MINUTES
from dispatch.locales import SUPPORTED_LOCALES
from dispatch.privacy import RETENTION_DAYS
from dispatch.retention import MAX_DAYS, MIN_DAYS

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DATABASE = "nightdispatch.sqlite3"
DEFAULT_TIMEZONE = "Europe/Brussels"
DEFAULT_LOCALE = "en"
DEFAULT_SITE_NAME = "Brussels"

_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram allows in secret_token
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class ConfigError(ValueError):
    """A setting is missing or invalid; the message names the variable and never its secret."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True)
class Config:
    """Everything the bot needs to start; the token is kept out of repr and logs."""

    token: str = field(repr=False)
    api_base_url: str = DEFAULT_API_BASE_URL
    database: Path = Path(DEFAULT_DATABASE)
    timezone: str = DEFAULT_TIMEZONE
    admin_ids: frozenset[int] = frozenset()
    dispatch_chat_id: int | None = None
    default_locale: str = DEFAULT_LOCALE
    site_name: str = DEFAULT_SITE_NAME
    site_cutoff: str = "19:00"
    site_evening_end: str = "23:00"
    site_meeting_point: str = ""
    confirmation_minutes: int = CONFIRMATION_MINUTES  # a host's time to answer a proposal
    appeal_rate: int = 30  # urgent-appeal messages per second, overall
    paid_broadcast: bool = False  # allow_paid_broadcast: up to 1000/s, for a fee
    api_timeout: float = 5.0  # seconds to wait for Telegram's answer to a call (PTB's default)
    retention_days: int = RETENTION_DAYS  # days before guests' nightly records are purged
    webhook_url: str = ""  # set: Telegram pushes updates to this URL instead of long polling
    webhook_secret: str = field(default="", repr=False)  # Telegram sends it back in a header
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    health_port: int | None = None  # GET /healthz; None: no health endpoint
    health_listen: str = "127.0.0.1"
    webapp_url: str = ""  # the board's public https URL; served beside /healthz (HEALTH_PORT)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def confirmation_window(self) -> timedelta:
        """How long a proposal waits for its host before it goes to someone else."""
        return timedelta(minutes=self.confirmation_minutes)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Config:
        """Build a Config, raising ConfigError for the first missing or invalid variable."""
        return cls(
            token=_token(environ.get("BOT_TOKEN", "")),
            api_base_url=_base_url(environ.get("BOT_API_BASE_URL", DEFAULT_API_BASE_URL)),
            database=_database(environ.get("DATABASE", DEFAULT_DATABASE)),
            timezone=_timezone(environ.get("TIMEZONE", DEFAULT_TIMEZONE)),
            admin_ids=_admin_ids(environ.get("ADMIN_IDS", "")),
            dispatch_chat_id=_chat_id(environ.get("DISPATCH_CHAT_ID", "")),
            default_locale=_locale(environ.get("DEFAULT_LOCALE", DEFAULT_LOCALE)),
            site_name=_text("SITE_NAME", environ.get("SITE_NAME", DEFAULT_SITE_NAME), 60),
            site_cutoff=_clock_time("SITE_CUTOFF", environ.get("SITE_CUTOFF", "19:00")),
            site_evening_end=_clock_time(
                "SITE_EVENING_END", environ.get("SITE_EVENING_END", "23:00")
            ),
            site_meeting_point=_text(
                "SITE_MEETING_POINT", environ.get("SITE_MEETING_POINT", ""), 120, required=False
            ),
            confirmation_minutes=_minutes(
                environ.get("CONFIRMATION_MINUTES", str(CONFIRMATION_MINUTES))
            ),
            api_timeout=_api_timeout(environ.get("API_TIMEOUT", "5")),
            retention_days=_retention_days(environ.get("RETENTION_DAYS", str(RETENTION_DAYS))),
            paid_broadcast=_flag("PAID_BROADCAST", environ.get("PAID_BROADCAST", "")),
            webhook_url=_webhook_url(environ.get("WEBHOOK_URL", "")),
            webhook_secret=_webhook_secret(
                environ.get("WEBHOOK_SECRET", ""), bool(environ.get("WEBHOOK_URL", "").strip())
            ),
            webhook_listen=_listen("WEBHOOK_LISTEN", environ.get("WEBHOOK_LISTEN", "0.0.0.0")),
            webhook_port=_port("WEBHOOK_PORT", environ.get("WEBHOOK_PORT", "8443")),
            health_port=_health_port(environ.get("HEALTH_PORT", "")),
            health_listen=_listen("HEALTH_LISTEN", environ.get("HEALTH_LISTEN", "127.0.0.1")),
            webapp_url=_webapp_url(environ.get("WEBAPP_URL", ""), environ.get("HEALTH_PORT", "")),
            appeal_rate=_appeal_rate(
                environ.get("APPEAL_RATE", "30"),
                _flag("PAID_BROADCAST", environ.get("PAID_BROADCAST", "")),
            ),
        )


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines (comments, blank lines, `export` and quotes allowed)."""
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = line.removeprefix("export ").strip()
        key, sep, value = line.partition("=")
        if not sep or not key.strip().isidentifier():
            raise ConfigError(str(path), f"line {number} is not KEY=VALUE")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def settings_environ(environ: Mapping[str, str], env_file: Path | None) -> dict[str, str]:
    """The environment with the env file under it: `--env-file` if given (it must exist),
    else `.env` in the current folder when there is one."""
    if env_file is None and Path(".env").is_file():
        env_file = Path(".env")
    if env_file is not None and not env_file.is_file():
        raise ConfigError("--env-file", f"{env_file} does not exist")
    return merged_environ(environ, env_file)


def merged_environ(environ: Mapping[str, str], env_file: Path | None) -> dict[str, str]:
    """The env file fills in what the process environment does not set."""
    merged = dict(read_env_file(env_file)) if env_file is not None else {}
    merged.update(environ)
    return merged


def _token(value: str) -> str:
    value = value.strip()
    if not value:
        raise ConfigError("BOT_TOKEN", "is missing; set it to the token BotFather gave you")
    if not _TOKEN.match(value):
        raise ConfigError(
            "BOT_TOKEN", "is not a bot token (expected digits, a colon, then letters)"
        )
    return value


def _base_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            "BOT_API_BASE_URL", "must be an http(s) URL such as https://api.telegram.org/bot"
        )
    return value.strip()


def _database(value: str) -> Path:
    if not value.strip():
        raise ConfigError("DATABASE", "is empty; give a path to a SQLite file")
    return Path(value.strip()).expanduser()


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        problem = f"{value!r} is not an IANA time zone such as Europe/Brussels"
        raise ConfigError("TIMEZONE", problem) from None
    return value.strip()


def _admin_ids(value: str) -> frozenset[int]:
    ids = [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    if not all(re.fullmatch(r"\d{1,20}", part) for part in ids):
        raise ConfigError("ADMIN_IDS", "must be Telegram user ids separated by commas")
    return frozenset(int(part) for part in ids)


def _chat_id(value: str) -> int | None:
    if not value.strip():
        return None
    if not re.fullmatch(r"-?\d{1,20}", value.strip()):
        raise ConfigError("DISPATCH_CHAT_ID", "must be a Telegram chat id such as -1001234567890")
    return int(value.strip())


def _locale(value: str) -> str:
    code = value.strip().lower()
    if code not in SUPPORTED_LOCALES:
        raise ConfigError("DEFAULT_LOCALE", f"must be one of {', '.join(SUPPORTED_LOCALES)}")
    return code


def _text(variable: str, value: str, limit: int, *, required: bool = True) -> str:
    value = " ".join(value.split())
    if required and not value:
        raise ConfigError(variable, "is empty")
    if len(value) > limit:
        raise ConfigError(variable, f"is longer than {limit} characters")
    return value


def _clock_time(variable: str, value: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value.strip()):
        raise ConfigError(variable, "must be a local time of day as HH:MM, such as 19:00")
    return value.strip()


def _minutes(value: str) -> int:
    if not re.fullmatch(r"\d{1,3}", value.strip()) or not 5 <= int(value) <= 240:
        raise ConfigError("CONFIRMATION_MINUTES", "must be a number of minutes from 5 to 240")
    return int(value)


def _retention_days(value: str) -> int:
    """A day at least, or tonight's requests would go before the morning; a year at most."""
    if not re.fullmatch(r"\d{1,3}", value.strip()) or not MIN_DAYS <= int(value) <= MAX_DAYS:
        raise ConfigError(
            "RETENTION_DAYS", f"must be a number of days from {MIN_DAYS} to {MAX_DAYS}"
        )
    return int(value)


def _api_timeout(value: str) -> float:
    """Long enough for a slow answer, short enough that a lost call is sent again soon."""
    if not re.fullmatch(r"\d{1,2}(\.\d{1,2})?", value.strip()) or not 1 <= float(value) <= 60:
        raise ConfigError("API_TIMEOUT", "must be a number of seconds from 1 to 60")
    return float(value)


def _webhook_url(value: str) -> str:
    """Telegram only pushes to https; plain http is accepted on loopback for the emulator."""
    parts = urlsplit(value.strip())
    if not value.strip():
        return ""
    local = parts.scheme == "http" and parts.hostname in _LOOPBACK
    if not (parts.scheme == "https" or local) or not parts.hostname or parts.fragment:
        raise ConfigError(
            "WEBHOOK_URL", "must be a public https URL such as https://bot.example.org/telegram"
        )
    return value.strip()


def _webapp_url(value: str, health_port: str) -> str:
    """Telegram opens Mini Apps over https only; the board shares the health server."""
    if not value.strip():
        return ""
    parts = urlsplit(value.strip())
    local = parts.scheme == "http" and parts.hostname in _LOOPBACK
    plain = not parts.query and not parts.fragment
    if not (parts.scheme == "https" or local) or not parts.hostname or not plain:
        raise ConfigError(
            "WEBAPP_URL", "must be a public https URL such as https://bot.example.org/board/"
        )
    if not health_port.strip():
        raise ConfigError("WEBAPP_URL", "needs HEALTH_PORT: the board is served beside /healthz")
    return value.strip().rstrip("/") + "/"


def _webhook_secret(value: str, webhook: bool) -> str:
    """Without a secret anyone who guesses the URL could post fake updates."""
    if webhook and not value.strip():
        raise ConfigError(
            "WEBHOOK_SECRET", "is required with WEBHOOK_URL (1 to 256 of A-Z a-z 0-9 _ -)"
        )
    if value.strip() and not _WEBHOOK_SECRET.match(value.strip()):
        raise ConfigError("WEBHOOK_SECRET", "must be 1 to 256 characters among A-Z a-z 0-9 _ -")
    return value.strip()


def _listen(variable: str, value: str) -> str:
    try:
        ipaddress.ip_address(value.strip())
    except ValueError:
        raise ConfigError(variable, "must be an IP address such as 0.0.0.0 or 127.0.0.1") from None
    return value.strip()


def _port(variable: str, value: str) -> int:
    if not re.fullmatch(r"\d{1,5}", value.strip()) or not 1 <= int(value) <= 65535:
        raise ConfigError(variable, "must be a TCP port from 1 to 65535")
    return int(value)


def _health_port(value: str) -> int | None:
    return _port("HEALTH_PORT", value) if value.strip() else None


def _flag(variable: str, value: str) -> bool:
    text = value.strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(variable, "must be true or false")


def _appeal_rate(value: str, paid: bool) -> int:
    """Telegram allows about 30 messages/s to different chats, 1000/s with paid broadcasts."""
    ceiling = 1000 if paid else 30
    if not re.fullmatch(r"\d{1,4}", value.strip()) or not 1 <= int(value) <= ceiling:
        hint = "" if paid else " (up to 1000 with PAID_BROADCAST=true)"
        raise ConfigError(
            "APPEAL_RATE", f"must be a number of messages per second from 1 to {ceiling}{hint}"
        )
    return int(value)
