"""The one place that builds the Application: services, defaults, handlers, start-up work."""

from __future__ import annotations

import os
from datetime import time, timedelta
from typing import Any, cast

from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults

import handlers
from bot.config import Config
from bot.context import BotContext, BotData, Clock, system_clock
from bot.health import start_health, stop_health
from bot.i18n import Translators
from bot.menus import publish_menus
from bot.reply_pacing import ReplyTrackingProcessor
from bot.retrying import RetryingRateLimiter
from bot.transport import AiohttpRequest
from dispatch.models import Site
from handlers.appeal_sender import start_appeal_sender, stop_appeal_sender
from handlers.board import REFRESH_SECONDS, refresh_boards
from handlers.delivery import DELIVERY_INTERVAL_SECONDS, deliver_outbox, recover_interrupted
from handlers.housekeeping import TIDY_INTERVAL_SECONDS, tidy_tables
from handlers.meeting import meeting_tick
from handlers.privacy import PURGE_INTERVAL_SECONDS, purge_expired
from handlers.reminders import INTERVAL_SECONDS, send_pattern_reminders
from handlers.round import TICK_SECONDS, evening_tick
from handlers.stats import STATS_REFRESH_SECONDS, refresh_recent_stats
from storage.store import Store

CATCH_UP_SECONDS = 1
CATCH_UP = ("evening-tick", "meeting-tick", "outbox")
NightApplication = Application[Any, BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]


def build_application(config: Config, *, clock: Clock = system_clock) -> NightApplication:
    """Build the bot exactly as production runs it; tests change only the config and clock."""
    # PTB >= 22.2 warns on every RetryAfter unless its timedelta behaviour is chosen.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    bot_data = BotData(
        config=config,
        store=Store(config.database),
        translators=Translators.load(),
        clock=clock,
        confirmation_window=timedelta(minutes=config.confirmation_minutes),
    )
    application: NightApplication = (
        Application.builder()
        .token(config.token)
        .base_url(config.api_base_url)
        .base_file_url(config.api_base_url.removesuffix("/bot") + "/file/bot")
        .context_types(ContextTypes(context=BotContext, bot_data=_provide(bot_data)))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(RetryingRateLimiter(max_retries=3))
        .concurrent_updates(ReplyTrackingProcessor())
        .request(AiohttpRequest(read_timeout=config.api_timeout, write_timeout=config.api_timeout))
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
        .post_init(_on_startup)
        .post_shutdown(_on_shutdown)
        .build()
    )
    handlers.register(application)
    return application


async def _on_startup(application: NightApplication) -> None:
    data: BotData = application.bot_data
    await data.store.open()
    await data.store.sites.ensure_default(configured_site(data.config), data.clock())
    await publish_menus(application.bot, data.translators, data.config.default_locale)
    await recover_interrupted(data)
    await start_appeal_sender(application)
    if application.job_queue is not None:
        schedule(application.job_queue)
    await start_health(application)


def schedule(job_queue: Any) -> None:
    """Periodic work; the database, not the scheduler, decides what is due, so a tick that
    is late, doubled by a DST change or missed while the bot was down does the right thing."""
    for callback, interval, name in (
        (send_pattern_reminders, INTERVAL_SECONDS, "pattern-reminders"),
        (evening_tick, TICK_SECONDS, "evening-tick"),
        (meeting_tick, TICK_SECONDS, "meeting-tick"),
        (deliver_outbox, DELIVERY_INTERVAL_SECONDS, "outbox"),
        (refresh_boards, REFRESH_SECONDS, "boards"),
        (refresh_recent_stats, STATS_REFRESH_SECONDS, "stats"),
        (purge_expired, PURGE_INTERVAL_SECONDS, "retention-purge"),
        (tidy_tables, TIDY_INTERVAL_SECONDS, "housekeeping"),
    ):
        job_queue.run_repeating(
            callback,
            interval=interval,
            # A restart catches up at once: a round due while the bot was down closes now.
            first=CATCH_UP_SECONDS if name in CATCH_UP else interval,
            name=name,
            job_kwargs={"misfire_grace_time": interval, "coalesce": True, "max_instances": 1},
        )


def configured_site(config: Config) -> Site:
    """The site a single-site deployment starts with (id 0: the database assigns it)."""
    return Site(
        id=0,
        name=config.site_name,
        timezone=config.timezone,
        cutoff=time.fromisoformat(config.site_cutoff),
        evening_end=time.fromisoformat(config.site_evening_end),
        meeting_point_name=config.site_meeting_point,
    )


async def _on_shutdown(application: NightApplication) -> None:
    await stop_health(application)
    await stop_appeal_sender(application)
    await application.bot_data.store.close()


def _provide(bot_data: BotData) -> type[BotData]:
    """PTB builds bot_data by calling a type; ours is built here, with its services, once."""
    return cast(type[BotData], lambda: bot_data)
