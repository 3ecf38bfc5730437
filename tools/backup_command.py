"""`nightdispatch backup PATH`: a verified copy of the database, safe while the bot runs.

It reads DATABASE the way `run` does (environment, then the env file) but needs no token, so a
cron line does not have to carry the bot's secret.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.config import DEFAULT_DATABASE, ConfigError, settings_environ
from storage.backup import BackupError, backup

EXIT_FAILED = 1
EXIT_CONFIG = 2


def add_parser(commands: Any) -> None:
    """Register the `backup` subcommand on the CLI's subparsers."""
    parser = commands.add_parser(
        "backup", help="copy the database consistently, even while the bot runs"
    )
    parser.add_argument("path", type=Path, help="the file to write (it must not exist yet)")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
    parser.add_argument(
        "--env-file",
        type=Path,
        default=None,
        help="read DATABASE from this file too (default: .env if present)",
    )


def run_backup(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    """Copy, verify, and say what was copied; one clear line on failure."""
    try:
        settings = settings_environ(environ, args.env_file)
    except ConfigError as error:
        print(f"nightdispatch: {error}", file=sys.stderr)
        return EXIT_CONFIG
    setting = settings.get("DATABASE", DEFAULT_DATABASE).strip()
    if not setting:
        print("nightdispatch: DATABASE: is empty; give a path to a SQLite file", file=sys.stderr)
        return EXIT_CONFIG
    database = Path(setting).expanduser()
    try:
        report = backup(database, args.path.expanduser(), force=args.force)
    except (BackupError, OSError) as error:
        print(f"nightdispatch backup: {_reason(error)}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"backed up {database} to {report.target}: {report.size:,} bytes, "
        f"schema version {report.schema_version}, {report.hosts} hosts, "
        f"{report.requests} requests; integrity check ok"
    )
    return 0


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"cannot write the backup: {where}{error.strerror or error}"
    return str(error)
