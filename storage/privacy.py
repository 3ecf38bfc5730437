"""Privacy by design: the retention purge, erasing one person at their request, and what
/mydata shows. Each use case is one transaction, so a crash never leaves half a person."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

import aiosqlite

from dispatch import notices
from dispatch.retention import PurgeWindow
from storage.audit import write as audit
from storage.db import Database, every
from storage.evening import view_in
from storage.export import export_user
from storage.outbox import enqueue
from storage.timestamps import to_text

OLD_ROUNDS = "SELECT id FROM rounds WHERE night < :before"
# Notices name matches and requests by id; ids can be reused once the newest row is deleted,
# and a leftover dedupe key would then silently swallow a new notice.
ABOUT = (
    "json_extract(payload, '$.match') IN (SELECT id FROM matches WHERE {matches})"
    " OR json_extract(payload, '$.request') IN (SELECT id FROM requests WHERE {requests})"
)
PERMANENT_BLOCK = "EXISTS (SELECT 1 FROM pair_blocks b WHERE b.guest_id = g.id AND b.night IS NULL)"
NO_REQUEST = "NOT EXISTS (SELECT 1 FROM requests q WHERE q.guest_id = g.id)"


@dataclass(frozen=True)
class PurgeCounts:
    """How many rows one purge removed or blanked (figures only, safe to log)."""

    matches: int = 0
    requests: int = 0
    offers: int = 0
    guests_deleted: int = 0
    guests_anonymised: int = 0
    pair_blocks: int = 0
    incidents: int = 0
    notices: int = 0
    drafts: int = 0
    audit_notes: int = 0
    updates: int = 0

    @property
    def personal(self) -> int:
        """Rows that held someone's data (update ids hold none)."""
        return sum(int(value) for value in asdict(self).values()) - self.updates


@dataclass(frozen=True)
class Busy:
    """What a person still carries tonight, which someone else must take over first."""

    hosting: int  # live matches on their offers
    walk_ins: int  # groups they registered at the meeting point, still asking

    def __bool__(self) -> bool:
        return self.hosting + self.walk_ins > 0


class PrivacyRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def purge(self, window: PurgeWindow, now: datetime) -> PurgeCounts:
        """Delete the nightly records of every night before `window.before`; running it
        again deletes nothing more, and `daily_stats` is never touched."""
        names = {"before": window.before.isoformat(), "records": to_text(window.records_before)}
        async with self._db.transaction() as tx:

            async def run(sql: str) -> int:
                cursor = await tx.execute(sql, names)
                return cursor.rowcount

            about_old = ABOUT.format(
                matches=f"round_id IN ({OLD_ROUNDS})", requests=f"round_id IN ({OLD_ROUNDS})"
            )
            counts = PurgeCounts(
                notices=await run(
                    f"DELETE FROM outbox WHERE {about_old} OR (status IN ('sent', 'failed')"
                    " AND created_at < :records)"
                ),
                incidents=await run(
                    "UPDATE incidents SET body = '' WHERE body <> '' AND (created_at < :records"
                    f" OR match_id IN (SELECT id FROM matches WHERE round_id IN ({OLD_ROUNDS})))"
                ),
                matches=await run(f"DELETE FROM matches WHERE round_id IN ({OLD_ROUNDS})"),
                requests=await run(f"DELETE FROM requests WHERE round_id IN ({OLD_ROUNDS})"),
                # Offers go too: a round left with offers but no requests would recount as
                # nobody asking if its figures were ever refreshed.
                offers=await run(f"DELETE FROM offers WHERE round_id IN ({OLD_ROUNDS})"),
                pair_blocks=await run(
                    "DELETE FROM pair_blocks WHERE night IS NOT NULL AND night < :before"
                ),
                guests_anonymised=await run(
                    f"UPDATE guests AS g SET alias = '' WHERE alias <> '' AND {NO_REQUEST}"
                    f" AND {PERMANENT_BLOCK} AND created_at < :records"
                ),
                guests_deleted=await run(
                    f"DELETE FROM guests AS g WHERE {NO_REQUEST} AND NOT {PERMANENT_BLOCK}"
                    " AND created_at < :records"
                ),
                drafts=await run("DELETE FROM drafts WHERE updated_at < :records"),
                # Dispatchers' free texts (a move's note, a refusal's or a block's reason) may
                # name a guest; the decision itself stays in the log.
                audit_notes=await run(
                    "UPDATE audit_log SET detail = json_remove(detail, '$.note', '$.reason')"
                    " WHERE at < :records AND (json_extract(detail, '$.note') IS NOT NULL"
                    " OR json_extract(detail, '$.reason') IS NOT NULL)"
                ),
                updates=(
                    await tx.execute(
                        "DELETE FROM processed_updates WHERE processed_at < ?",
                        (to_text(window.updates_before),),
                    )
                ).rowcount,
            )
            if counts.personal:
                await audit(tx, now, None, "privacy.purge", "", asdict(counts))
        return counts

    async def busy(self, user_id: int, night: date) -> Busy:
        """Guests this person is to host from `night` on, and walk-ins they registered."""
        row = await self._db.one(
            "SELECT (SELECT COUNT(*) FROM matches m JOIN offers o ON o.id = m.offer_id"
            " JOIN hosts h ON h.id = o.host_id JOIN rounds r ON r.id = m.round_id"
            " WHERE h.user_id = :user AND r.night >= :night AND m.status IN"
            " ('proposed', 'confirmed', 'picked_up')), (SELECT COUNT(*) FROM requests q"
            " JOIN guests g ON g.id = q.guest_id JOIN rounds r ON r.id = q.round_id"
            " WHERE g.registered_by = :user AND g.user_id IS NULL AND r.night >= :night"
            " AND q.status <> 'withdrawn')",
            {"user": user_id, "night": night.isoformat()},
        )
        assert row is not None
        return Busy(int(row[0]), int(row[1]))

    async def forget(self, user_id: int, now: datetime) -> int:
        """Erase everything about one Telegram user at once; returns how many hosts were told
        that their guests withdrew. Only an audit entry without any id remains."""
        async with self._db.transaction() as tx:
            entry = await audit(tx, now, None, "user.forget")
            told = await _forget_as_guest(tx, user_id, entry, now)
            was_host = await _forget_as_host(tx, user_id)
            await _forget_traces(tx, user_id)
            detail = {"hosts_told": told, "host": was_host}
            await tx.execute(
                "UPDATE audit_log SET detail = ? WHERE id = ?", (json.dumps(detail), entry)
            )
        return told

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about this user, as plain values (for /mydata)."""
        async with self._db.reading() as db:
            return await export_user(db, user_id)


async def _forget_as_guest(
    tx: aiosqlite.Connection, user_id: int, entry: int, now: datetime
) -> int:
    """Their own guest record and the walk-ins they registered; a host expecting them is told."""
    mine = (
        "SELECT id FROM guests WHERE user_id = :user OR (user_id IS NULL AND registered_by = :user)"
    )
    live = [
        int(row[0])
        for row in await every(
            tx,
            "SELECT m.id FROM matches m JOIN requests q ON q.id = m.request_id WHERE q.guest_id IN"
            f" ({mine}) AND m.status IN ('proposed', 'confirmed')",
            {"user": user_id},
        )
    ]
    about = ABOUT.format(
        matches=f"request_id IN (SELECT id FROM requests WHERE guest_id IN ({mine}))",
        requests=f"guest_id IN ({mine})",
    )
    await tx.execute(f"DELETE FROM outbox WHERE {about}", {"user": user_id})
    for match_id in live:
        view = await view_in(tx, match_id)
        # The notice carries only the night: the match it was about is deleted below.
        key = f"forget:{entry}:{match_id}"
        await enqueue(tx, view.host_user_id, notices.GuestGone(view.night), key, now)
    await tx.execute(f"DELETE FROM guests WHERE id IN ({mine})", {"user": user_id})
    return len(live)


async def _forget_as_host(tx: aiosqlite.Connection, user_id: int) -> bool:
    """The profile, offers, pattern and sites; groups still matched to them wait again."""
    host = "SELECT o.id FROM offers o JOIN hosts h ON h.id = o.host_id WHERE h.user_id = :user"
    names = {"user": user_id}
    await tx.execute(
        "UPDATE requests SET status = 'waiting' WHERE status = 'matched' AND id IN (SELECT"
        f" request_id FROM matches WHERE offer_id IN ({host}) AND status IN ('proposed',"
        " 'confirmed'))",
        names,
    )
    about = ABOUT.format(matches=f"offer_id IN ({host})", requests="0")
    await tx.execute(f"DELETE FROM outbox WHERE {about}", names)
    cursor = await tx.execute("DELETE FROM hosts WHERE user_id = :user", names)
    return cursor.rowcount > 0


async def _forget_traces(tx: aiosqlite.Connection, user_id: int) -> None:
    """Every other place the id appears: deleted where it is theirs, blanked where a record
    must stay for others (an incident, an appeal, a block they decided)."""
    for sql in (
        "DELETE FROM outbox WHERE chat_id = :user",
        "DELETE FROM appeal_recipients WHERE chat_id = :user",
        "DELETE FROM boards WHERE chat_id = :user",
        "DELETE FROM invites WHERE created_by = :user OR used_by = :user",
        "DELETE FROM drafts WHERE user_id = :user",
        "DELETE FROM user_roles WHERE user_id = :user",
        "UPDATE user_roles SET granted_by = NULL WHERE granted_by = :user",
        "UPDATE incidents SET body = '', reporter_id = 0 WHERE reporter_id = :user",
        "UPDATE incidents SET handled_by = NULL WHERE handled_by = :user",
        "UPDATE appeals SET created_by = 0, progress_chat = NULL, progress_message = NULL"
        " WHERE created_by = :user",
        "UPDATE users SET blocked_by = NULL WHERE blocked_by = :user",
        "UPDATE audit_log SET actor_id = NULL WHERE actor_id = :user",
        "UPDATE audit_log SET subject = '' WHERE subject = 'user:' || :user",
        # A blocked person keeps a bare row, so erasing their data does not lift the block.
        "UPDATE users SET locale = NULL WHERE id = :user AND blocked_at IS NOT NULL",
        "DELETE FROM users WHERE id = :user AND blocked_at IS NULL",
    ):
        await tx.execute(sql, {"user": user_id})
