"""The per-person throttle: a burst passes, the first update past it is warned once, quiet
after that, and a pause makes the person welcome again."""

from __future__ import annotations

from bot.throttle import Throttle, Verdict


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_one_warning_then_quiet() -> None:
    clock = Ticks()
    throttle = Throttle(rate=2.0, burst=3, clock=clock)
    verdicts = [throttle.check(1) for _ in range(6)]
    assert verdicts == [Verdict.PASS] * 3 + [Verdict.WARN] + [Verdict.QUIET] * 2
    assert throttle.check(2) is Verdict.PASS  # somebody else is not slowed down
    clock.now += 0.5  # one token back: one more passes, still no second warning
    assert [throttle.check(1) for _ in range(2)] == [Verdict.PASS, Verdict.QUIET]
    clock.now += 10  # a real pause: a later flood is told again
    assert [throttle.check(1) for _ in range(4)] == [Verdict.PASS] * 3 + [Verdict.WARN]
