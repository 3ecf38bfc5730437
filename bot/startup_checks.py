"""Checks run before the bot takes its first update, each failing with one line to act on.

Without them a wrong token surfaces as a traceback from deep inside python-telegram-bot, a
read-only volume as a crash on the first write of the evening, and a dispatch group the bot
was removed from as alerts that silently go nowhere.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from contextlib import closing
from importlib import resources
from importlib.resources.abc import Traversable
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from telegram import Bot
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError

from bot.config import Config
from bot.transport import AiohttpRequest
from dispatch.locales import SUPPORTED_LOCALES

EXIT_STARTUP = 3  # the settings parse, but the world disagrees: fix something, then restart
EXIT_UNREACHABLE = 4  # Telegram could not be reached: worth retrying later
LOCK_WAIT_SECONDS = 2.0


class StartupError(Exception):
    """A check failed; the message is the one line the operator reads."""

    def __init__(self, message: str, status: int = EXIT_STARTUP) -> None:
        super().__init__(message)
        self.status = status


def check_database(path: Path) -> None:
    """The directory exists and is writable, and no other process holds the write lock."""
    folder = path.parent
    if not folder.is_dir():
        raise StartupError(f"DATABASE: the directory {folder} does not exist; create it first")
    if path.exists() and not path.is_file():
        raise StartupError(f"DATABASE: {path} is not a file")
    try:
        # SQLite writes its -wal and -shm files beside the database.
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise StartupError(
            f"DATABASE: the directory {folder} is not writable ({error.strerror})"
        ) from None
    try:
        with closing(sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS)) as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
    except sqlite3.DatabaseError as error:
        raise StartupError(f"DATABASE: {path} {_sqlite_problem(error)}") from None


def _sqlite_problem(error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return "is locked by another process (is another nightdispatch running on it?)"
    if "readonly" in text or "unable to open" in text:
        return "is not writable"
    if "not a database" in text:
        return "is not a SQLite database"
    return f"cannot be opened ({text})"


def check_catalogs(folder: Traversable | None = None) -> None:
    """Every language's .po is present and parses, or its users would get raw English ids."""
    root = folder if folder is not None else resources.files("locales")
    for locale in SUPPORTED_LOCALES:
        po = root / locale / "LC_MESSAGES" / "messages.po"
        name = f"locales/{locale}/LC_MESSAGES/messages.po"
        if not po.is_file():
            raise StartupError(f"catalogs: {name} is missing; reinstall nightdispatch")
        try:
            with po.open("rb") as source:
                catalog = read_po(source, locale=locale, abort_invalid=True)
            write_mo(BytesIO(), catalog)
        except (PoFileError, ValueError, UnicodeDecodeError) as error:
            raise StartupError(f"catalogs: {name} is broken ({error})") from None
        if len(catalog) == 0:
            raise StartupError(f"catalogs: {name} is broken (it holds no messages)")


async def check_telegram(config: Config) -> None:
    """The token is accepted and the dispatch group, if any, can be reached by the bot."""
    request = AiohttpRequest(read_timeout=config.api_timeout, connect_timeout=config.api_timeout)
    bot = Bot(config.token, base_url=config.api_base_url, request=request)
    host = urlsplit(config.api_base_url).netloc
    try:
        async with bot:  # initialize() calls getMe
            await _check_dispatch_chat(bot, config.dispatch_chat_id)
    except InvalidToken as error:
        if "not found" in error.message.lower():
            raise StartupError(
                f"BOT_API_BASE_URL: the Bot API at {host} answered 404 Not Found "
                "(the URL should end in /bot)"
            ) from None
        raise StartupError(
            "BOT_TOKEN was rejected by Telegram (401 Unauthorized): copy it again from "
            "@BotFather (/mybots → API Token)"
        ) from None
    except NetworkError as error:
        raise StartupError(
            f"the Bot API at {host} could not be reached ({type(error).__name__}); "
            "check BOT_API_BASE_URL and the network",
            EXIT_UNREACHABLE,
        ) from None


async def _check_dispatch_chat(bot: Bot, chat_id: int | None) -> None:
    if chat_id is None:
        return
    hint = "add the bot to the group, or correct or empty DISPATCH_CHAT_ID"
    try:
        await bot.get_chat(chat_id)
        member = await bot.get_chat_member(chat_id, bot.id)
    except (BadRequest, Forbidden) as error:
        raise StartupError(
            f"DISPATCH_CHAT_ID {chat_id}: the bot cannot reach this group ({error.message}); {hint}"
        ) from None
    if member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
        raise StartupError(
            f"DISPATCH_CHAT_ID {chat_id}: the bot is not a member of this group "
            f"({member.status}); {hint}"
        )


def run_startup_checks(config: Config) -> None:
    """All checks, cheapest first. The event loop used is left current for run_polling or
    run_webhook, which pick it up instead of creating another."""
    check_database(config.database)
    check_catalogs()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(check_telegram(config))
    except BaseException:
        asyncio.set_event_loop(None)
        loop.close()
        raise
