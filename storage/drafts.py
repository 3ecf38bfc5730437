"""Unfinished forms, one per user, so a restart or another command never loses an answer."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from dispatch.models import Draft
from storage.db import Database
from storage.timestamps import to_text


class DraftRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> Draft | None:
        row = await self._db.one("SELECT form, answers FROM drafts WHERE user_id = ?", (user_id,))
        return Draft(user_id, row["form"], json.loads(row["answers"])) if row else None

    async def save(self, user_id: int, form: str, answers: dict[str, Any], now: datetime) -> None:
        await self._db.write(
            "INSERT INTO drafts (user_id, form, answers, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET form = excluded.form,"
            " answers = excluded.answers, updated_at = excluded.updated_at",
            (user_id, form, json.dumps(answers, ensure_ascii=False), to_text(now)),
        )

    async def delete(self, user_id: int) -> bool:
        return await self._db.write("DELETE FROM drafts WHERE user_id = ?", (user_id,)) > 0
