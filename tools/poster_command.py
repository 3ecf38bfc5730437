"""`nightdispatch poster --site NAME`: write a site's posters as one PDF and a PNG each.

It runs beside the bot, often on a volunteer's laptop, so it asks for as little as it can: a
token only when the bot's username is not given, and a database only if one exists (it never
creates one; the configured default site stands in, as it would at the bot's first start).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from collections.abc import Mapping
from pathlib import Path

from bot.config import Config, ConfigError, settings_environ
from dispatch.models import Site
from tools.posters import bot_username, file_stem, site_posters, write_posters

EXIT_FAILED = 1
EXIT_CONFIG = 2
# Stands in for BOT_TOKEN when it is unset, so every other setting is still checked as usual.
_NO_TOKEN = "0:none"


class PosterError(Exception):
    """The posters cannot be made; the message says what to change."""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    poster = commands.add_parser(
        "poster", help="write a site's printable posters (PDF and PNG) with QR codes"
    )
    poster.add_argument("--site", required=True, help="the site's name, as in /sites")
    poster.add_argument(
        "--out", type=Path, default=Path("posters"), help="output folder (default: posters/)"
    )
    poster.add_argument(
        "--bot-username",
        default=None,
        help="the bot's @username (default: asked from Telegram with BOT_TOKEN)",
    )
    poster.add_argument(
        "--database", type=Path, default=None, help="SQLite file (default: DATABASE setting)"
    )
    poster.add_argument(
        "--env-file", type=Path, default=None, help="read settings from this file too"
    )


def run_poster(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    """Write the posters and list the files; one line on stderr and a non-zero exit if not."""
    try:
        config, token = poster_config(environ, args.env_file)
        database = args.database or config.database
        site, username = asyncio.run(_site_and_username(args, config, token, database))
    except ConfigError as error:
        print(f"nightdispatch poster: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except PosterError as error:
        print(f"nightdispatch poster: {error}", file=sys.stderr)
        return EXIT_FAILED
    from bot.i18n import Translators

    posters = site_posters(site, username, Translators.load())
    for path in write_posters(posters, args.out, file_stem(site.name)):
        print(path)
    return 0


def poster_config(environ: Mapping[str, str], env_file: Path | None) -> tuple[Config, str | None]:
    """The settings, and the token if one is set (a poster needs none with --bot-username)."""
    merged = settings_environ(environ, env_file)
    token = merged.get("BOT_TOKEN", "").strip()
    config = Config.from_environ({**merged, "BOT_TOKEN": token or _NO_TOKEN})
    return config, (config.token if token else None)


async def _site_and_username(
    args: argparse.Namespace, config: Config, token: str | None, database: Path
) -> tuple[Site, str]:
    site = await find_site(args.site, database, config)
    return site, await resolve_username(args.bot_username, token, config.api_base_url)


async def find_site(name: str, database: Path, config: Config) -> Site:
    """The stored site of that name (any case), else the configured one if the name is its."""
    stored = await stored_sites(database)
    wanted = " ".join(name.split()).casefold()
    for site in stored:
        if site.name.casefold() == wanted:
            return site
    if config.site_name.casefold() == wanted:
        from bot.app import configured_site

        return configured_site(config)
    known = ", ".join(dict.fromkeys([*(site.name for site in stored), config.site_name]))
    raise PosterError(f"no site named {name!r}; the sites are: {known}")


async def stored_sites(database: Path) -> list[Site]:
    """The database's sites; none when the file does not exist (it is not created here)."""
    if not database.is_file():
        return []
    from storage.db import Database
    from storage.sites import SiteRepository

    db = Database(database)
    try:
        await db.open()
        return await SiteRepository(db).all()
    except (sqlite3.Error, RuntimeError) as error:
        raise PosterError(f"cannot read the sites from {database}: {error}") from None
    finally:
        await db.close()


async def resolve_username(given: str | None, token: str | None, base_url: str) -> str:
    """`--bot-username`, else the username Telegram gives for the token (getMe)."""
    try:
        if given is not None:
            return bot_username(given)
        if token is None:
            raise PosterError(
                "give the bot's username with --bot-username NAME, "
                "or set BOT_TOKEN so it can be asked from Telegram"
            )
        from telegram import Bot
        from telegram.error import TelegramError

        try:
            async with Bot(token, base_url=base_url) as bot:
                return bot_username(bot.username)
        except TelegramError as error:
            # The type only: a message could one day carry the request's URL, and the token.
            raise PosterError(
                f"Telegram did not give the bot's username ({type(error).__name__}); "
                "check BOT_TOKEN or give --bot-username NAME"
            ) from None
    except ValueError as error:
        raise PosterError(str(error)) from None
