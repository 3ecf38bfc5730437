"""Everything the emulated Telegram remembers: users, chats, messages and bot settings.

Methods mutate it on behalf of the bot, the driver on behalf of users, and tests read it.
All of it lives on one event loop, so no locking is needed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from emulator.bot_message import BotMessage
from emulator.errors import ApiError
from emulator.notify import Notifier
from emulator.updates import UpdateQueue

JsonDict = dict[str, Any]


@dataclass
class UserRecord:
    """A Telegram user; ``started`` once they wrote to the bot, ``blocked`` while they block it."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    started: bool = False
    blocked: bool = False

    def as_dict(self) -> JsonDict:
        """The User object, omitting absent optional fields like Telegram does."""
        data: JsonDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass
class ChatRecord:
    """One chat: every stored message, the bot's messages as now shown, and their history."""

    id: int
    type: str
    title: str | None = None
    user: UserRecord | None = None
    next_message_id: int = 1
    stored: dict[int, JsonDict] = field(default_factory=dict)
    bot_messages: dict[int, BotMessage] = field(default_factory=dict)
    events: list[BotMessage] = field(default_factory=list)
    reply_keyboard: JsonDict | None = None
    members: set[int] = field(default_factory=set)
    notifier: Notifier = field(default_factory=Notifier)

    def as_dict(self) -> JsonDict:
        """The Chat object embedded in messages."""
        data: JsonDict = {"id": self.id, "type": self.type}
        if self.user is not None:
            data.update({k: v for k, v in self.user.as_dict().items() if k in _CHAT_USER_KEYS})
        else:
            data["title"] = self.title or ""
        return data

    def take_message_id(self) -> int:
        """Message ids are per chat and shared by the bot's and the users' messages."""
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def add_event(self, message: BotMessage) -> None:
        """Record a new bot message or an edit, and wake drivers waiting for it."""
        self.events.append(message)
        self.bot_messages[message.message_id] = message
        if not message.edited and message.reply_markup:
            if "keyboard" in message.reply_markup:
                self.reply_keyboard = message.reply_markup
            elif message.reply_markup.get("remove_keyboard"):
                self.reply_keyboard = None
        self.notifier.notify()


_CHAT_USER_KEYS = ("first_name", "last_name", "username")


class EmulatorState:
    """The emulated server's memory, shared by the HTTP side and the driver side."""

    def __init__(
        self, token: str, bot_username: str, bot_first_name: str, clock: Callable[[], float]
    ) -> None:
        prefix = token.split(":", 1)[0]
        self.bot_user: JsonDict = {
            "id": int(prefix) if prefix.isdigit() else 123456,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.clock = clock
        self.token = token  # Mini Apps' initData is signed with it
        self.users: dict[int, UserRecord] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.updates = UpdateQueue()
        self.calls: list[tuple[str, JsonDict]] = []
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.menu_buttons: dict[int | None, JsonDict] = {}
        self.webhook_url = ""
        self.webhook_secret = ""  # sent back in X-Telegram-Bot-Api-Secret-Token
        self.pending_callbacks: dict[str, int] = {}
        self.callback_answers: dict[int, list[JsonDict]] = {}
        self.files: dict[str, bytes] = {}
        self.rate_limited = 0
        self.posts: list[tuple[float, int]] = []  # (clock time, chat id) of each bot message
        self._ids = itertools.count(1)

    def now(self) -> int:
        """Unix time from the injected clock, as Telegram's integer ``date``."""
        return int(self.clock())

    def next_id(self) -> int:
        """A process-unique number for callback query ids and file ids."""
        return next(self._ids)

    def ensure_user(self, user_id: int, first_name: str) -> UserRecord:
        """The user with this id, created along with their private chat if new."""
        user = self.users.get(user_id)
        if user is None:
            user = UserRecord(user_id, first_name)
            self.users[user_id] = user
            self.chats[user_id] = ChatRecord(user_id, "private", user=user)
        return user

    def ensure_group(self, chat_id: int, title: str) -> ChatRecord:
        """The group with this id; ids starting with -100 are supergroups, as in Telegram."""
        chat = self.chats.get(chat_id)
        if chat is None:
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            chat = ChatRecord(chat_id, kind, title=title)
            self.chats[chat_id] = chat
        return chat

    def chat(self, chat_id: object) -> ChatRecord:
        """Look up a chat the bot may know about, else Telegram's ``chat not found``."""
        chat = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise ApiError.bad_request("chat not found")
        return chat

    def writable_chat(self, chat_id: object) -> ChatRecord:
        """A chat the bot may post to now; private chats need a started, unblocked user."""
        chat = self.chat(chat_id)
        if chat.user is not None:
            if chat.user.blocked:
                raise ApiError.forbidden("bot was blocked by the user")
            if not chat.user.started:
                raise ApiError.forbidden("bot can't initiate conversation with a user")
        return chat

    def bot_message_dict(self, chat: ChatRecord, **fields: Any) -> JsonDict:
        """A new Message from the bot in ``chat``, stored and returned."""
        message: JsonDict = {
            "message_id": chat.take_message_id(),
            "from": self.bot_user,
            "chat": chat.as_dict(),
            "date": self.now(),
            **fields,
        }
        chat.stored[message["message_id"]] = message
        self.posts.append((self.clock(), chat.id))
        return message

    def user_message_dict(self, chat: ChatRecord, user: UserRecord, **fields: Any) -> JsonDict:
        """A new Message from a user in ``chat``, stored and returned."""
        message: JsonDict = {
            "message_id": chat.take_message_id(),
            "from": user.as_dict(),
            "chat": chat.as_dict(),
            "date": self.now(),
            **fields,
        }
        chat.stored[message["message_id"]] = message
        chat.members.add(user.id)
        return message
