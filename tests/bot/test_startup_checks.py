"""Start-up checks: each problem stops the bot with one line to act on, before any update."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from importlib import resources
from pathlib import Path

import pytest

from bot.config import Config
from bot.startup_checks import (
    EXIT_STARTUP,
    EXIT_UNREACHABLE,
    StartupError,
    check_catalogs,
    check_database,
    check_telegram,
)
from emulator import BotApiEmulator
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


def config_for(emulator: BotApiEmulator, tmp_path: Path, **settings: object) -> Config:
    values: dict[str, object] = {
        "token": emulator.token,
        "api_base_url": emulator.base_url,
        "database": tmp_path / "night.sqlite3",
    }
    values.update(settings)
    return Config(**values)  # type: ignore[arg-type]


@contextmanager
def write_locked(path: Path) -> Iterator[None]:
    """Another process's write transaction, held for the duration of the block."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")


async def test_a_healthy_start_passes_every_check(tmp_path: Path) -> None:
    async with BotApiEmulator() as emulator:
        emulator.group(-1001234, "Dispatch")
        config = config_for(emulator, tmp_path, dispatch_chat_id=-1001234)
        check_database(config.database)
        check_catalogs()
        await check_telegram(config)


async def test_a_rejected_token_is_named_with_the_401(tmp_path: Path) -> None:
    async with BotApiEmulator() as emulator:
        config = config_for(emulator, tmp_path, token="123456:SOMEONE-ELSES")
        with pytest.raises(StartupError) as failure:
            await check_telegram(config)
    assert str(failure.value).startswith("BOT_TOKEN was rejected by Telegram (401 Unauthorized)")
    assert failure.value.status == EXIT_STARTUP
    assert "SOMEONE-ELSES" not in str(failure.value)


async def test_an_unknown_dispatch_group_is_named(tmp_path: Path) -> None:
    async with BotApiEmulator() as emulator:
        config = config_for(emulator, tmp_path, dispatch_chat_id=-100999)
        with pytest.raises(StartupError) as failure:
            await check_telegram(config)
    assert str(failure.value).startswith("DISPATCH_CHAT_ID -100999: the bot cannot reach")
    assert failure.value.status == EXIT_STARTUP


async def test_an_unreachable_bot_api_exits_with_the_retry_status(tmp_path: Path) -> None:
    config = Config(
        token="123456:X", api_base_url=f"http://127.0.0.1:{free_port()}/bot", api_timeout=2
    )
    with pytest.raises(StartupError) as failure:
        await check_telegram(config)
    assert "could not be reached" in str(failure.value)
    assert failure.value.status == EXIT_UNREACHABLE


def test_a_missing_database_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(StartupError, match=r"^DATABASE: the directory .*missing.* does not exist"):
        check_database(tmp_path / "missing" / "night.sqlite3")


def test_a_database_locked_by_another_process_is_named(tmp_path: Path) -> None:
    path = tmp_path / "night.sqlite3"
    with write_locked(path), pytest.raises(StartupError, match="is locked by another process"):
        check_database(path)


def unwritable_folder(tmp_path: Path) -> Path:
    """A directory this process may not create files in. Root ignores modes, so root gets
    sysfs, where nobody may create a file, as a volume mounted read-only would refuse."""
    if os.geteuid() != 0:
        folder = tmp_path / "data"
        folder.mkdir(mode=0o500)
        return folder
    return Path("/sys/kernel")


def test_a_read_only_database_directory_is_named(tmp_path: Path) -> None:
    folder = unwritable_folder(tmp_path)
    with pytest.raises(StartupError, match=f"the directory {folder} is not writable"):
        check_database(folder / "night.sqlite3")


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "night.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StartupError, match="is not a SQLite database"):
        check_database(path)


def copied_catalogs(tmp_path: Path) -> Path:
    folder = tmp_path / "locales"
    with resources.as_file(resources.files("locales")) as source:
        shutil.copytree(source, folder)
    return folder


def test_a_missing_catalog_is_named(tmp_path: Path) -> None:
    folder = copied_catalogs(tmp_path)
    (folder / "nl" / "LC_MESSAGES" / "messages.po").unlink()
    with pytest.raises(StartupError, match=r"^catalogs: locales/nl/LC_MESSAGES/messages.po is"):
        check_catalogs(folder)


def test_a_broken_catalog_is_named(tmp_path: Path) -> None:
    folder = copied_catalogs(tmp_path)
    (folder / "ar" / "LC_MESSAGES" / "messages.po").write_text('msgid "a"\nmsgstr "b"\nnonsense\n')
    with pytest.raises(StartupError, match=r"^catalogs: locales/ar/.* is broken"):
        check_catalogs(folder)


async def test_the_process_exits_with_one_line_when_the_token_is_rejected(
    tmp_path: Path,
) -> None:
    """The whole command: no traceback, no token, status 3, and nothing started."""
    async with BotApiEmulator() as emulator:
        environ = {
            **os.environ,
            "BOT_TOKEN": "123456:WRONG-TOKEN",
            "BOT_API_BASE_URL": emulator.base_url,
            "DATABASE": str(tmp_path / "night.sqlite3"),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=environ,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    lines = stderr.decode().strip().splitlines()
    assert process.returncode == EXIT_STARTUP, stderr.decode()
    assert lines[-1].startswith("nightdispatch: BOT_TOKEN was rejected by Telegram (401")
    assert "Traceback" not in stderr.decode() and "WRONG-TOKEN" not in stderr.decode()
    assert not any(method == "getUpdates" for method, _ in emulator.calls)


def test_an_emptied_catalog_is_named(tmp_path: Path) -> None:
    folder = copied_catalogs(tmp_path)
    (folder / "fr" / "LC_MESSAGES" / "messages.po").write_text("")
    with pytest.raises(StartupError, match=r"^catalogs: locales/fr/.* holds no messages"):
        check_catalogs(folder)
