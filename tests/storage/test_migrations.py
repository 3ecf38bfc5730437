"""Migrations: an empty file is brought to the latest schema once, and again changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from storage.db import Database, Migration, bundled_migrations, migrate, schema_version

EXPECTED_TABLES = {
    "users",
    "sites",
    "site_texts",
    "user_roles",
    "hosts",
    "host_sites",
    "guests",
    "rounds",
    "offers",
    "requests",
    "matches",
    "outbox",
    "audit_log",
    "processed_updates",
}


def schema_of(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"
        ).fetchall()
    connection.close()
    return rows


async def test_empty_file_is_migrated_then_migrating_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    db = Database(path)
    await db.open()
    await db.close()
    first = schema_of(path)
    assert {name for name, _ in first} >= EXPECTED_TABLES

    async with aiosqlite.connect(path, isolation_level=None) as connection:
        assert await schema_version(connection) == len(bundled_migrations())
        assert await migrate(connection, bundled_migrations()) == []
    assert schema_of(path) == first


async def test_pragmas_are_set(tmp_path: Path) -> None:
    db = Database(tmp_path / "p.sqlite3")
    await db.open()
    async with db.reading() as connection:
        values = {}
        for pragma in ("journal_mode", "foreign_keys", "busy_timeout"):
            async with connection.execute(f"PRAGMA {pragma}") as cursor:
                row = await cursor.fetchone()
                assert row is not None
                values[pragma] = row[0]
    await db.close()
    assert values == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}


async def test_a_failing_migration_leaves_the_previous_schema(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite3"
    db = Database(path)
    await db.open()
    await db.close()
    broken = [
        *bundled_migrations(),
        Migration(
            len(bundled_migrations()) + 1,
            "9999_broken.sql",
            "CREATE TABLE half (id INTEGER);\nTHIS IS NOT SQL;",
        ),
    ]
    async with aiosqlite.connect(path, isolation_level=None) as connection:
        with pytest.raises(sqlite3.OperationalError):
            await migrate(connection, broken)
        assert await schema_version(connection) == len(bundled_migrations())
    assert "half" not in {name for name, _ in schema_of(path)}


async def test_a_database_newer_than_the_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 999")
    connection.close()
    db = Database(path)
    with pytest.raises(RuntimeError, match="newer than this program"):
        await db.open()
    await db.close()
