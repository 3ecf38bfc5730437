"""The `nightdispatch` command line: `run` the bot, or `run --emulator` to try it offline."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.app import build_application
from bot.config import Config, ConfigError, merged_environ, settings_environ
from bot.health import health_command
from bot.logs import configure_logging
from bot.serving import serve
from bot.startup_checks import StartupError, run_startup_checks
from bot.state import Clock, system_clock
from tools.backup_command import add_parser as add_backup_parser
from tools.backup_command import run_backup
from tools.chat_command import add_chat_parser, chat_command
from tools.poster_command import add_parser as add_poster_parser
from tools.poster_command import run_poster

EXIT_CONFIG = 2


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="nightdispatch", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (polling, or a webhook)")
    run.add_argument(
        "--env-file",
        type=Path,
        default=None,
        help="read settings from this file too (default: .env if present)",
    )
    run.add_argument(
        "--emulator",
        action="store_true",
        help="no token needed: run against the built-in Bot API emulator and show "
        "a guided conversation in the four languages",
    )
    health = commands.add_parser("health", help="ask the running bot's health endpoint")
    health.add_argument("--port", type=int, default=None, help="default: HEALTH_PORT")
    health.add_argument("--host", default="127.0.0.1")
    health.add_argument("--env-file", type=Path, default=None)
    commands.add_parser(
        "demo", help="no token, no internet: a whole evening at one site through the emulator"
    )
    add_poster_parser(commands)
    add_backup_parser(commands)
    add_chat_parser(commands)
    return parser.parse_args(argv)


def _default_env_file() -> Path | None:
    return Path(".env") if Path(".env").is_file() else None


def load_config(environ: Mapping[str, str], env_file: Path | None) -> Config:
    return Config.from_environ(settings_environ(environ, env_file))


def main(
    argv: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    clock: Clock = system_clock,
) -> int:
    """The command line; a test that runs the bot as a process injects its clock here."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    environ = os.environ if environ is None else environ
    if args.command == "health":
        return health_command(
            merged_environ(environ, args.env_file or _default_env_file()), args.port, args.host
        )
    if args.command == "demo":
        from tools.demo import run_demo

        return asyncio.run(run_demo())
    if args.command == "poster":
        return run_poster(args, environ)
    if args.command == "backup":
        return run_backup(args, environ)
    if args.command == "chat":
        return chat_command(args)
    if getattr(args, "emulator", False):
        from tools.tour import run_tour

        return asyncio.run(run_tour())
    try:
        config = load_config(environ, args.env_file)
    except ConfigError as error:
        print(f"nightdispatch: {error}", file=sys.stderr)
        return EXIT_CONFIG
    configure_logging(config.token)
    try:
        run_startup_checks(config)
    except StartupError as error:
        print(f"nightdispatch: {error}", file=sys.stderr)
        return error.status
    serve(build_application(config, clock=clock), config)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
