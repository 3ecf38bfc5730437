"""The one place that builds the Application: services, defaults, handlers, start-up work."""

from __future__ import annotations

import os
from datetime import time
from typing import cast

from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults, JobQueue

import handlers
import jobs
from bot.config import Config
from bot.context import App, BotContext
from bot.health import start_health, stop_health
from bot.i18n import Translators
from bot.reply_pacing import ReplyTrackingProcessor
from bot.retrying import RetryingRateLimiter
from bot.state import AppState, Clock, system_clock
from bot.transport import AiohttpRequest
from dispatch.models import Site
from jobs.delivery import recover_interrupted
from storage.keyfile import tombstone_key
from storage.store import Store
from views.menus import publish_menus

NightApplication = App  # its former name, kept for the tools


def build_application(config: Config, *, clock: Clock = system_clock) -> NightApplication:
    """Build the bot exactly as production runs it; tests change only the config and clock."""
    # PTB >= 22.2 warns on every RetryAfter unless its timedelta behaviour is chosen.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    bot_data = AppState(
        config=config,
        store=Store(config.database, tombstone_key(config.database, config.tombstone_secret)),
        translators=Translators.load(),
        clock=clock,
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
        .job_queue(JobQueue[BotContext]())
        .post_init(_on_startup)
        .post_shutdown(_on_shutdown)
        .build()
    )
    handlers.register(application)
    return application


async def _on_startup(application: NightApplication) -> None:
    data: AppState = application.bot_data
    await data.store.open()
    await data.store.sites.ensure_default(configured_site(data.config), data.clock())
    await publish_menus(application.bot, data.translators, data.config.default_locale)
    await recover_interrupted(data)
    await jobs.start(application)
    await start_health(application)


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
    await jobs.stop(application)
    await application.bot_data.store.close()


def _provide(bot_data: AppState) -> type[AppState]:
    """PTB builds bot_data by calling a type; ours is built here, with its services, once."""
    return cast(type[AppState], lambda: bot_data)
