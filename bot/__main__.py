"""The `nightdispatch` command line: `run` the bot, or `run --emulator` to try it offline."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from telegram import Update

from bot.app import build_application
from bot.config import Config, ConfigError, merged_environ
from bot.logs import configure_logging

EXIT_CONFIG = 2


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="nightdispatch", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (long polling)")
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
    commands.add_parser(
        "demo", help="no token, no internet: a whole evening at one site through the emulator"
    )
    return parser.parse_args(argv)


def load_config(environ: Mapping[str, str], env_file: Path | None) -> Config:
    if env_file is None and Path(".env").is_file():
        env_file = Path(".env")
    if env_file is not None and not env_file.is_file():
        raise ConfigError("--env-file", f"{env_file} does not exist")
    return Config.from_environ(merged_environ(environ, env_file))


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    environ = os.environ if environ is None else environ
    if args.command == "demo":
        from bot.demo import run_demo

        return asyncio.run(run_demo())
    if getattr(args, "emulator", False):
        from bot.tour import run_tour

        return asyncio.run(run_tour())
    try:
        config = load_config(environ, args.env_file)
    except ConfigError as error:
        print(f"nightdispatch: {error}", file=sys.stderr)
        return EXIT_CONFIG
    configure_logging(config.token)
    application = build_application(config)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
