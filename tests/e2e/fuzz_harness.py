"""Plays fuzz actions against the running bot and checks each one as it goes.

After every update: it was processed (its id is in processed_updates), nothing was logged at
ERROR (the error handler logs before it apologises), a private message got an answer in the
user's language, and a redelivered update changed nothing.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from bot.i18n import resolve_locale
from emulator import BotApiEmulator, FakeUser
from emulator.driver import text_fields
from emulator.state import ChatRecord, JsonDict
from tests.e2e.fuzz_actions import (
    CHANNEL_ID,
    GROUP_ID,
    PEOPLE,
    button_data,
    delivered_texts,
    media_fields,
    press_button,
)

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
_WORD = re.compile(r"[^\W\d_]{4,}")
_PLACEHOLDER = re.compile(r"\{[^}]*\}|<[^>]*>")
Push = Callable[[], JsonDict]


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(_PLACEHOLDER.sub(" ", text))}


@cache
def distinctive_words() -> dict[str, frozenset[str]]:
    """Per locale, the words its catalog uses and no other catalog does."""
    words: dict[str, set[str]] = {}
    for locale in ("fr", "nl", "en", "ar"):
        with open(LOCALES_DIR / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
            catalog = read_po(po)
        found: set[str] = set()
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strs = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in ids if locale == "en" else strs:
                found |= _words(text or "")
        words[locale] = found
    return {
        locale: frozenset(own - set().union(*(w for other, w in words.items() if other != locale)))
        for locale, own in words.items()
    }


def spoken_in(texts: list[str]) -> set[str]:
    """The locales whose distinctive words appear in these texts."""
    found = set().union(*(_words(text) for text in texts)) if texts else set()
    return {locale for locale, own in distinctive_words().items() if found & own}


class ErrorLog(logging.Handler):
    """Collects every ERROR record: the global error handler logs one per failure."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def describe(self) -> str:
        formatter = logging.Formatter("%(name)s: %(message)s")
        return "\n".join(formatter.format(record) for record in self.records)


class Fuzzer:
    """One bot, many actions; `history` holds every update pushed, for redelivery."""

    def __init__(
        self, emulator: BotApiEmulator, database: Path, errors: ErrorLog, cast: list[int]
    ) -> None:
        self.emulator = emulator
        self.cast = cast
        self.errors = errors
        self.db = sqlite3.connect(database, isolation_level=None)
        self.history: list[JsonDict] = []
        self.users = {
            uid: emulator.user(uid, f"U{uid}", language_code=code) for uid, code in PEOPLE.items()
        }
        self.group = emulator.group(GROUP_ID, "Dispatch")
        state = emulator.state
        state.chats.setdefault(CHANNEL_ID, ChatRecord(CHANNEL_ID, "channel", title="News"))

    async def play(self, action: tuple[Any, ...]) -> None:
        """Play one action, then check what the bot did with it."""
        kind, rest = action[0], action[1:]
        if kind == "duplicate":
            await self._duplicate(rest[0])
        elif kind.startswith(("group_", "channel_")):
            for update in self._public(kind, *rest):
                await self._settle(update, action)
        else:
            user = self.users[self.cast[rest[0]]]
            for push, answered in self._private(kind, user, *rest[1:]):
                await self._answered(user, push, answered, action)

    def _private(self, kind: str, user: FakeUser, *args: Any) -> list[tuple[Push, bool]]:
        """How to push each private update; the flag says whether it must be answered."""
        state = self.emulator.state
        if kind in ("button", "forged") and not user.messages:
            return [(partial(self._push_text, user, "/start"), True)]
        if kind == "text":
            return [
                (partial(self._push_text, user, part), True) for part in delivered_texts(args[0])
            ]
        if kind == "command":
            name, payload = args
            text = f"/{name} {payload}".strip() if payload else f"/{name}"
            return [(partial(self._push_text, user, part), True) for part in delivered_texts(text)]
        if kind == "edit":
            return self._edit(user, *args)
        if kind in ("sticker", "photo", "location"):
            fields = media_fields(kind, state.next_id(), *args)
            return [(partial(self._push_message, user, fields), True)]
        message_index, data_or_index, flag = args
        target = user.messages[message_index % len(user.messages)]
        if kind == "button":
            # Mostly the newest keyboard, to walk deep into the forms; sometimes an old one.
            recent = [m for m in user.messages[-3:] if button_data(m.reply_markup, 0)]
            if recent and not flag:
                target = recent[message_index % len(recent)]
            data = button_data(target.reply_markup, data_or_index)
            if data is None:
                return self._reply_button(user, data_or_index)
        else:
            data = data_or_index
        return [
            (partial(press_button, self.emulator, user, target.message_id, data, old=flag), True)
        ]

    def _reply_button(self, user: FakeUser, index: int) -> list[tuple[Push, bool]]:
        """A reply keyboard's button sends its label, or the location it asks for."""
        markup = self.emulator.state.chats[user.id].reply_keyboard or {}
        buttons = [b for row in markup.get("keyboard", []) for b in row]
        if not buttons:
            return []
        button = buttons[index % len(buttons)]
        if isinstance(button, dict) and button.get("request_location"):
            fields = media_fields("location", 0, 50.85, 4.35)
            return [(partial(self._push_message, user, fields), True)]
        label = button["text"] if isinstance(button, dict) else str(button)
        return [(partial(self._push_text, user, label), True)]

    def _push_text(self, user: FakeUser, text: str) -> JsonDict:
        return self._push_message(user, text_fields(text))

    def _push_message(self, user: FakeUser, fields: JsonDict) -> JsonDict:
        state = self.emulator.state
        user.record.started = True
        message = state.user_message_dict(state.chats[user.id], user.record, **fields)
        return state.updates.push("message", message)

    def _edit(self, user: FakeUser, index: int, text: str) -> list[tuple[Push, bool]]:
        chat = self.emulator.state.chats[user.id]
        own = [m for m in chat.stored.values() if m.get("from", {}).get("id") == user.id]
        texts = [m for m in own if "text" in m]
        parts = delivered_texts(text)
        if not texts or not parts:
            return []
        stored = texts[index % len(texts)]
        stored.pop("entities", None)
        stored.update(text_fields(parts[0]), edit_date=self.emulator.state.now())
        # An edit is no new message: ignoring it is a fine answer.
        return [(partial(self.emulator.state.updates.push, "edited_message", dict(stored)), False)]

    def _public(self, kind: str, *args: Any) -> list[JsonDict]:
        state = self.emulator.state
        if kind == "channel_post":
            chat = state.chats[CHANNEL_ID]
            post = {
                "message_id": chat.take_message_id(),
                "sender_chat": chat.as_dict(),
                "chat": chat.as_dict(),
                "date": state.now(),
                "text": args[0],
            }
            return [state.updates.push("channel_post", post)]
        user = self.users[self.cast[args[0]]]
        chat = state.chats[GROUP_ID]
        if kind == "group_forged":
            if not self.group.messages:
                return []
            target = self.group.messages[args[1] % len(self.group.messages)]
            return [press_button(self.emulator, user, target.message_id, args[2], chat=chat)]
        if kind == "group_sticker":
            fields = media_fields("sticker", state.next_id())
            return [
                state.updates.push("message", state.user_message_dict(chat, user.record, **fields))
            ]
        text = args[1] if kind == "group_text" else f"/{args[1]} {args[2] or ''}".strip()
        return [
            state.updates.push(
                "message", state.user_message_dict(chat, user.record, **text_fields(part))
            )
            for part in delivered_texts(text)
        ]

    async def _answered(
        self, user: FakeUser, push: Push, must_answer: bool, action: tuple[Any, ...]
    ) -> None:
        chat = self.emulator.state.chats[user.id]
        events, toasts = len(chat.events), len(user.callback_answers)
        update = push()
        await self._settle(update, action)
        replies = [str(e.plain_text or "") for e in chat.events[events:]]
        toast = [str(a.get("text") or "") for a in user.callback_answers[toasts:]]
        if "callback_query" in update:
            assert toast or replies, f"button press left unanswered: {action!r}"
            assert len(user.callback_answers) - toasts <= 1, f"answered twice: {action!r}"
        elif must_answer:
            assert replies, f"no answer to {action!r}"
        self._check_language(user, replies + toast, action)

    def _check_language(self, user: FakeUser, texts: list[str], action: tuple[Any, ...]) -> None:
        row = self.db.execute("SELECT locale FROM users WHERE id = ?", (user.id,)).fetchone()
        expected = resolve_locale(row[0] if row else None, user.record.language_code, "en")
        spoken = spoken_in(texts)
        assert not spoken or expected in spoken, (
            f"answered in {sorted(spoken)}, not {expected}, to {action!r}: {texts!r}"
        )

    async def _settle(self, update: JsonDict, action: tuple[Any, ...]) -> None:
        """Wait until the bot recorded the update as processed; fail on any logged error."""
        self.history.append(update)
        await self._processed(update["update_id"])
        assert not self.errors.records, f"{action!r} raised:\n{self.errors.describe()}"

    async def _processed(self, update_id: int) -> None:
        query = "SELECT 1 FROM processed_updates WHERE update_id = ?"
        for _ in range(3000):
            if self.db.execute(query, (update_id,)).fetchone():
                return
            await asyncio.sleep(0.005)
        raise AssertionError(f"update {update_id} was never processed")

    async def _duplicate(self, index: int) -> None:
        """Redeliver an old update: nothing may be sent or answered again."""
        if not self.history:
            return
        update = self.history[index % len(self.history)]
        before = {cid: len(chat.events) for cid, chat in self.emulator.state.chats.items()}
        answers = sum(map(len, self.emulator.state.callback_answers.values()))
        self.emulator.state.updates.redeliver(update)
        await self._sentinel()
        after = {cid: len(chat.events) for cid, chat in self.emulator.state.chats.items()}
        assert after == before, f"redelivered update {update['update_id']} was handled again"
        assert answers == sum(map(len, self.emulator.state.callback_answers.values()))
        assert not self.errors.records, f"redelivery raised:\n{self.errors.describe()}"

    async def _sentinel(self) -> None:
        """A channel post the bot ignores: once it is processed, everything before it is."""
        sentinel = self._public("channel_post", "·")[0]
        await self._processed(sentinel["update_id"])

    def check_database(self) -> None:
        """SQLite's own checks: pages, indexes and every foreign key."""
        assert self.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert self.db.execute("PRAGMA foreign_key_check").fetchall() == []

    def close(self) -> None:
        self.db.close()
