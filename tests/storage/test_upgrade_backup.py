"""An upgrade backs the data up before migrating; a new or current database gets no copy."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import aiosqlite

from storage.backup import backup, upgrade_backup_path
from storage.db import Database, bundled_migrations, migrate


async def old_database(path: Path) -> int:
    """A database one migration behind, holding a user; returns the pending migration."""
    migrations = bundled_migrations()
    connection = await aiosqlite.connect(path, isolation_level=None)
    try:
        await migrate(connection, migrations[:-1])
        await connection.execute(
            "INSERT INTO users (id, created_at, last_seen_at) VALUES (7, '2026-01', '2026-01')"
        )
    finally:
        await connection.close()
    return len(migrations)


def user_version_and_users(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as db:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        users = db.execute("SELECT COUNT(*) FROM users").fetchone()[0]
    return version, users


async def test_an_old_schema_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "night.sqlite3"
    pending = await old_database(path)
    database = Database(path)
    await database.open()
    await database.close()
    copy = tmp_path / f"night.sqlite3.before-{pending:04d}.bak"
    assert copy == upgrade_backup_path(path, pending)
    assert user_version_and_users(copy) == (pending - 1, 1)
    assert user_version_and_users(path) == (pending, 1)


async def test_a_new_database_gets_no_backup(tmp_path: Path) -> None:
    database = Database(tmp_path / "night.sqlite3")
    await database.open()
    await database.close()
    assert not list(tmp_path.glob("*.bak"))


async def test_an_up_to_date_database_gets_no_backup_when_reopened(tmp_path: Path) -> None:
    for _ in range(2):
        database = Database(tmp_path / "night.sqlite3")
        await database.open()
        await database.close()
    assert not list(tmp_path.glob("*.bak"))


def test_a_backup_is_a_consistent_copy_and_leaves_no_partial_file(tmp_path: Path) -> None:
    source = tmp_path / "a.sqlite3"
    with closing(sqlite3.connect(source)) as db:
        db.execute("CREATE TABLE users (id INTEGER, first_name TEXT, created_at TEXT)")
        db.execute("PRAGMA user_version = 3")
        db.execute("INSERT INTO users VALUES (1, 'x', 'y')")
        db.commit()
    backup(source, tmp_path / "copy.bak")
    assert user_version_and_users(tmp_path / "copy.bak") == (3, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.sqlite3", "copy.bak"]
