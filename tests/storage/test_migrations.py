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


async def test_an_upgrade_ends_past_evenings_so_no_one_is_told_of_last_year(
    tmp_path: Path,
) -> None:
    """Migration 0011 adds the end of the evening: rounds of past nights count as ended, so the
    first tick after an upgrade tells no guest of the past year that no bed was found."""
    migrations = bundled_migrations()
    meeting = next(m.number for m in migrations if m.name.endswith("_meeting.sql"))
    path = tmp_path / "old.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as connection:
        await migrate(connection, migrations[: meeting - 1])
        await connection.execute(
            "INSERT INTO sites (id, name, timezone, created_at)"
            " VALUES (1, 'Brussels', 'Europe/Brussels', '2025-01-01T00:00:00+00:00')"
        )
        for night in ("2025-01-10", "2999-01-01"):  # long past; not yet (tonight's stand-in)
            await connection.execute(
                "INSERT INTO rounds (site_id, night, status, closes_at, closed_at, matched_at)"
                " VALUES (1, ?, 'closed', ?, ?, ?)",
                (night, f"{night}T18:00:00+00:00", f"{night}T18:00:00+00:00", f"{night}T18:01"),
            )
        await migrate(connection, migrations)
        cursor = await connection.execute("SELECT night, ended_at FROM rounds ORDER BY night")
        ended = dict(await cursor.fetchall())
    assert ended == {"2025-01-10": "2025-01-10T18:01", "2999-01-01": None}


async def test_an_upgrade_keeps_appeal_recipients_as_hosts_rows(tmp_path: Path) -> None:
    """Migration 0013 (dispatchside) rebuilds appeal_recipients so that a row names a host or a
    driver: the rows already there keep everything, as hosts' rows; a row naming neither, or
    both, is refused."""
    migrations = bundled_migrations()
    drivers = next(m.number for m in migrations if m.name.endswith("_dispatchside.sql"))
    path = tmp_path / "old.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as connection:
        await migrate(connection, migrations[: drivers - 1])
        stamp = "2025-01-10T18:00:00+00:00"
        for sql in (
            "INSERT INTO sites (id, name, timezone, created_at) VALUES (1, 'B', 'Europe/Brussels',"
            f" '{stamp}')",
            f"INSERT INTO users (id, created_at, last_seen_at) VALUES (5, '{stamp}', '{stamp}')",
            "INSERT INTO hosts (id, user_id, display_name, household, accepts, languages,"
            " created_at, updated_at) VALUES (3, 5, 'M', 'couple', '[]', '[]',"
            f" '{stamp}', '{stamp}')",
            "INSERT INTO appeals (id, site_id, night, created_by, people, children, created_at)"
            f" VALUES (9, 1, '2025-01-10', 1, 2, 0, '{stamp}')",
            "INSERT INTO appeal_recipients (appeal_id, chat_id, host_id, status, not_before,"
            f" message_id, answered_beds) VALUES (9, 5, 3, 'sent', '{stamp}', 77, 2)",
        ):
            await connection.execute(sql)
        await migrate(connection, migrations)
        cursor = await connection.execute(
            "SELECT appeal_id, chat_id, host_id, driver_id, status, message_id, answered_beds"
            " FROM appeal_recipients"
        )
        assert await cursor.fetchall() == [(9, 5, 3, None, "sent", 77, 2)]
        with pytest.raises(sqlite3.IntegrityError):
            await connection.execute(
                "INSERT INTO appeal_recipients (appeal_id, chat_id, not_before)"
                f" VALUES (9, 6, '{stamp}')"
            )
