"""A database the size of a real deployment after a year, for the memory and latency targets.

30,000 hosts on the list (the Brussels platform's figure), and 365 closed nights at one site
at a busy evening's volume: about 100 offers, 400 requests, 300 matches, 700 notices sent and
a few dozen audit entries a night. Rows go in with plain SQL in one transaction (seconds, not
the hours the bot itself would take), on the schema the bot's own migrations create.
"""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from storage.db import Database

HOST_USER_BASE = 1_000_000
GUEST_USER_BASE = 2_000_000
HOUSEHOLDS = ("single_woman", "single_man", "couple", "family", "shared_flat")
ACCEPTS = ("single_women", "single_men", "women_with_children", "families", "couples")
LANGUAGES = ("fr", "nl", "en", "ar")


def stamp(day: date, hour: int = 18) -> str:
    return datetime.combine(day, time(hour), UTC).isoformat(timespec="seconds")


def _hosts(rng: random.Random, count: int, start: date) -> Iterator[tuple[object, ...]]:
    for number in range(count):
        yield (
            number + 1,
            HOST_USER_BASE + number,
            f"Host {number}",
            rng.choice(HOUSEHOLDS),
            json.dumps(rng.sample(ACCEPTS, rng.randint(1, 4))),
            json.dumps(rng.sample(LANGUAGES, rng.randint(1, 3))),
            rng.randint(0, 1),
            1,
            "vetted",
            stamp(start),
        )


def _fill(db: sqlite3.Connection, hosts: int, nights: int, today: date, seed: int) -> None:
    rng = random.Random(seed)
    start = today - timedelta(days=nights)
    db.execute(
        "INSERT OR IGNORE INTO sites (id, name, timezone, created_at) VALUES "
        "(1, 'Brussels', 'Europe/Brussels', ?)",
        (stamp(start),),
    )
    db.executemany(
        "INSERT INTO users (id, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
        (
            (HOST_USER_BASE + n, rng.choice(LANGUAGES), stamp(start), stamp(start))
            for n in range(hosts)
        ),
    )
    db.executemany(
        "INSERT INTO hosts (id, user_id, display_name, household, accepts, languages,"
        " step_free, charter_version, status, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?10)",
        _hosts(rng, hosts, start),
    )
    db.executemany("INSERT INTO host_sites VALUES (?, 1)", ((n + 1,) for n in range(hosts)))
    guests = 20_000
    db.executemany(
        "INSERT INTO users (id, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
        (
            (GUEST_USER_BASE + n, rng.choice(LANGUAGES), stamp(start), stamp(start))
            for n in range(guests)
        ),
    )
    db.executemany(
        "INSERT INTO guests (id, user_id, alias, consent_version, consent_at, created_at)"
        " VALUES (?, ?, ?, 1, ?, ?)",
        ((n + 1, GUEST_USER_BASE + n, f"G{n}", stamp(start), stamp(start)) for n in range(guests)),
    )
    for index in range(nights):
        _night(db, rng, index + 1, start + timedelta(days=index), hosts, guests)


def _night(
    db: sqlite3.Connection, rng: random.Random, round_id: int, night: date, hosts: int, guests: int
) -> None:
    at = stamp(night)
    db.execute(
        "INSERT INTO rounds (id, site_id, night, status, closes_at, closed_at, matched_at,"
        " ended_at) VALUES (?, 1, ?, 'closed', ?, ?, ?, ?)",
        (round_id, night.isoformat(), at, at, at, at),  # a past evening, over
    )
    offer_hosts = rng.sample(range(1, hosts + 1), 100)
    first_offer = db.execute("SELECT IFNULL(MAX(id), 0) + 1 FROM offers").fetchone()[0]
    db.executemany(
        "INSERT INTO offers (host_id, round_id, beds, latest_pickup, created_at, updated_at)"
        " VALUES (?, ?, ?, '21:30', ?, ?)",
        ((host, round_id, rng.randint(1, 4), at, at) for host in offer_hosts),
    )
    first_request = db.execute("SELECT IFNULL(MAX(id), 0) + 1 FROM requests").fetchone()[0]
    db.executemany(
        "INSERT INTO requests (guest_id, round_id, women, men, children, languages, status,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                guest,
                round_id,
                *rng.choice(((1, 0, 0), (0, 1, 0), (1, 1, 2))),
                json.dumps([rng.choice(LANGUAGES)]),
                "matched" if n < 300 else "waiting",
                at,
                at,
            )
            for n, guest in enumerate(rng.sample(range(1, guests + 1), 400))
        ),
    )
    db.executemany(
        "INSERT INTO matches (round_id, offer_id, request_id, pickup_code, reason, status,"
        " created_at, updated_at, confirmed_at, picked_up_at, feedback_asked_at)"
        " VALUES (?, ?, ?, ?, 'vulnerable', 'picked_up', ?5, ?6, ?5, ?5, ?5)",
        (
            (round_id, first_offer + n % 100, first_request + n, f"{code:04d}", at, at)
            for n, code in enumerate(rng.sample(range(10_000), 300))
        ),
    )
    db.executemany(
        "INSERT INTO outbox (chat_id, kind, payload, dedupe_key, status, attempts, not_before,"
        " message_id, created_at, sent_at) VALUES (?, 'match', '{}', ?, 'sent', 1, ?, 1, ?, ?)",
        ((GUEST_USER_BASE + n, f"history:{round_id}:{n}", at, at, at) for n in range(700)),
    )
    db.executemany(
        "INSERT INTO audit_log (at, actor_id, action, subject) VALUES (?, NULL, 'round', ?)",
        ((at, f"round:{round_id}") for _ in range(30)),
    )
    db.execute(
        "INSERT INTO daily_stats (site_id, night, beds_offered, hosts_offering, people_asking,"
        " groups_asking, people_housed, people_waiting, computed_at)"
        " VALUES (1, ?, 250, 100, 600, 400, 450, 150, ?)",
        (night.isoformat(), at),
    )


def build_history(path: Path, *, hosts: int = 30_000, nights: int = 365, seed: int = 7) -> None:
    """Create `path` with the bot's schema and a year of one site's evenings."""
    database = Database(path)

    async def migrate() -> None:
        await database.open()
        await database.close()

    asyncio.run(migrate())
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        db.execute("BEGIN")
        _fill(db, hosts, nights, date.today(), seed)
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def row_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as db:
        return {
            table: int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("hosts", "requests", "matches", "offers", "outbox", "audit_log")
        }
