"""Confirm and Decline are idempotent: a second press answers what the first did, with the
stay, and only the host of the match may press them."""

from __future__ import annotations

from typing import Any

from storage.store import Store
from tests.storage.test_dispatch_tools import evening
from tests.storage.test_evening import CUTOFF, NIGHT
from usecases.rounds import run_pass
from usecases.services import Services
from usecases.stays import Answer, confirm_stay, decline_stay

__all__ = ["evening"]
HOST = 10  # the evening fixture's host


async def two_proposals(evening: Any) -> tuple[Store, list[int]]:
    store, site, _, _ = evening
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    outcome = await run_pass(Services(store), site.id, NIGHT, CUTOFF)
    return store, list(outcome.matches)


async def test_a_second_confirm_answers_already_confirmed_with_the_stay(evening: Any) -> None:
    store, (first, _) = await two_proposals(evening)
    done = await confirm_stay(store, first, HOST, CUTOFF)
    again = await confirm_stay(store, first, HOST, CUTOFF)
    assert done.answer is Answer.CONFIRMED and again.answer is Answer.ALREADY_CONFIRMED
    assert again.match is not None and again.match.code == done.match.code  # type: ignore[union-attr]
    assert (
        await decline_stay(Services(store), first, HOST, CUTOFF)
    ).answer is Answer.ALREADY_CONFIRMED
    told = await store.db.every("SELECT 1 FROM outbox WHERE kind = 'match_guest'")
    assert len(told) == 1  # the guest is told once


async def test_a_second_decline_answers_already_declined(evening: Any) -> None:
    store, (_, second) = await two_proposals(evening)
    assert (await decline_stay(Services(store), second, HOST, CUTOFF)).answer is Answer.DECLINED
    assert (
        await decline_stay(Services(store), second, HOST, CUTOFF)
    ).answer is Answer.ALREADY_DECLINED
    assert (await confirm_stay(store, second, HOST, CUTOFF)).answer is Answer.ALREADY_DECLINED


async def test_only_the_host_may_answer(evening: Any) -> None:
    store, (first, _) = await two_proposals(evening)
    assert (await confirm_stay(store, first, 20, CUTOFF)).answer is Answer.NOT_YOURS
    assert (await decline_stay(Services(store), 999, HOST, CUTOFF)).answer is Answer.NOT_YOURS
    assert (await store.evening.view(first)).status == "proposed"  # type: ignore[union-attr]
