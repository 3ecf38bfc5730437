"""The one place that builds the Application: services, defaults, handlers, start-up work."""

from __future__ import annotations

import os
from typing import Any, cast

from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ContextTypes, Defaults

import handlers
from bot.config import Config
from bot.context import BotContext, BotData, Clock, system_clock
from bot.i18n import Translators
from bot.menus import publish_menus
from storage.store import Store

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
    )
    application: NightApplication = (
        Application.builder()
        .token(config.token)
        .base_url(config.api_base_url)
        .base_file_url(config.api_base_url.removesuffix("/bot") + "/file/bot")
        .context_types(ContextTypes(context=BotContext, bot_data=_provide(bot_data)))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(_on_startup)
        .post_shutdown(_on_shutdown)
        .build()
    )
    handlers.register(application)
    return application


async def _on_startup(application: NightApplication) -> None:
    data: BotData = application.bot_data
    await data.store.open()
    await publish_menus(application.bot, data.translators, data.config.default_locale)


async def _on_shutdown(application: NightApplication) -> None:
    await application.bot_data.store.close()


def _provide(bot_data: BotData) -> type[BotData]:
    """PTB builds bot_data by calling a type; ours is built here, with its services, once."""
    return cast(type[BotData], lambda: bot_data)
