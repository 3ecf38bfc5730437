"""Privacy by design: the retention purge, erasing one person at their request, and what
/mydata shows. Each runs in one transaction (erasing in usecases/privacy's, which tells the
hosts who expected the person), so a crash never leaves half a person."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

import aiosqlite

from dispatch.readmodels import MatchView
from dispatch.retention import PurgeWindow
from storage.audit import write as audit
from storage.db import Database, every
from storage.export import export_user
from storage.matches import view_in
from storage.timestamps import to_text
from storage.tombstones import WITHOUT_NOTES, bury

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
    rides: int = 0  # with the host's address for that night
    requests: int = 0
    offers: int = 0
    shifts: int = 0
    guests_deleted: int = 0
    guests_anonymised: int = 0
    pair_blocks: int = 0
    incidents: int = 0
    notices: int = 0
    drafts: int = 0
    audit_notes: int = 0
    block_reasons: int = 0
    audit_subjects: int = 0
    people: int = 0  # Telegram ids gone: nobody's host or staff, not seen within retention
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
                    "UPDATE incidents SET body = '', reporter_id = 0, handled_by = NULL"
                    " WHERE (body <> '' OR reporter_id <> 0 OR handled_by IS NOT NULL)"
                    " AND (created_at < :records OR match_id IN (SELECT id FROM matches"
                    f" WHERE round_id IN ({OLD_ROUNDS})))"
                ),
                # A ride holds the host's address for tonight: it goes with the night.
                rides=await run(
                    "DELETE FROM rides WHERE match_id IN (SELECT id FROM matches"
                    f" WHERE round_id IN ({OLD_ROUNDS}))"
                ),
                matches=await run(f"DELETE FROM matches WHERE round_id IN ({OLD_ROUNDS})"),
                requests=await run(f"DELETE FROM requests WHERE round_id IN ({OLD_ROUNDS})"),
                # Offers go too: a round left with offers but no requests would recount as
                # nobody asking if its figures were ever refreshed.
                offers=await run(f"DELETE FROM offers WHERE round_id IN ({OLD_ROUNDS})"),
                # A driver's shifts are nightly records too (their rides went with the matches).
                shifts=await run(f"DELETE FROM shifts WHERE round_id IN ({OLD_ROUNDS})"),
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
                drafts=await run("DELETE FROM drafts WHERE updated_at < :records")
                + await run("DELETE FROM alert_marks WHERE at < :records"),
                # Dispatchers' free texts (a move's note, a refusal's or a block's reason) may
                # name a guest; the decision itself stays in the log.
                audit_notes=await run(
                    "UPDATE audit_log SET detail = json_remove(detail, '$.note', '$.reason')"
                    " WHERE at < :records AND (json_extract(detail, '$.note') IS NOT NULL"
                    " OR json_extract(detail, '$.reason') IS NOT NULL)"
                ),
                block_reasons=await run(
                    "UPDATE users SET blocked_reason = NULL, blocked_by = NULL"
                    " WHERE blocked_at < :records AND (blocked_reason IS NOT NULL"
                    " OR blocked_by IS NOT NULL)"
                )
                + await run(
                    "UPDATE hosts SET status_reason = NULL WHERE status_reason IS NOT NULL"
                    " AND updated_at < :records"
                ),
                audit_subjects=await run(
                    "UPDATE audit_log SET subject = '' WHERE at < :records"
                    " AND subject LIKE 'user:%'"
                ),
                people=await _purge_people(tx, now, names["records"]),
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

    async def busy(self, user_id: int, nights: Mapping[int, date]) -> Busy:
        """Guests this person is to host, and walk-ins they registered, from the night in
        progress at each site on (`nights`, by site)."""
        hosting = walk_ins = 0
        for site_id, night in nights.items():
            row = await self._db.one(
                "SELECT (SELECT COUNT(*) FROM matches m JOIN offers o ON o.id = m.offer_id"
                " JOIN hosts h ON h.id = o.host_id JOIN rounds r ON r.id = m.round_id"
                " WHERE h.user_id = :user AND r.site_id = :site AND r.night >= :night"
                " AND m.status IN ('proposed', 'confirmed', 'picked_up')), (SELECT COUNT(*)"
                " FROM requests q JOIN guests g ON g.id = q.guest_id JOIN rounds r"
                " ON r.id = q.round_id WHERE g.registered_by = :user AND g.user_id IS NULL"
                " AND r.site_id = :site AND r.night >= :night AND q.status <> 'withdrawn')",
                {"user": user_id, "site": site_id, "night": night.isoformat()},
            )
            assert row is not None
            hosting, walk_ins = hosting + int(row[0]), walk_ins + int(row[1])
        return Busy(hosting, walk_ins)

    async def export(self, user_id: int) -> dict[str, Any]:
        """Everything stored about this user, as plain values (for /mydata)."""
        async with self._db.reading() as db:
            return await export_user(db, user_id)


@dataclass(frozen=True)
class Forgotten:
    """One person erased: the audit entry that remains, and the stays that expected them as a
    guest (read before they went), so that the use case may tell those hosts."""

    entry: int
    expecting: tuple[MatchView, ...]


async def forget(tx: aiosqlite.Connection, user_id: int, now: datetime) -> Forgotten:
    """Erase everything about one Telegram user in the caller's transaction. Only an audit
    entry without any id remains."""
    entry = await audit(tx, now, None, "user.forget")
    await bury(tx, ":user", {"user": user_id, "day": now.date().isoformat()})
    expecting = await _forget_as_guest(tx, user_id)
    was_host = await _forget_as_host(tx, user_id)
    await _forget_traces(tx, ":user", {"user": user_id})
    detail = {"hosts_told": len(expecting), "host": was_host}
    await tx.execute("UPDATE audit_log SET detail = ? WHERE id = ?", (json.dumps(detail), entry))
    return Forgotten(entry, expecting)


async def _purge_people(tx: aiosqlite.Connection, now: datetime, records: str) -> int:
    """Everyone not seen within retention who is neither a host, a driver nor staff and whose
    nights are gone: their Telegram id and last-seen date go; a block or a pair never to match
    again stays as a tombstone. Set-based (a handful of statements, however many people)."""
    await tx.execute("CREATE TEMP TABLE IF NOT EXISTS purge_people (id INTEGER PRIMARY KEY)")
    await tx.execute("DELETE FROM temp.purge_people")
    cursor = await tx.execute(
        "INSERT INTO temp.purge_people (id) SELECT id FROM users u WHERE last_seen_at < ?"
        " AND NOT EXISTS (SELECT 1 FROM hosts h WHERE h.user_id = u.id)"
        " AND NOT EXISTS (SELECT 1 FROM drivers d WHERE d.user_id = u.id)"
        " AND NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id)"
        # A night still kept keeps its guest (their request goes with the night).
        " AND NOT EXISTS (SELECT 1 FROM guests g JOIN requests q ON q.guest_id = g.id"
        " WHERE g.user_id = u.id)",
        (records,),
    )
    who = "SELECT id FROM temp.purge_people"
    await bury(tx, who, {"day": now.date().isoformat()})
    await _forget_traces(tx, who, {})
    await tx.execute("DELETE FROM temp.purge_people")
    return cursor.rowcount


async def _forget_as_guest(tx: aiosqlite.Connection, user_id: int) -> tuple[MatchView, ...]:
    """Their own guest record and the walk-ins they registered; the stays still expecting
    them (proposed or confirmed), as they were."""
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
    expecting = tuple([await view_in(tx, match_id) for match_id in live])
    await tx.execute(f"DELETE FROM guests WHERE id IN ({mine})", {"user": user_id})
    return expecting


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


async def _forget_traces(tx: aiosqlite.Connection, who: str, names: Mapping[str, object]) -> None:
    """Every other place the ids `who` selects appear: deleted where they are theirs, blanked
    where a record must stay for others (an incident, an appeal, a block they decided)."""
    for sql in (
        "DELETE FROM outbox WHERE chat_id IN ({who})",
        "DELETE FROM appeal_recipients WHERE chat_id IN ({who})",
        "DELETE FROM boards WHERE chat_id IN ({who})",
        "DELETE FROM invites WHERE created_by IN ({who}) OR used_by IN ({who})",
        "DELETE FROM drafts WHERE user_id IN ({who})",
        "DELETE FROM user_roles WHERE user_id IN ({who})",
        "UPDATE user_roles SET granted_by = NULL WHERE granted_by IN ({who})",
        "UPDATE incidents SET body = '', reporter_id = 0 WHERE reporter_id IN ({who})",
        "UPDATE incidents SET handled_by = NULL WHERE handled_by IN ({who})",
        "UPDATE appeals SET created_by = 0, progress_chat = NULL, progress_message = NULL"
        " WHERE created_by IN ({who})",
        "UPDATE users SET blocked_by = NULL WHERE blocked_by IN ({who})",
        "UPDATE audit_log SET actor_id = NULL WHERE actor_id IN ({who})",
        # A dispatcher's reason for blocking them names them: it goes with the id.
        f"UPDATE audit_log SET subject = '', detail = {WITHOUT_NOTES}"
        " WHERE subject IN (SELECT 'user:' || id FROM users WHERE id IN ({who}))",
        # The block itself outlives this as a tombstone (bury), never as the id.
        "DELETE FROM users WHERE id IN ({who})",
    ):
        await tx.execute(sql.replace("{who}", who), names)
