"""Users: the Telegram id, the saved language and the roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from dispatch.accounts import Account, Role
from storage.db import Database
from storage.timestamps import from_text, to_text
from storage.tombstones import BLOCKED_AGAIN


@dataclass(frozen=True)
class Grant:
    user_id: int
    role: Role
    site_id: int | None  # None: every site
    granted_at: datetime


SEEN_PRECISION = timedelta(minutes=10)


class UserRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def touch(
        self, user_id: int, now: datetime, telegram_locale: str | None = None
    ) -> Account:
        """Record that the user was seen (creating them on first contact) and return them.

        `telegram_locale`: the language their Telegram app reports now, already one of ours
        (None: not reported, the last one is kept); messages sent later speak it.
        Seen is kept to SEEN_PRECISION: coarser says less about a person, and most updates
        then need no write at all (one writer serves the whole bot)."""
        known = await self._read(user_id)
        # Instants are stored as UTC ISO text, which compares in time order.
        recent = to_text(now - SEEN_PRECISION)
        if (
            known is not None
            and not known[0].unreachable
            and known[1] > recent
            and telegram_locale in (None, known[0].telegram_locale)
        ):
            return known[0]
        # Someone blocked who erased their data is blocked again on coming back (tombstones).
        await self._db.write(
            "INSERT INTO users (id, created_at, last_seen_at, blocked_at, telegram_locale) VALUES"
            f" (:user, :now, :now, {BLOCKED_AGAIN}, :locale) ON CONFLICT (id) DO UPDATE SET"
            " last_seen_at = excluded.last_seen_at, unreachable = 0,"
            " telegram_locale = IFNULL(excluded.telegram_locale, telegram_locale)",
            {"user": user_id, "now": to_text(now), "locale": telegram_locale},
        )
        account = await self.get(user_id)
        assert account is not None
        return account

    async def get(self, user_id: int) -> Account | None:
        known = await self._read(user_id)
        return known[0] if known else None

    async def _read(self, user_id: int) -> tuple[Account, str] | None:
        """The account and when the user was last seen, in one read."""
        rows = await self._db.every(
            "SELECT u.locale, u.telegram_locale, u.unreachable, u.blocked_at, u.last_seen_at,"
            " g.role, g.site_id"
            " FROM users u LEFT JOIN user_roles g ON g.user_id = u.id WHERE u.id = ?",
            (user_id,),
        )
        if not rows:
            return None
        row = rows[0]
        grants = [g for g in rows if g["role"] is not None]
        roles = frozenset(Role(g["role"]) for g in grants)
        sites = (
            None
            if any(g["site_id"] is None for g in grants)
            else frozenset(int(g["site_id"]) for g in grants)
        )
        account = Account(
            user_id,
            row["locale"],
            roles,
            bool(row["unreachable"]),
            sites,
            blocked=row["blocked_at"] is not None,
            telegram_locale=row["telegram_locale"],
        )
        return account, str(row["last_seen_at"])

    async def set_locale(self, user_id: int, locale: str, now: datetime) -> None:
        await self._db.write(
            "INSERT INTO users (id, locale, created_at, last_seen_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET locale = excluded.locale",
            (user_id, locale, to_text(now), to_text(now)),
        )

    async def grant(
        self,
        user_id: int,
        role: Role,
        now: datetime,
        *,
        site_id: int | None = None,
        granted_by: int | None = None,
    ) -> None:
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO users (id, created_at, last_seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING",
                (user_id, to_text(now), to_text(now)),
            )
            await tx.execute(
                "INSERT OR IGNORE INTO user_roles (user_id, role, site_id, granted_by, granted_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (user_id, role.value, site_id, granted_by, to_text(now)),
            )

    async def holders(self, role: Role) -> list[Grant]:
        """Everyone holding a role, with the site of each grant (None: every site)."""
        rows = await self._db.every(
            "SELECT user_id, site_id, granted_at FROM user_roles WHERE role = ?"
            " ORDER BY user_id, IFNULL(site_id, 0)",
            (role.value,),
        )
        return [Grant(r["user_id"], role, r["site_id"], from_text(r["granted_at"])) for r in rows]

    async def mark_unreachable(self, user_id: int) -> None:
        """The user blocked the bot: stop sending until they write again."""
        await self._db.write("UPDATE users SET unreachable = 1 WHERE id = ?", (user_id,))

    async def count(self) -> int:
        """How many people have ever written to the bot (for the dispatchers' overview)."""
        row = await self._db.one("SELECT COUNT(*) FROM users")
        return int(row[0]) if row else 0
