"""A host offers beds for tonight: the offer, its audit entry and, after the matching, a
pass for whoever still waits, as one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import aiosqlite

from dispatch.evening import PassOutcome
from storage import offers
from storage.audit import write as audit
from usecases.rounds import redispatch_in
from usecases.services import Services


@dataclass(frozen=True)
class OfferTerms:
    """What the host offers for one night."""

    beds: int
    latest_pickup: time
    nights: int = 1
    note: str | None = None


@dataclass(frozen=True)
class SavedOffer:
    night: date
    late: bool  # made after the cut-off: it goes straight to whoever still waits
    outcome: PassOutcome | None  # the pass that ran for it, once the round was matched


async def save_offer(
    services: Services,
    host_id: int,
    actor_id: int,
    site_id: int,
    night: date,
    closes_at: datetime,
    terms: OfferTerms,
    now: datetime,
) -> SavedOffer:
    """Save tonight's offer (replacing an earlier one) and match it at once if the round
    was already matched."""

    async def work(tx: aiosqlite.Connection) -> SavedOffer:
        await offers.save(
            tx,
            host_id,
            site_id,
            night,
            closes_at,
            terms.beds,
            terms.latest_pickup,
            terms.nights,
            terms.note,
            now,
        )
        detail = {"beds": terms.beds, "night": night.isoformat()}
        await audit(tx, now, actor_id, "offer.save", f"host:{host_id}", detail)
        outcome = await redispatch_in(services, tx, site_id, night, now)
        return SavedOffer(night, now >= closes_at, outcome)

    async with services.locks.passes:
        return await services.store.db.run(work)
