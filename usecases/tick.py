"""The clock's periodic work on the evening round. The database decides what is due (a round
past its cut-off and not yet matched, a proposal left unanswered), so a tick that fires twice,
late, or after a restart does the right thing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from dispatch.models import Site
from dispatch.nights import cutoff_instant
from dispatch.readmodels import MatchView
from usecases.feedback import ask_feedback
from usecases.rounds import RoundClosing, close_round, expire_proposals
from usecases.services import Services

FEEDBACK_HOUR = time(9, 0)


@dataclass(frozen=True)
class TickResult:
    closings: list[RoundClosing]  # rounds this tick matched (each has its summary)
    expired: list[MatchView]  # proposals given to others after the host's silence
    feedback_asked: int


async def evening_tick(
    services: Services, sites: Sequence[Site], now: datetime, window: timedelta
) -> TickResult:
    """Close due rounds, give unanswered proposals to others, ask last night's feedback."""
    by_id = {site.id: site for site in sites}
    closings = []
    for site in by_id.values():
        # Tonight's round exists from the cut-off on, even if nobody wrote: stays carry on.
        night = now.astimezone(site.zone).date()
        closes_at = cutoff_instant(night, site.cutoff, site.zone)
        if closes_at <= now < cutoff_instant(night, site.evening_end, site.zone):
            closings.append(await close_round(services, site.id, night, closes_at, now))
    for site_id, night in await services.store.evening.due(now):
        if site_id in by_id:
            closings.append(await close_round(services, site_id, night, now, now))
    expired = await expire_proposals(services, now, window)
    asked = 0
    for site in by_id.values():
        local = now.astimezone(site.zone)
        if local.time() >= FEEDBACK_HOUR:
            asked += await ask_feedback(services, local.date() - timedelta(days=1), now)
    matched = [c for c in closings if c.summary is not None]
    return TickResult(matched, expired, asked)
