"""Background services: started in post_init and stopped in post_shutdown (bot/app.py).

The database, not the scheduler, decides what is due, so a periodic run that is late, doubled
by a DST change or missed while the bot was down does the right thing.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.ext import JobQueue

from bot.context import App, BotContext
from jobs.appeal_sender import start_appeal_sender, stop_appeal_sender
from jobs.boards import REFRESH_SECONDS, refresh_boards
from jobs.delivery import DELIVERY_INTERVAL_SECONDS, deliver_outbox
from jobs.driver_reminders import send_driver_reminders
from jobs.housekeeping import TIDY_INTERVAL_SECONDS, tidy_tables
from jobs.purge import PURGE_INTERVAL_SECONDS, purge_expired
from jobs.reminders import INTERVAL_SECONDS, send_pattern_reminders
from jobs.rides import TICK_SECONDS as RIDES_SECONDS
from jobs.rides import rides_tick
from jobs.stats import STATS_REFRESH_SECONDS, refresh_recent_stats
from jobs.ticks import TICK_SECONDS, evening_tick, meeting_tick

CATCH_UP_SECONDS = 1


@dataclass(frozen=True)
class Periodic:
    run: Callable[[BotContext], Coroutine[Any, Any, object]]
    seconds: float
    name: str
    catch_up: bool = False  # a restart runs it at once: a round due while down closes now


PERIODIC = (
    Periodic(send_pattern_reminders, INTERVAL_SECONDS, "pattern-reminders"),
    Periodic(send_driver_reminders, INTERVAL_SECONDS, "driver-reminders"),
    Periodic(evening_tick, TICK_SECONDS, "evening-tick", catch_up=True),
    Periodic(meeting_tick, TICK_SECONDS, "meeting-tick", catch_up=True),
    Periodic(rides_tick, RIDES_SECONDS, "rides-tick", catch_up=True),
    Periodic(deliver_outbox, DELIVERY_INTERVAL_SECONDS, "outbox", catch_up=True),
    Periodic(refresh_boards, REFRESH_SECONDS, "boards"),
    Periodic(refresh_recent_stats, STATS_REFRESH_SECONDS, "stats"),
    Periodic(purge_expired, PURGE_INTERVAL_SECONDS, "retention-purge"),
    Periodic(tidy_tables, TIDY_INTERVAL_SECONDS, "housekeeping"),
)


async def start(application: App) -> None:
    """post_init, once the store is open: the appeal sender's loops, then the periodic work."""
    await start_appeal_sender(application)
    if application.job_queue is not None:
        schedule(application.job_queue)


async def stop(application: App) -> None:
    """post_shutdown, before the store closes (the job queue stops with the application)."""
    await stop_appeal_sender(application)


def schedule(job_queue: JobQueue[BotContext]) -> None:
    for job in PERIODIC:
        job_queue.run_repeating(
            job.run,
            interval=job.seconds,
            first=CATCH_UP_SECONDS if job.catch_up else job.seconds,
            name=job.name,
            job_kwargs={"misfire_grace_time": job.seconds, "coalesce": True, "max_instances": 1},
        )
