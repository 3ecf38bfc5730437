"""Paid broadcasts have their own overall bucket; the per-chat limit still applies."""

from __future__ import annotations

import pytest

from emulator.errors import ApiError
from emulator.limits import RateLimiter, RateLimits


def test_paid_sends_use_their_own_bucket() -> None:
    now = [0.0]
    limiter = RateLimiter(RateLimits(overall_per_second=2, paid_per_second=5), lambda: now[0])
    for chat in (1, 2):
        limiter.check(chat)
    with pytest.raises(ApiError):
        limiter.check(3)
    for chat in (3, 4, 5):
        limiter.check(chat, paid=True)


def test_scaled_limits_are_ten_times_faster() -> None:
    scaled = RateLimits().scaled(10)
    assert (scaled.overall_per_second, scaled.per_chat_per_second) == (300, 10)
    assert scaled.group_per_minute == 200
