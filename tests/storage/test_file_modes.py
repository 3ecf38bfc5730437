"""Issue 15, finding 6: the database, its WAL files, backups, pre-upgrade copies and the
tombstones' key are readable by the bot's user alone (0600), whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.backup import backup
from storage.db import Database
from storage.keyfile import key_path, tombstone_key
from tests.storage.test_upgrade_backup import old_database


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_the_database_and_its_wal_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "night.sqlite3"
    database = Database(path)
    await database.open()
    try:
        await database.write(
            "INSERT INTO users (id, created_at, last_seen_at) VALUES (1, 'a', 'a')"
        )
        files = [path, *(tmp_path / f"night.sqlite3{s}" for s in ("-wal", "-shm"))]
        assert [mode(f) for f in files if f.exists()] == [0o600] * len(
            [f for f in files if f.exists()]
        )
        assert (tmp_path / "night.sqlite3-wal").exists()
    finally:
        await database.close()


async def test_an_old_world_readable_database_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "night.sqlite3"
    pending = await old_database(path)
    path.chmod(0o644)
    database = Database(path)
    await database.open()
    await database.close()
    assert mode(path) == 0o600
    assert mode(tmp_path / f"night.sqlite3.before-{pending:04d}.bak") == 0o600


async def test_a_backup_and_the_key_file_are_private(tmp_path: Path) -> None:
    path = tmp_path / "night.sqlite3"
    database = Database(path)
    await database.open()
    await database.close()
    report = backup(path, tmp_path / "copy.sqlite3")
    assert mode(report.target) == 0o600
    key = tombstone_key(path, "")
    assert len(key) == 64 and mode(key_path(path)) == 0o600
    assert tombstone_key(path, "") == key  # the same key at every start
    assert tombstone_key(path, "x" * 32) == b"x" * 32
