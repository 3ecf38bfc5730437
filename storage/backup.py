"""A consistent copy of the database while the bot keeps running (`nightdispatch backup`).

SQLite's online backup API copies every page under one read snapshot, which WAL lets coexist
with the bot's writer: the copy is the database as of one committed transaction, never a torn
mix. The copy is written next to the target and renamed into place only once verified, so a
crash or a full disk never leaves a half-written backup under the real name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BUSY_TIMEOUT_MS = 5000  # every connection's wait for a lock (storage.db imports it)


class BackupError(Exception):
    """The backup could not be made; the message says what to fix."""


@dataclass(frozen=True)
class BackupReport:
    """What was copied, for the operator's log."""

    target: Path
    size: int
    schema_version: int
    hosts: int
    requests: int


def private_file(path: Path) -> None:
    """Create `path` readable by its owner alone (0600) whatever the umask, or make it so.

    SQLite gives its -wal and -shm files the mode of the database file, so they follow."""
    descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)


def upgrade_backup_path(database: Path, pending: int) -> Path:
    """Where the data is kept before migrating to schema `pending`."""
    return database.with_name(f"{database.name}.before-{pending:04d}.bak")


def backup_before_migrations(database: Path, migrations: int) -> Path | None:
    """Copy a database that is about to be upgraded; a new or current one needs no copy."""
    if not database.is_file():
        return None
    connection = _open(database, f"read {database}")
    try:
        version = _user_version(connection)
    finally:
        connection.close()
    if version == 0 or version >= migrations:
        return None
    # A retry after a failed upgrade replaces the copy: the file is still at the old schema.
    return backup(database, upgrade_backup_path(database, migrations), force=True).target


def backup(database: Path, target: Path, *, force: bool = False) -> BackupReport:
    """Copy `database` to `target`; refuse to replace an existing file unless `force`."""
    if not database.is_file():
        raise BackupError(f"there is no database at {database}")
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; pass --force to replace it")
    if target.is_dir():
        raise BackupError(f"{target} is a directory; give a file name")
    if not target.parent.is_dir():
        raise BackupError(f"cannot write {target}: {target.parent} is not a folder")
    if not os.access(target.parent, os.W_OK):
        raise BackupError(f"cannot write {target}: {target.parent} is not writable")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        report = _copy(database, temporary, target)
        _publish(temporary, target, force=force)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return BackupReport(target, target.stat().st_size, *report)


def _copy(database: Path, temporary: Path, target: Path) -> tuple[int, int, int]:
    """Copy, verify and close; returns (schema version, hosts, requests)."""
    source = _open(database, f"read {database}")
    try:
        _run(f"write {target}", lambda: private_file(temporary))
        copy = _open(temporary, f"write {target}")
        try:
            _run(f"copy {database}", lambda: source.backup(copy))
            # A single self-contained file: no -wal beside it to forget when copying it on.
            copy.execute("PRAGMA journal_mode = DELETE")
            return _verify(copy, _user_version(source))
        finally:
            copy.close()
    finally:
        source.close()


def _open(path: Path, purpose: str) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as error:
        raise BackupError(f"cannot {purpose}: {error}") from None
    return connection


def _run(what: str, step: Callable[[], object]) -> None:
    try:
        step()
    except (sqlite3.DatabaseError, OSError) as error:
        raise BackupError(f"cannot {what}: {error}") from None


def _verify(copy: sqlite3.Connection, expected_version: int) -> tuple[int, int, int]:
    """The copy must pass SQLite's own check and carry the source's schema version."""
    problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise BackupError(f"the copy failed its integrity check: {'; '.join(problems[:3])}")
    version = _user_version(copy)
    if version != expected_version or version == 0:
        raise BackupError(f"the copy is at schema {version}, the database at {expected_version}")
    return version, _count(copy, "hosts"), _count(copy, "requests")


def _count(connection: sqlite3.Connection, table: str) -> int:
    """Rows in `table`, or 0 for a schema too old to have it."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) if exists else 0


def _user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _publish(temporary: Path, target: Path, *, force: bool) -> None:
    """Make the verified copy durable, then give it its name in one step."""
    with open(temporary, "rb") as copied:
        os.fsync(copied.fileno())
    if force:
        os.replace(temporary, target)
    else:
        try:
            # A hard link fails if the name was taken meanwhile: never overwrite by accident.
            os.link(temporary, target)
        except FileExistsError:
            raise BackupError(f"{target} already exists; pass --force to replace it") from None
        temporary.unlink()
    with contextlib.suppress(OSError):
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
