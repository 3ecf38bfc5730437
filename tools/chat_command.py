"""The `chat` subcommand's arguments; the chat itself (emulator, bot) is imported only when run."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from dispatch.locales import SUPPORTED_LOCALES

ROLES = ("guest", "host", "dispatcher")
EXIT_INTERRUPTED = 130


def add_chat_parser(commands: Any) -> None:
    """Register `nightdispatch chat --as ROLE --lang LOCALE`."""
    chat = commands.add_parser(
        "chat",
        help="no token: chat with the bot in this terminal as a guest, host or dispatcher "
        "(trying the bot, training volunteers)",
    )
    chat.add_argument("--as", dest="role", choices=ROLES, default="guest")
    chat.add_argument("--lang", dest="locale", choices=SUPPORTED_LOCALES, default="en")
    chat.add_argument(
        "--database",
        type=Path,
        default=None,
        help="keep the conversation in this SQLite file (default: a fresh temporary one)",
    )
    layout = chat.add_mutually_exclusive_group()
    layout.add_argument(
        "--no-bidi",
        dest="reorder",
        action="store_true",
        default=None,
        help="the terminal does no bidi: join Arabic letters and reorder right-to-left lines "
        "for display (the default with --lang ar)",
    )
    layout.add_argument(
        "--bidi",
        dest="reorder",
        action="store_false",
        help="the terminal lays right-to-left text out itself: print it in logical order",
    )


def chat_command(args: argparse.Namespace) -> int:
    """Run the chat on this process's stdin and stdout."""
    from bot.logs import configure_logging
    from tools.chat import run_chat

    configure_logging("", level=logging.ERROR)  # the bot's warnings would drown the chat
    from tools.chat_session import Options

    options = Options(
        role=args.role, locale=args.locale, database=args.database, reorder=args.reorder
    )
    try:
        return asyncio.run(run_chat(options, sys.stdin, sys.stdout))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
