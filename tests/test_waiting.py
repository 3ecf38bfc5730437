import asyncio

import pytest

from tests.waiting import until


async def test_until_returns_once_the_condition_holds() -> None:
    ticks: list[int] = []

    def third_time() -> bool:
        ticks.append(1)
        return len(ticks) >= 3

    await until(third_time, what="the third look", every=0)
    assert len(ticks) == 3


async def test_until_awaits_an_awaitable_condition() -> None:
    async def ready() -> bool:
        await asyncio.sleep(0)
        return True

    await until(ready, what="ready")


async def test_until_fails_at_the_deadline_saying_what_it_waited_for() -> None:
    with pytest.raises(AssertionError, match=r"waited 0.05 s for the answer \(3 so far\)"):
        await until(lambda: False, what=lambda: "the answer (3 so far)", timeout=0.05)


def test_markers_select_the_fast_tests(pytestconfig: pytest.Config) -> None:
    from tests.conftest import SLOW

    names = {m.split(":")[0] for m in pytestconfig.getini("markers")}
    assert {"e2e", "slow"} <= names
    assert len(SLOW) >= 10
