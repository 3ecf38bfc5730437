"""Telegram's signed Mini App initData, checked as Telegram documents it.

secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token);
hash = hex(HMAC_SHA256(key=secret_key, msg=data_check_string)), where the data-check string is
every field but `hash` as `key=value`, sorted by key, joined by newlines. A page signed for
another bot, edited in transit or older than the maximum age is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl

MAX_AGE = timedelta(hours=12)  # a dispatcher's evening; Telegram signs again on each opening
FUTURE_SKEW = timedelta(minutes=5)  # clocks differ a little between Telegram and us


class InvalidInitData(Exception):
    """Missing, forged, expired or signed for another bot: the request is refused (401)."""


@dataclass(frozen=True)
class WebAppUser:
    id: int
    language_code: str | None
    signed_at: datetime


def secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram puts in initData; used by the emulator and the tests."""
    message = data_check_string(fields).encode()
    return hmac.new(secret_key(bot_token), message, hashlib.sha256).hexdigest()


def validate(
    init_data: str, bot_token: str, now: datetime, max_age: timedelta = MAX_AGE
) -> WebAppUser:
    """The signed user, or InvalidInitData (the reason is for the log, never the data)."""
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidInitData("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData("a field appears twice")
    received = fields.get("hash", "")
    if not hmac.compare_digest(sign(fields, bot_token), received.lower()):
        raise InvalidInitData("bad signature")
    signed_at = _auth_date(fields.get("auth_date", ""), now)
    if now - signed_at > max_age or signed_at - now > FUTURE_SKEW:
        raise InvalidInitData("expired")
    return _user(fields.get("user", ""), signed_at)


def _auth_date(value: str, now: datetime) -> datetime:
    if not value.isdecimal():
        raise InvalidInitData("no auth_date")
    return datetime.fromtimestamp(int(value), tz=now.tzinfo)


def _user(value: str, signed_at: datetime) -> WebAppUser:
    try:
        user = json.loads(value)
        user_id = user["id"]
    except (ValueError, TypeError, KeyError):
        raise InvalidInitData("no user") from None
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise InvalidInitData("no user")
    language = user.get("language_code")
    return WebAppUser(user_id, language if isinstance(language, str) else None, signed_at)
