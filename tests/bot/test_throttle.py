"""The per-person throttle: a burst passes, then about one a second; one warning per flood,
and a pause makes the person welcome again."""

from __future__ import annotations

from bot.throttle import Throttle


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_the_pace_then_one_warning_per_flood() -> None:
    clock = Ticks()
    throttle = Throttle(rate=2.0, burst=3, clock=clock)
    assert [throttle.over(1) for _ in range(5)] == [False] * 3 + [True] * 2
    assert throttle.over(2) is False  # somebody else is not slowed down
    assert throttle.warn(1) and not throttle.warn(1)  # told once
    clock.now += 0.5  # one message's worth of pace: one more passes
    assert [throttle.over(1) for _ in range(2)] == [False, True]
    assert not throttle.warn(1)  # the same flood: not told again
    clock.now += 10  # a real pause: a later flood is told again
    assert [throttle.over(1) for _ in range(4)] == [False] * 3 + [True]
    assert throttle.warn(1)


def test_nobody_over_their_pace_is_ever_warned() -> None:
    throttle = Throttle(clock=Ticks())
    assert not throttle.warn(7)
