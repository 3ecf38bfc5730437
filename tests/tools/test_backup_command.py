"""`nightdispatch backup`: a consistent, verified copy while the bot writes, and clear errors."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.__main__ import main
from storage.backup import backup
from storage.store import Store
from tests.waiting import until

NOW = "2026-11-23T18:00:00+00:00"


async def write_continuously(store: Store, stop: asyncio.Event) -> int:
    """Each transaction adds a user and an update id together: a torn copy would split them."""
    written = 0
    while not stop.is_set():
        written += 1
        async with store.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO users (id, created_at, last_seen_at) VALUES (?, ?, ?)",
                (written, NOW, NOW),
            )
            await tx.execute(
                "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
                (written, NOW),
            )
    return written


def ids(path: Path, query: str) -> list[int]:
    with closing(sqlite3.connect(path)) as db:
        return [row[0] for row in db.execute(query)]


async def test_a_backup_taken_during_writes_is_consistent_and_opens(tmp_path: Path) -> None:
    store = Store(tmp_path / "night.sqlite3")
    await store.open()
    stop = asyncio.Event()
    writer = asyncio.create_task(write_continuously(store, stop))
    try:
        await until(lambda: bool(ids(store.db.path, "SELECT id FROM users LIMIT 1")), what="a user")
        report = await asyncio.to_thread(backup, store.db.path, tmp_path / "copy.sqlite3")
    finally:
        stop.set()
        written = await writer
        await store.close()
    copy = tmp_path / "copy.sqlite3"
    users = ids(copy, "SELECT id FROM users ORDER BY id")
    assert users == ids(copy, "SELECT update_id FROM processed_updates ORDER BY update_id")
    assert users == list(range(1, len(users) + 1)) and 0 < len(users) <= written
    assert ids(copy, "PRAGMA integrity_check") == ["ok"]  # type: ignore[comparison-overlap]
    assert report.schema_version == ids(copy, "PRAGMA user_version")[0]
    reopened = Store(copy)
    await reopened.open()
    try:
        assert await reopened.users.count() == len(users)
    finally:
        await reopened.close()


async def test_the_cli_reads_database_and_reports_what_it_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(tmp_path / "night.sqlite3")
    await store.open()
    await store.close()
    target = tmp_path / "backups" / "tonight.sqlite3"
    target.parent.mkdir()
    environ = {"DATABASE": str(store.db.path)}

    assert main(["backup", str(target)], environ) == 0
    out = capsys.readouterr().out
    version = ids(target, "PRAGMA user_version")[0]
    assert f"schema version {version}" in out and "0 hosts, 0 requests" in out
    assert str(target) in out
    assert ids(target, "PRAGMA journal_mode") == ["delete"]  # type: ignore[comparison-overlap]
    assert sorted(p.name for p in target.parent.iterdir()) == ["tonight.sqlite3"]


def test_a_missing_database_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    environ = {"DATABASE": str(tmp_path / "nowhere.sqlite3")}
    assert main(["backup", str(tmp_path / "copy.sqlite3")], environ) == 1
    assert "there is no database at" in capsys.readouterr().err
    assert not (tmp_path / "copy.sqlite3").exists()


async def test_an_existing_target_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(tmp_path / "night.sqlite3")
    await store.open()
    await store.close()
    target = tmp_path / "copy.sqlite3"
    target.write_text("yesterday")
    environ = {"DATABASE": str(store.db.path)}

    assert main(["backup", str(target)], environ) == 1
    assert "already exists; pass --force" in capsys.readouterr().err
    assert target.read_text() == "yesterday"
    assert main(["backup", "--force", str(target)], environ) == 0
    assert ids(target, "PRAGMA integrity_check") == ["ok"]  # type: ignore[comparison-overlap]


async def test_an_unwritable_target_is_explained_and_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(tmp_path / "night.sqlite3")
    await store.open()
    await store.close()
    environ = {"DATABASE": str(store.db.path)}
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("")

    assert main(["backup", str(tmp_path / "missing" / "copy.sqlite3")], environ) == 1
    assert "is not a folder" in capsys.readouterr().err
    assert main(["backup", str(not_a_folder / "copy.sqlite3")], environ) == 1
    assert "cannot write" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "night.sqlite3"]


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "notes.sqlite3"
    source.write_text("not a database " * 100)
    with pytest.raises(Exception, match="not a database"):
        backup(source, tmp_path / "copy.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]
