"""Telegram's initData check: what Telegram signs passes; anything else is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from emulator import webapp as telegram
from emulator.state import UserRecord
from webapp.initdata import InvalidInitData, sign, validate

TOKEN = "123456:TEST-TOKEN"
NOW = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)
NADIA = UserRecord(7900, "Nadia", language_code="ar")


def signed(age: timedelta = timedelta(), token: str = TOKEN) -> str:
    return telegram.init_data(
        token, NADIA, int((NOW - age).timestamp()), "AAHdF6IQAAAAAN0XohDhrOrc"
    )


def edited(init_data: str, **changes: str) -> str:
    fields = dict(parse_qsl(init_data))
    fields.update(changes)
    return urlencode(fields)


def test_what_telegram_signs_is_accepted() -> None:
    user = validate(signed(), TOKEN, NOW)
    assert (user.id, user.language_code) == (7900, "ar")


def test_the_documented_algorithm_by_hand() -> None:
    """Telegram's example of the data-check string: fields sorted, `hash` left out."""
    fields = {"auth_date": "1", "query_id": "q", "user": '{"id":1}'}
    assert validate(urlencode({**fields, "hash": sign(fields, TOKEN)}), TOKEN, NOW,
                    max_age=timedelta(days=30000)).id == 1  # fmt: skip


@pytest.mark.parametrize(
    "init_data",
    [
        "",
        "user=%7B%22id%22%3A7900%7D&auth_date=1",  # unsigned
        edited(signed(), hash="0" * 64),  # forged
        edited(signed(), user=json.dumps({"id": 9000})),  # someone else's id under Nadia's hash
        edited(signed(), auth_date=str(int(NOW.timestamp()) - 60)),  # re-dated
        signed(token="654321:OTHER-BOT"),  # another bot's page
        signed(age=timedelta(hours=13)),  # expired
        signed(age=-timedelta(hours=1)),  # from the future
        signed() + "&hash=" + "0" * 64,  # a second hash
        "%%%",
    ],
    ids=[
        "empty",
        "unsigned",
        "forged",
        "other-user",
        "re-dated",
        "other-bot",
        "expired",
        "future",
        "twice",
        "garbage",
    ],
)
def test_anything_else_is_refused(init_data: str) -> None:
    with pytest.raises(InvalidInitData):
        validate(init_data, TOKEN, NOW)


def test_the_age_limit_is_a_setting() -> None:
    old = signed(age=timedelta(minutes=10))
    assert validate(old, TOKEN, NOW, max_age=timedelta(minutes=11)).id == 7900
    with pytest.raises(InvalidInitData):
        validate(old, TOKEN, NOW, max_age=timedelta(minutes=9))
