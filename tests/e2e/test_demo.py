"""`nightdispatch demo` plays a whole evening offline and finds no rule broken."""

from __future__ import annotations

from tools.demo import run_demo


async def test_the_demo_evening_runs_and_breaks_no_rule() -> None:
    lines: list[str] = []
    assert await run_demo(say=lines.append) == 0
    report = "\n".join(lines)
    assert "round closed and matched" in report
    assert "0 violation(s)" in report
    assert "Votre rendez-vous de ce soir" in report  # a French guest's meeting card
    # Drivers and rides: registered and approved in the chat, the host who needs a driver
    # matched, the ride offered and taken, the guest's card naming the driver, the code, the
    # arrival, and the address reaching the driver alone and forgotten at the door.
    assert "Yasmin registered as a volunteer driver, was approved and drives tonight." in report
    assert "Eva needs a driver: matched with" in report
    assert (
        "Yasmin (ar) was offered the ride and took it; the address reached her card and "
        "nobody else." in report
    )
    assert "Qui vient : Yasmin, chauffeur bénévole" in report  # the guest's card, in French
    assert "Yasmin typed it: the pickup is marked." in report
    assert "Eva tapped “They are here”: ride status arrived, the address forgotten." in report
    assert "0 slot(s) over capacity" in report
    assert "the code was checked and the pickup marked" in report
    assert "dispatchers alerted once" in report
    assert "End of the evening: 2 guest(s) without a bed told so" in report
    # 18 of the 20 people are placed and confirmed: only two single men wait (no host for them
    # is left once the silent host's guests are re-dispatched). Notices are sent in the
    # background, so this also checks that the demo waits for them before reading.
    assert "People still waiting: men: 2" in report
