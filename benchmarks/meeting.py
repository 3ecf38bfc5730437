"""The last meter at scale: 400 hosts confirm at once, the meeting tick, the end of the evening.

One site, 400 vetted hosts with one bed each and 800 women asking (the hard case: every
slot fills, and 400 guests are left without a bed; with more stays than slots × capacity, the
rest are spread evenly over the least crowded slots). The cut-off matches; every host confirms
concurrently (each Confirm books its slot in one transaction: none may overfill); every
pickup is late (the late alarm for 400 stays, then the tick again, which must do nothing);
the evening ends (400 "no bed tonight", once). Prints the seconds of each step, slot
occupancy and notice counts; timings are noisy on a shared machine, the counts are not.
Run: python benchmarks/meeting.py [--hosts 400] [--guests 800]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time as timer
from collections import Counter
from datetime import UTC, date, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dispatch.groups import GroupType, Household  # noqa: E402
from dispatch.matching.engine import match as solve  # noqa: E402
from dispatch.meeting import LATE_AFTER, SlotSettings  # noqa: E402
from dispatch.models import HostDetails, HostStatus, Site  # noqa: E402
from storage.requests import NewRequest  # noqa: E402
from storage.store import Store  # noqa: E402
from usecases import meeting, meeting_tick  # noqa: E402
from usecases.proposals import pass_alone  # noqa: E402

NOW = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
NIGHT = date(2026, 11, 23)
CUTOFF = datetime(2026, 11, 23, 18, 0, 5, tzinfo=UTC)


async def evening(store: Store, hosts: int, guests: int) -> tuple[Site, list[int]]:
    site = await store.sites.ensure_default(
        Site(0, "Brussels", "Europe/Brussels", time(19), time(23)), NOW
    )
    await store.meeting.set_settings(site.id, SlotSettings(15, 40))
    for number in range(hosts):
        user_id = 10_000 + number
        await store.users.touch(user_id, NOW)
        details = HostDetails(
            f"H{number}",
            None,
            Household.SINGLE_WOMAN,
            frozenset({GroupType.SINGLE_WOMEN}),
            ("fr",),
            False,
            False,
            True,
            (site.id,),
        )
        host = await store.hosts.register(user_id, details, 1, NOW)
        await store.hosts.set_status(host.id, HostStatus.VETTED, NOW)
        await store.offers.save(
            host_id=host.id,
            site_id=site.id,
            night=NIGHT,
            closes_at=CUTOFF,
            beds=1,
            latest_pickup=time(22, 0),
            nights=1,
            note=None,
            now=NOW,
        )
    for number in range(guests):
        user_id = 100_000 + number
        await store.users.touch(user_id, NOW)
        await store.requests.record_consent(user_id, 1, NOW)
        new = NewRequest(site.id, NIGHT, CUTOFF, f"G{number}", 1, 0, 0, (), ("fr",), False, False)
        await store.requests.save_for_user(user_id, new, NOW)
    await store.evening.close(site.id, NIGHT, CUTOFF, CUTOFF)
    outcome = await pass_alone(store, site.id, NIGHT, CUTOFF, solve)
    return site, list(outcome.matches)


async def run(hosts: int, guests: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "night.sqlite3")
        await store.open()
        try:
            _, matches = await evening(store, hosts, guests)
            views = [await store.evening.view(m) for m in matches]
            started = timer.perf_counter()
            await asyncio.gather(
                *(meeting.confirm(store, v.id, v.host_user_id, CUTOFF, [1]) for v in views if v)
            )
            confirm_s = timer.perf_counter() - started
            booked = [await store.meeting.get(m) for m in matches]
            slots = Counter(b.meet_at for b in booked if b is not None)
            last = max(slots)
            started = timer.perf_counter()
            first = await meeting_tick.tick(store, last + LATE_AFTER, [1])
            late_s = timer.perf_counter() - started
            again = await meeting_tick.tick(store, last + LATE_AFTER, [1])
            end = datetime(2026, 11, 23, 22, 0, tzinfo=UTC)
            started = timer.perf_counter()
            ended = await meeting_tick.tick(store, end, [1])
            end_s = timer.perf_counter() - started
            repeat = await meeting_tick.tick(store, end, [1])
            print(
                f"{len(matches)} stays matched, {hosts} hosts confirming at once: {confirm_s:.2f} s"
            )
            print(
                f"slots used: {len(slots)}, most meetings in one slot: {max(slots.values())} "
                f"(capacity 40), over capacity: {sum(1 for c in slots.values() if c > 40)}"
            )
            print(
                f"late alarm for {first.late} stays: {late_s:.2f} s; the tick again: {again.late}"
            )
            print(
                f"end of the evening, {ended.ended} guests told: {end_s:.2f} s;"
                f" again: {repeat.ended}"
            )
        finally:
            await store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=400)
    parser.add_argument("--guests", type=int, default=800)
    args = parser.parse_args()
    asyncio.run(run(args.hosts, args.guests))


if __name__ == "__main__":
    main()
