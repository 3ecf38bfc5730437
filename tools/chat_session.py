"""One trainee's side of `nightdispatch chat`: what the bot sends, printed; what they type, sent.

Input arrives line by line (a terminal, a pipe, a test's StringIO) and each line waits for the
bot's answer before the next is read, so a piped script reads like the conversation it is.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from emulator import BotMessage, FakeUser
from tools.chat_view import Button, Style, button_rows, render

LOCATION = (50.8605, 4.3616)  # what a reply keyboard's "send my location" button shares


@dataclass(frozen=True)
class Options:
    """How the chat runs: who the trainee is and how the terminal shows text."""

    role: str
    locale: str
    database: Path | None = None
    reorder: bool | None = None  # None: reorder right-to-left lines when the locale is RTL
    bold: bool | None = None  # None: ANSI bold when the output is a terminal
    reply_timeout: float = 3.0  # how long to wait for a first answer to an input
    quiet: float = 0.5  # an answer is complete once the bot has been silent this long


class LineReader:
    """stdin's lines in the event loop; a daemon thread, so a pending read never blocks exit."""

    def __init__(self, stream: TextIO) -> None:
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        loop = asyncio.get_running_loop()

        def pump() -> None:
            try:
                for line in iter(stream.readline, ""):
                    loop.call_soon_threadsafe(self._queue.put_nowait, line)
            finally:
                loop.call_soon_threadsafe(self._queue.put_nowait, None)

        threading.Thread(target=pump, name="chat-stdin", daemon=True).start()

    async def line(self) -> str | None:
        """The next line, or None at the end of the input."""
        return await self._queue.get()


class Session:
    """Prints the trainee's chat and sends what they type; numbers press the newest buttons."""

    def __init__(
        self, user: FakeUser, out: TextIO, style: Style, options: Options, echo: bool
    ) -> None:
        self.user, self.out, self.style, self.options = user, out, style, options
        self.echo = echo  # repeat typed lines: a piped transcript shows both sides
        self.buttons: list[Button] = []
        self._target: int | None = None  # the message whose buttons are numbered
        self.seen = 0
        self._answers = 0
        self._last = 0.0

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show(self, message: BotMessage) -> None:
        """Print a message or edit; the newest one with buttons gets the numbers."""
        for line in render(message, self.style):
            self.say(line)
        rows = button_rows(message)
        if rows:
            self.buttons, self._target = [b for row in rows for b in row], message.message_id
        elif message.edited and message.message_id == self._target:
            self.buttons, self._target = [], None
        self.seen += 1
        self._last = asyncio.get_running_loop().time()

    async def watch(self) -> None:
        """Print the bot's messages as they come, also those nobody typed for (a proposal)."""
        while True:
            try:
                message = await self.user.next_message(timeout=3600)
            except AssertionError:
                continue
            self.show(message)

    async def settle(self, before: int) -> None:
        """Wait for the bot's answer to an input, then until it has been quiet for a while."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.options.reply_timeout
        while self.seen == before and loop.time() < deadline:
            if self._new_answers():  # a toast may be all there is, or come before an edit
                deadline = min(deadline, loop.time() + self.options.quiet)
            await asyncio.sleep(0.05)
        while loop.time() - self._last < self.options.quiet:
            await asyncio.sleep(0.05)
        self._show_answers()

    def _new_answers(self) -> bool:
        return len(self.user.callback_answers) > self._answers

    def _show_answers(self) -> None:
        """A button's toast or pop-up, which Telegram shows over the chat."""
        for answer in self.user.callback_answers[self._answers :]:
            if answer.get("text"):
                self.say(self.style.line(f"   💬 {answer['text']}"))
        self._answers = len(self.user.callback_answers)

    async def press(self, number: int) -> None:
        """Press button `number` of the newest message that has buttons."""
        if not 1 <= number <= len(self.buttons):
            self.say(f"(no button {number}: the buttons shown are 1 to {len(self.buttons)})")
            return
        button = self.buttons[number - 1]
        self.say(f"👤 › [{self.style.line(button.label)}]")
        if button.url:
            self.say(f"(a link, opened outside the chat: {button.url})")
        elif button.message is not None:
            try:
                await self.user.press(button.label, message=button.message)
            except LookupError:
                self.say("(that message is gone)")
        elif button.request_location:
            await self.user.share_location(*LOCATION)
        else:
            await self.user.send(button.label)

    async def send(self, text: str) -> None:
        """Type a message (a /command included)."""
        if self.echo:
            self.say(f"👤 › {self.style.line(text)}")
        await self.user.send(text)
