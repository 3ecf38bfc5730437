"""The SQLite connection: pragmas, migrations, and one serialised writer.

aiosqlite runs each connection on its own thread, so two handlers sharing a connection would
interleave their transactions. Writes therefore go through one connection behind an asyncio
lock, each in `BEGIN IMMEDIATE`; reads use a second connection that WAL lets run alongside.

Every call into aiosqlite is a round trip to its thread and back through the event loop, and
that trip, not SQLite, was most of the database's cost per update (benchmarks/throughput.py).
So a query is one trip (`one`, `every`: execute and fetch together, not execute, fetch and
close), and a lone statement needs no BEGIN and COMMIT around it (`Database.one`, `.every`,
`.write`): SQLite runs each statement atomically, and in one snapshot, on its own.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from storage.backup import BUSY_TIMEOUT_MS, backup_before_migrations

Parameters = Sequence[Any] | Mapping[str, Any]
T = TypeVar("T")
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """The numbered migrations shipped in storage/migrations, in order, without gaps."""
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda migration: migration.number)
    if [m.number for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("storage/migrations must be numbered 0001, 0002, … without gaps")
    return found


class Database:
    """Owns the writer and reader connections of one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._read_lock = asyncio.Lock()

    async def open(self) -> None:
        """Connect, set the pragmas and bring the schema up to date."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        migrations = bundled_migrations()
        # An upgrade may fail half-way or prove wrong: keep the data as it was first.
        await asyncio.to_thread(backup_before_migrations, self.path, len(migrations))
        self._writer = await _connect(self.path)
        await self._writer.execute("PRAGMA journal_mode = WAL")
        await migrate(self._writer, migrations)
        self._reader = await _connect(self.path)

    async def close(self) -> None:
        for connection in (self._reader, self._writer):
            if connection is not None:
                await connection.close()
        self._reader = self._writer = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One use case's writes, all or nothing, never interleaved with another's."""
        async with self._write_lock:
            connection = self._require(self._writer)
            await connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                await connection.execute("ROLLBACK")
                raise
            await connection.execute("COMMIT")

    async def run(self, work: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Run one whole use case's writes as ONE transaction on the writer (Datasette's
        `execute_write_fn`): `work` gets the connection, and everything it does commits
        together or not at all. Its reads through that connection see its own writes."""
        async with self.transaction() as tx:
            return await work(tx)

    async def run_single(self, work: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Like `run`, for work that issues ONE write statement: SQLite applies a statement
        all or nothing on its own, so it saves the BEGIN and COMMIT trips."""
        async with self._write_lock:
            return await work(self._require(self._writer))

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[aiosqlite.Connection]:
        """The reader for a few single statements, outside any transaction (no BEGIN trip)."""
        async with self._read_lock:
            yield self._require(self._reader)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[aiosqlite.Connection]:
        """A consistent snapshot for reads that do not block the writer."""
        async with self._read_lock:
            connection = self._require(self._reader)
            await connection.execute("BEGIN")
            try:
                yield connection
            finally:
                await connection.execute("COMMIT")

    async def one(self, sql: str, parameters: Parameters = ()) -> sqlite3.Row | None:
        """The first row of a single query, read outside any transaction."""
        async with self._read_lock:
            return await one(self._require(self._reader), sql, parameters)

    async def every(self, sql: str, parameters: Parameters = ()) -> list[sqlite3.Row]:
        """Every row of a single query, read outside any transaction."""
        async with self._read_lock:
            return await every(self._require(self._reader), sql, parameters)

    async def write(self, sql: str, parameters: Parameters = ()) -> int:
        """A single statement, which SQLite applies all or nothing; returns the rows changed."""
        async with self._write_lock:
            cursor = await self._require(self._writer).execute(sql, parameters)
            return cursor.rowcount

    @staticmethod
    def _require(connection: aiosqlite.Connection | None) -> aiosqlite.Connection:
        if connection is None:
            raise RuntimeError("the database is not open")
        return connection


async def one(
    connection: aiosqlite.Connection, sql: str, parameters: Parameters = ()
) -> sqlite3.Row | None:
    """The first row of a query, in one trip to the connection's thread."""
    rows = await every(connection, sql, parameters)
    return rows[0] if rows else None


async def every(
    connection: aiosqlite.Connection, sql: str, parameters: Parameters = ()
) -> list[sqlite3.Row]:
    """Every row of a query, in one trip to the connection's thread."""
    return list(await connection.execute_fetchall(sql, parameters))


async def _connect(path: Path) -> aiosqlite.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves instead of sqlite3's implicit ones.
    connection = await aiosqlite.connect(path, isolation_level=None)
    connection.row_factory = sqlite3.Row
    await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await connection.execute("PRAGMA foreign_keys = ON")
    await connection.execute("PRAGMA synchronous = NORMAL")
    return connection


async def schema_version(connection: aiosqlite.Connection) -> int:
    row = await one(connection, "PRAGMA user_version")
    return int(row[0]) if row else 0


async def migrate(connection: aiosqlite.Connection, migrations: list[Migration]) -> list[int]:
    """Apply the migrations newer than PRAGMA user_version, each in its own transaction."""
    current = await schema_version(connection)
    if current > len(migrations):
        raise RuntimeError(
            f"the database is at schema {current}, newer than this program ({len(migrations)})"
        )
    applied = []
    for migration in migrations[current:]:
        script = f"BEGIN IMMEDIATE;\n{migration.sql}\nPRAGMA user_version = {migration.number};\n"
        try:
            await connection.executescript(script)
            await connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                await connection.execute("ROLLBACK")
            raise
        applied.append(migration.number)
    return applied
