"""Each table stores and returns a full row, and its constraints refuse what the rules forbid."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from storage.store import Store

NOW = "2026-11-23T18:00:00+00:00"

# One valid row per table, in an order that satisfies the foreign keys.
ROWS: list[tuple[str, dict[str, Any]]] = [
    (
        "users",
        {"id": 501, "locale": "ar", "unreachable": 0, "created_at": NOW, "last_seen_at": NOW},
    ),
    (
        "users",
        {"id": 502, "locale": None, "unreachable": 1, "created_at": NOW, "last_seen_at": NOW},
    ),
    (
        "sites",
        {
            "id": 1,
            "name": "Bruxelles-Nord",
            "timezone": "Europe/Brussels",
            "cutoff_time": "19:00",
            "evening_end_time": "23:00",
            "meeting_point_name": "Parc Maximilien",
            "meeting_point_address": "Quai",
            "latitude": 50.8606,
            "longitude": 4.3517,
            "created_at": NOW,
        },
    ),
    ("site_texts", {"site_id": 1, "locale": "fr", "kind": "alternatives", "body": "Samusocial"}),
    (
        "user_roles",
        {
            "id": 1,
            "user_id": 502,
            "role": "dispatcher",
            "site_id": 1,
            "granted_by": 501,
            "granted_at": NOW,
        },
    ),
    (
        "hosts",
        {
            "id": 1,
            "user_id": 502,
            "display_name": "Marie",
            "phone": None,
            "household": "single_woman",
            "accepts": '["single_women"]',
            "languages": '["fr"]',
            "step_free": 1,
            "pets": 0,
            "can_fetch": 1,
            "charter_version": 1,
            "status": "vetted",
            "paused_until": None,
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    ("host_sites", {"host_id": 1, "site_id": 1}),
    (
        "guests",
        {
            "id": 1,
            "user_id": 501,
            "registered_by": None,
            "alias": "Amina",
            "consent_version": 1,
            "consent_at": NOW,
            "created_at": NOW,
        },
    ),
    (
        "guests",
        {
            "id": 2,
            "user_id": None,
            "registered_by": 502,
            "alias": "Walk-in",
            "consent_version": 1,
            "consent_at": NOW,
            "created_at": NOW,
        },
    ),
    (
        "rounds",
        {
            "id": 1,
            "site_id": 1,
            "night": "2026-11-23",
            "status": "open",
            "closes_at": NOW,
            "closed_at": None,
        },
    ),
    (
        "offers",
        {
            "id": 1,
            "host_id": 1,
            "round_id": 1,
            "beds": 2,
            "latest_pickup": "21:30",
            "nights": 3,
            "note": "<b>dog</b>",
            "status": "active",
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    (
        "requests",
        {
            "id": 1,
            "guest_id": 1,
            "round_id": 1,
            "women": 1,
            "men": 0,
            "children": 1,
            "children_ages": "[4]",
            "languages": '["ar","fr"]',
            "step_free": 0,
            "medical": 1,
            "status": "matched",
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    (
        "matches",
        {
            "id": 1,
            "round_id": 1,
            "offer_id": 1,
            "request_id": 1,
            "pickup_code": "K7Q2",
            "reason": "women with a child first",
            "status": "proposed",
            "created_at": NOW,
            "updated_at": NOW,
        },
    ),
    (
        "outbox",
        {
            "id": 1,
            "chat_id": 501,
            "kind": "match_guest",
            "payload": '{"match": 1}',
            "dedupe_key": "match:1:guest",
            "status": "pending",
            "attempts": 0,
            "not_before": NOW,
            "message_id": None,
            "last_error": None,
            "created_at": NOW,
            "sent_at": None,
        },
    ),
    (
        "audit_log",
        {
            "id": 1,
            "at": NOW,
            "actor_id": 502,
            "action": "round.close",
            "subject": "round:1",
            "detail": "{}",
        },
    ),
    ("processed_updates", {"update_id": 99, "processed_at": NOW}),
]


async def insert(store: Store, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    async with store.db.transaction() as tx:
        await tx.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


async def test_every_table_round_trips_a_row(store: Store) -> None:
    for table, row in ROWS:
        await insert(store, table, row)
    async with store.db.reading() as db:
        for table, row in ROWS:
            key, value = next(iter(row.items()))
            where = " AND ".join(f"{column} IS ?" for column in row)
            async with db.execute(
                f"SELECT {', '.join(row)} FROM {table} WHERE {where}", tuple(row.values())
            ) as cursor:
                found = await cursor.fetchall()
            assert [dict(r) for r in found] == [row], (table, key, value)


@pytest.mark.parametrize(
    ("table", "row"),
    [
        ("users", {"id": 9, "locale": "de", "created_at": NOW, "last_seen_at": NOW}),
        (
            "offers",
            {
                "host_id": 1,
                "round_id": 1,
                "beds": 11,
                "latest_pickup": "21:00",
                "created_at": NOW,
                "updated_at": NOW,
            },
        ),
        (
            "requests",
            {
                "guest_id": 2,
                "round_id": 1,
                "women": 0,
                "men": 0,
                "children": 0,
                "created_at": NOW,
                "updated_at": NOW,
            },
        ),
        ("rounds", {"site_id": 1, "night": "2026-11-23", "closes_at": NOW}),
        ("guests", {"alias": "nobody's", "created_at": NOW}),
        (
            "offers",
            {
                "host_id": 77,
                "round_id": 1,
                "beds": 1,
                "latest_pickup": "21:00",
                "created_at": NOW,
                "updated_at": NOW,
            },
        ),
    ],
    ids=[
        "unknown-locale",
        "too-many-beds",
        "empty-group",
        "second-round-same-night",
        "guest-with-no-owner",
        "offer-of-unknown-host",
    ],
)
async def test_constraints_refuse_invalid_rows(
    store: Store, table: str, row: dict[str, Any]
) -> None:
    for setup_table, setup_row in ROWS[:10]:
        await insert(store, setup_table, setup_row)
    with pytest.raises(sqlite3.IntegrityError):
        await insert(store, table, row)


async def test_a_request_has_one_live_match_at_most(store: Store) -> None:
    for table, row in ROWS:
        await insert(store, table, row)
    second = {**dict(ROWS[12][1]), "id": 2, "pickup_code": "ZZ99"}
    with pytest.raises(sqlite3.IntegrityError):
        await insert(store, "matches", second)
    await insert(store, "matches", {**second, "status": "declined"})
