"""Who is told of a proposal: its host when a match is proposed (by the evening's matching or
a dispatcher's move), the guest (or their dispatcher) when the host confirms, and each group
the matching left without a bed. Each notice is queued in the transaction of the change."""

from __future__ import annotations

from datetime import date, datetime

import aiosqlite

from dispatch import notices
from dispatch.evening import Decision, PassOutcome, Solver, dispatch_pass
from dispatch.readmodels import MatchView
from storage import matches, tonight
from storage.outbox import enqueue
from storage.store import Store
from storage.tonight import PassStore


async def tell_proposed(tx: aiosqlite.Connection, match_id: int, now: datetime) -> None:
    view = await matches.view_in(tx, match_id)
    key = f"match:{match_id}:host"
    await enqueue(tx, view.host_user_id, notices.MatchHost(match_id), key, now)


async def propose_in(
    tx: aiosqlite.Connection, round_: int, decision: Decision, now: datetime
) -> int:
    """A match proposed to its host, who is told; the match's id."""
    match_id = await matches.propose(tx, round_, decision, now)
    await tell_proposed(tx, match_id, now)
    return match_id


async def record_in(
    tx: aiosqlite.Connection,
    site_id: int,
    night: date,
    decisions: list[Decision],
    unplaced: list[int],
    now: datetime,
) -> list[int]:
    """Write a pass's matching: each new proposal's host is told, and each group left
    without a bed hears it waits; the new matches' ids."""
    recorded = await tonight.record(tx, site_id, night, decisions, unplaced, now)
    for match_id in recorded.created:
        await tell_proposed(tx, match_id, now)
    for request_id, chat_id in recorded.waiting:
        await enqueue(tx, chat_id, notices.Waiting(request_id), f"waiting:{request_id}", now)
    return recorded.created


async def record_pass(
    store: Store,
    site_id: int,
    night: date,
    decisions: list[Decision],
    unplaced: list[int],
    now: datetime,
) -> list[int]:
    """record_in in a transaction of its own (tools and tests that write a matching)."""
    return await store.db.run(lambda tx: record_in(tx, site_id, night, decisions, unplaced, now))


async def confirm_in(tx: aiosqlite.Connection, match_id: int, now: datetime) -> MatchView | None:
    """The host said yes: the guest (or their dispatcher) is told where and when; None if the
    proposal was no longer open."""
    view = await matches.confirm(tx, match_id, now)
    if view is not None:
        key = f"match:{match_id}:guest"
        await enqueue(tx, view.guest_chat_id, notices.MatchGuest(match_id), key, now)
    return view


async def confirm_match(store: Store, match_id: int, now: datetime) -> MatchView | None:
    return await store.db.run(lambda tx: confirm_in(tx, match_id, now))


class Pass(PassStore):
    """dispatch.evening's EveningStore for one pass inside the use case's transaction: the
    storage's reads, and a record that tells."""

    def __init__(self, tx: aiosqlite.Connection) -> None:
        super().__init__(tx)
        self._tx = tx

    async def record(
        self,
        site_id: int,
        night: date,
        decisions: list[Decision],
        unplaced: list[int],
        now: datetime,
    ) -> list[int]:
        return await record_in(self._tx, site_id, night, decisions, unplaced, now)


async def pass_alone(
    store: Store, site_id: int, night: date, now: datetime, solve: Solver
) -> PassOutcome:
    """One matching pass in a transaction of its own, without the round's locks: for tools
    and tests (the bot's passes go through usecases/rounds.py)."""
    return await store.db.run(lambda tx: dispatch_pass(Pass(tx), site_id, night, now, solve))
