"""Play Telegram users in tests: send messages, press buttons, block the bot.

Every action enqueues the update Telegram would deliver and returns it; the bot picks it up
through getUpdates like in production.
"""

from __future__ import annotations

import re
from typing import Any

from emulator import webapp
from emulator.bot_message import BotMessage
from emulator.chat_view import DEFAULT_LOCATION, ChatView
from emulator.markup import find_button, inline_rows
from emulator.state import ChatRecord, EmulatorState, JsonDict, UserRecord

_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")


def text_fields(text: str) -> JsonDict:
    """Message fields for typed text; a leading /command gets its bot_command entity."""
    fields: JsonDict = {"text": text}
    match = _COMMAND_RE.match(text)
    if match and (match.end() == len(text) or text[match.end()].isspace()):
        fields["entities"] = [{"type": "bot_command", "offset": 0, "length": match.end()}]
    return fields


def command_text(name: str, payload: str | None = None) -> str:
    """``/name`` or ``/name payload``, as a user would type it."""
    return f"/{name} {payload}" if payload else f"/{name}"


class FakeUser(ChatView):
    """A user in a private chat with the bot (chat id == user id)."""

    def __init__(self, state: EmulatorState, user: UserRecord) -> None:
        super().__init__(state, state.chats[user.id])
        self.record = user

    @property
    def id(self) -> int:
        """The user's id."""
        return self.record.id

    @property
    def callback_answers(self) -> list[JsonDict]:
        """answerCallbackQuery parameters for this user's presses, in order."""
        return self._state.callback_answers.setdefault(self.id, [])

    def _message(self, **fields: Any) -> JsonDict:
        """A new private message; writing (re)opens the chat like the client's Restart."""
        if self.record.blocked:
            self.unblock()
        self.record.started = True
        message = self._state.user_message_dict(self._chat, self.record, **fields)
        return self._state.updates.push("message", dict(message))

    async def send(self, text: str) -> JsonDict:
        """Type a text message."""
        return self._message(**text_fields(text))

    async def command(self, name: str, payload: str | None = None) -> JsonDict:
        """Send ``/name`` (plus an optional argument)."""
        return await self.send(command_text(name, payload))

    async def start(self, payload: str | None = None) -> JsonDict:
        """Open the bot, optionally through a ``t.me/bot?start=payload`` deep link."""
        return await self.command("start", payload)

    async def share_location(self, latitude: float, longitude: float) -> JsonDict:
        """Send a location."""
        return self._message(location={"latitude": latitude, "longitude": longitude})

    async def send_sticker(self) -> JsonDict:
        """Send a minimal regular sticker."""
        file_id = f"emu-sticker-{self._state.next_id()}"
        sticker = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
            "emoji": "👍",
        }
        return self._message(sticker=sticker)

    async def send_photo(self, caption: str | None = None) -> JsonDict:
        """Send a minimal photo, optionally captioned."""
        file_id = f"emu-userphoto-{self._state.next_id()}"
        photo = [
            {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "width": 640,
                "height": 480,
                "file_size": 1024,
            }
        ]
        extra = {"caption": caption} if caption else {}
        return self._message(photo=photo, **extra)

    async def edit(self, update_or_message_id: JsonDict | int, text: str) -> JsonDict:
        """Edit a text message this user sent; enqueues an edited_message update."""
        message_id = _message_id(update_or_message_id)
        stored = self._chat.stored.get(message_id)
        if stored is None or stored.get("from", {}).get("id") != self.id:
            raise LookupError(f"user {self.id} has no message #{message_id} to edit")
        stored.pop("entities", None)
        stored.update(text_fields(text))
        stored["edit_date"] = self._state.now()
        return self._state.updates.push("edited_message", dict(stored))

    async def press(
        self,
        label: str,
        *,
        message: BotMessage | None = None,
        location: tuple[float, float] = DEFAULT_LOCATION,
    ) -> JsonDict:
        """Press a button by its exact label: inline (newest message first), else reply."""
        update = self._press_inline(self.record, label, message)
        if update is not None:
            return update
        button = self._reply_button(label) if message is None else None
        if button is None:
            raise self._no_button(label)
        if button.get("request_location"):
            return await self.share_location(*location)
        return await self.send(label)

    async def press_data(self, data: str, *, message: BotMessage | None = None) -> JsonDict:
        """Send a button press carrying any data: a stale button, or a forged one.

        Telegram delivers whatever callback_data a client sends; the bot must cope.
        """
        target = message or (self.messages[-1] if self.messages else None)
        if target is None:
            raise LookupError(f"the bot has sent nothing to chat {self.chat_id} to press on")
        return self._push_callback(self.record, target, data)

    def web_app_init_data(self, auth_date: int | None = None) -> str:
        """The initData Telegram would sign for this user opening a Mini App of this bot."""
        when = self._state.now() if auth_date is None else auth_date
        return webapp.init_data(self._state.token, self.record, when)

    def open_web_app(self, label: str, *, auth_date: int | None = None, dark: bool = False) -> str:
        """Press a web_app button: the URL (initData and theme in its fragment) the client
        would open, from the newest message that has the button."""
        for message in reversed(self._chat.bot_messages.values()):
            button = find_button(inline_rows(message.reply_markup), label)
            page = button.get("web_app") if button is not None else None
            if isinstance(page, dict) and isinstance(page.get("url"), str):
                signed = self.web_app_init_data(auth_date)
                return webapp.launch_url(page["url"], signed, dark=dark)
        raise self._no_button(label)

    def block(self) -> None:
        """Block the bot: later sends fail with 403 and a my_chat_member update is queued."""
        if not self.record.blocked:
            self.record.blocked = True
            self._member_update("member", "kicked")

    def unblock(self) -> None:
        """Unblock the bot (queues the reverse my_chat_member update)."""
        if self.record.blocked:
            self.record.blocked = False
            self._member_update("kicked", "member")

    def _member_update(self, old: str, new: str) -> None:
        bot = self._state.bot_user
        new_member: JsonDict = {"user": bot, "status": new}
        if new == "kicked":
            new_member["until_date"] = 0
        payload = {
            "chat": self._chat.as_dict(),
            "from": self.record.as_dict(),
            "date": self._state.now(),
            "old_chat_member": {"user": bot, "status": old, **_until(old)},
            "new_chat_member": new_member,
        }
        self._state.updates.push("my_chat_member", payload)


class FakeGroup(ChatView):
    """A group or supergroup the bot is an administrator of."""

    def __init__(self, state: EmulatorState, chat: ChatRecord) -> None:
        super().__init__(state, chat)

    @property
    def id(self) -> int:
        """The group's (negative) chat id."""
        return self._chat.id

    async def send(self, user: FakeUser, text: str) -> JsonDict:
        """``user`` writes ``text`` in the group."""
        message = self._state.user_message_dict(self._chat, user.record, **text_fields(text))
        return self._state.updates.push("message", dict(message))

    async def command(self, user: FakeUser, name: str, payload: str | None = None) -> JsonDict:
        """``user`` sends ``/name`` in the group."""
        return await self.send(user, command_text(name, payload))

    async def press(
        self, user: FakeUser, label: str, *, message: BotMessage | None = None
    ) -> JsonDict:
        """``user`` presses a button in the group (inline first, else reply keyboard)."""
        update = self._press_inline(user.record, label, message)
        if update is not None:
            return update
        if message is None and self._reply_button(label) is not None:
            return await self.send(user, label)
        raise self._no_button(label)


def _until(status: str) -> JsonDict:
    return {"until_date": 0} if status == "kicked" else {}


def _message_id(update_or_message_id: JsonDict | int) -> int:
    if isinstance(update_or_message_id, int):
        return update_or_message_id
    message = update_or_message_id.get("message", update_or_message_id)
    return int(message["message_id"])
