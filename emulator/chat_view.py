"""What a test sees of one chat: the bot's messages, in order, with waiting helpers.

Each view keeps its own cursor into the chat's timeline, so ``next_message`` returns every
new message and every edit exactly once, in the order the bot produced them.
"""

from __future__ import annotations

import asyncio
import secrets

from emulator.bot_message import BotMessage
from emulator.markup import find_button, inline_rows, reply_rows
from emulator.state import ChatRecord, EmulatorState, JsonDict, UserRecord

RECENT = 5
DEFAULT_LOCATION = (50.8503, 4.3517)


class ChatView:
    """Read side of a chat plus the button-pressing logic shared by users and groups."""

    def __init__(self, state: EmulatorState, chat: ChatRecord) -> None:
        self._state = state
        self._chat = chat
        self._cursor = 0

    @property
    def chat_id(self) -> int:
        """The chat's id (a private chat's id equals its user's id)."""
        return self._chat.id

    @property
    def messages(self) -> list[BotMessage]:
        """Every bot message still in the chat, edits applied, oldest first."""
        return list(self._chat.bot_messages.values())

    def _recent(self) -> str:
        events = self._chat.events[-RECENT:]
        if not events:
            return "  (the bot has sent nothing to this chat)"
        return "\n".join(f"  {event.describe()}" for event in events)

    async def next_message(self, timeout: float = 5.0) -> BotMessage:
        """The next new message or edit since the previous call; AssertionError on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._cursor >= len(self._chat.events):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"no new bot message in chat {self.chat_id} within {timeout}s; "
                    f"last messages:\n{self._recent()}"
                )
            await self._chat.notifier.wait(remaining)
        event = self._chat.events[self._cursor]
        self._cursor += 1
        return event

    async def expect_silence(self, within: float = 0.3) -> None:
        """Fail if the bot sends or edits anything here (or left anything unread)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            unread = self._chat.events[self._cursor :]
            if unread:
                lines = "\n".join(f"  {event.describe()}" for event in unread)
                raise AssertionError(
                    f"expected silence in chat {self.chat_id}, but the bot sent:\n{lines}"
                )
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            await self._chat.notifier.wait(remaining)

    def _press_inline(
        self, user: UserRecord, label: str, message: BotMessage | None
    ) -> JsonDict | None:
        """Push a callback_query for the button, or return None if no message has it."""
        if message is not None:
            current = self._chat.bot_messages.get(message.message_id)
            if current is None:
                raise LookupError(f"message #{message.message_id} is no longer in the chat")
            candidates = [current]
        else:
            candidates = list(reversed(self._chat.bot_messages.values()))
        for candidate in candidates:
            button = find_button(inline_rows(candidate.reply_markup), label)
            if button is None:
                continue
            data = button.get("callback_data")
            if not isinstance(data, str):
                raise LookupError(f"button {label!r} has no callback_data: {button}")
            return self._push_callback(user, candidate, data)
        return None

    def _push_callback(self, user: UserRecord, message: BotMessage, data: str) -> JsonDict:
        # Telegram's query ids are unique 64-bit numbers, never reused across bot restarts.
        query_id = str(secrets.randbits(63))
        self._state.pending_callbacks[query_id] = user.id
        payload = {
            "id": query_id,
            "from": user.as_dict(),
            "message": dict(self._chat.stored[message.message_id]),
            "chat_instance": str(abs(self.chat_id) * 7919 % 10**12),
            "data": data,
        }
        return self._state.updates.push("callback_query", payload)

    def _reply_button(self, label: str) -> JsonDict | None:
        return find_button(reply_rows(self._chat.reply_keyboard), label)

    def _no_button(self, label: str) -> LookupError:
        inline = [m.buttons for m in self.messages if inline_rows(m.reply_markup)]
        reply = [[b.get("text") for b in row] for row in reply_rows(self._chat.reply_keyboard)]
        return LookupError(
            f"no button {label!r} in chat {self.chat_id}; inline keyboards (oldest first): "
            f"{inline}; reply keyboard: {reply}"
        )
