"""The evening round: close a site's round, run a matching pass, run it again from the board,
give a declined or unanswered proposal to someone else, and the clock's periodic work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

import aiosqlite

from dispatch import notices
from dispatch.evening import PassOutcome, dispatch_pass
from dispatch.models import MatchStatus
from dispatch.readmodels import MatchView
from dispatch.stats import DailyFigures
from storage import matches, offers, rounds, stats, stays
from storage.audit import write as audit
from storage.outbox import enqueue
from usecases.proposals import Pass
from usecases.services import Services


class Closing(StrEnum):
    CLOSED = "closed"  # this call closed the round (and matched it)
    MATCHED = "matched"  # it was closed already but not matched: this call matched it
    ALREADY_DONE = "already_done"  # somebody else closed and matched it first


@dataclass(frozen=True)
class RoundSummary:
    """What the dispatch group hears once a round is matched."""

    site_id: int
    night: date
    figures: DailyFigures
    people_matched: int


@dataclass(frozen=True)
class RoundClosing:
    status: Closing
    outcome: PassOutcome | None = None
    summary: RoundSummary | None = None


class Rerun(StrEnum):
    DONE = "done"
    BEFORE_CUTOFF = "before_cutoff"  # the round is not matched yet: the cut-off will do it


@dataclass(frozen=True)
class RerunResult:
    status: Rerun
    outcome: PassOutcome | None = None


class Release(StrEnum):
    """Why a proposal goes to someone else; the value is the match's new status."""

    DECLINED = "declined"
    EXPIRED = "expired"


async def pass_in(
    services: Services, tx: aiosqlite.Connection, site_id: int, night: date, now: datetime
) -> PassOutcome:
    """One matching pass inside the caller's transaction (it reads what that transaction
    wrote). Callers hold `services.locks.passes`."""
    return await dispatch_pass(Pass(tx), site_id, night, now, services.solve)


async def redispatch_in(
    services: Services, tx: aiosqlite.Connection, site_id: int, night: date, now: datetime
) -> PassOutcome | None:
    """Groups that went back to waiting are matched again at once, once the round is matched
    (before its cut-off, the cut-off's own matching will take them)."""
    if not (await rounds.state(tx, site_id, night)).matched:
        return None
    return await pass_in(services, tx, site_id, night, now)


async def summary_in(
    tx: aiosqlite.Connection, site_id: int, night: date, now: datetime
) -> RoundSummary:
    """Refresh the night's kept figures and read how many people are matched so far (after
    the pass, so the first proposals count)."""
    figures = await stats.refresh(tx, site_id, night, now)
    return RoundSummary(site_id, night, figures, await stats.people_matched(tx, site_id, night))


async def summarize_round(
    services: Services, site_id: int, night: date, now: datetime
) -> RoundSummary:
    """The figures of a round, refreshed now (one transaction)."""
    return await services.store.db.run(lambda tx: summary_in(tx, site_id, night, now))


async def run_pass(services: Services, site_id: int, night: date, now: datetime) -> PassOutcome:
    """Match whoever waits with whatever is free, as one transaction."""
    async with services.locks.passes:
        return await services.store.db.run(lambda tx: pass_in(services, tx, site_id, night, now))


async def match_late_arrivals(
    services: Services, site_id: int, night: date, now: datetime
) -> PassOutcome | None:
    """After the matching, a new offer or request is matched at once with who is waiting."""
    async with services.locks.passes:
        return await services.store.db.run(
            lambda tx: redispatch_in(services, tx, site_id, night, now)
        )


async def carry_stays_in(
    tx: aiosqlite.Connection, site_id: int, night: date, now: datetime
) -> list[MatchView]:
    """Last night's multi-night stays go on tonight: both sides of each are told."""
    carried = await stays.carry(tx, site_id, night, now)
    for view in carried:
        for chat_id, side in (
            (view.host_user_id, notices.Side.HOST),
            (view.guest_chat_id, notices.Side.GUEST),
        ):
            key = f"stay:{view.id}:{side.value}"
            await enqueue(tx, chat_id, notices.Stay(view.id, side), key, now)
    return carried


async def close_round(
    services: Services,
    site_id: int,
    night: date,
    closes_at: datetime,
    now: datetime,
    *,
    actor_id: int | None = None,
) -> RoundClosing:
    """Close (once) and match (once): last night's stays carry on, the pass runs and the
    night's figures are refreshed, all in one transaction. With an actor (a dispatcher's
    early close) the audit log says who closed it."""

    async def work(tx: aiosqlite.Connection) -> RoundClosing:
        closed = await rounds.close(tx, site_id, night, closes_at, now)
        if (await rounds.state(tx, site_id, night)).matched:
            return RoundClosing(Closing.ALREADY_DONE)
        await carry_stays_in(tx, site_id, night, now)
        outcome = await pass_in(services, tx, site_id, night, now)
        summary = await summary_in(tx, site_id, night, now)
        if actor_id is not None:
            detail = {"night": night.isoformat()}
            await audit(tx, now, actor_id, "round.close_early", f"site:{site_id}", detail)
        return RoundClosing(Closing.CLOSED if closed else Closing.MATCHED, outcome, summary)

    async with services.locks.closing, services.locks.passes:
        return await services.store.db.run(work)


async def rerun(
    services: Services, site_id: int, night: date, actor_id: int, now: datetime
) -> RerunResult:
    """A dispatcher runs the matching again (after the round was matched), logged."""

    async def work(tx: aiosqlite.Connection) -> RerunResult:
        if not (await rounds.state(tx, site_id, night)).matched:
            return RerunResult(Rerun.BEFORE_CUTOFF)
        outcome = await pass_in(services, tx, site_id, night, now)
        detail = {"night": night.isoformat()}
        await audit(tx, now, actor_id, "round.rerun", f"site:{site_id}", detail)
        return RerunResult(Rerun.DONE, outcome)

    async with services.locks.passes:
        return await services.store.db.run(work)


async def release_proposal(
    services: Services, match_id: int, why: Release, now: datetime
) -> MatchView | None:
    """A decline or silence: the group goes back to tonight's dispatch, to another host.
    A host who stays silent is not answering tonight: their offer is withdrawn and they are
    told. None if the proposal was answered meanwhile."""

    async def work(tx: aiosqlite.Connection) -> MatchView | None:
        view = await matches.release(tx, match_id, MatchStatus(why.value), now)
        if view is None:
            return None
        if why is Release.EXPIRED:
            await offers.withdraw(tx, view.offer_id, now)
            key = f"match:{match_id}:expired"
            await enqueue(tx, view.host_user_id, notices.Expired(match_id), key, now)
        await pass_in(services, tx, view.site_id, view.night, now)
        return view

    async with services.locks.passes:
        return await services.store.db.run(work)


async def expire_proposals(services: Services, now: datetime, window: timedelta) -> list[MatchView]:
    """Proposals left unanswered for longer than the confirmation window go to others."""
    released = []
    for match_id in await services.store.evening.stale_proposals(now - window):
        view = await release_proposal(services, match_id, Release.EXPIRED, now)
        if view is not None:
            released.append(view)
    return released
