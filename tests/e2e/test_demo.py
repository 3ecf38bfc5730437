"""`nightdispatch demo` plays a whole evening offline and finds no rule broken."""

from __future__ import annotations

from bot.demo import run_demo


async def test_the_demo_evening_runs_and_breaks_no_rule() -> None:
    lines: list[str] = []
    assert await run_demo(say=lines.append) == 0
    report = "\n".join(lines)
    assert "round closed and matched" in report
    assert "0 violation(s)" in report
    assert "Quelqu’un vous accueille ce soir" in report  # a French guest's notice
