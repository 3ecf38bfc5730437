"""People who speak to the bot through the emulator, each in their own language (the demo,
the tests).

`tap("🏠 Offer beds tonight")` looks the English msgid up in the person's catalog, so one
scenario runs unchanged in French, Dutch, English and Arabic.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from bot.i18n import Translator, Translators
from emulator import BotApiEmulator, BotMessage, FakeUser

TRANSLATORS = Translators.load()


def plain(html_text: str) -> str:
    """What a reader sees of an HTML message: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


@dataclass
class Person:
    user: FakeUser
    locale: str
    timeout: float = 10.0

    @classmethod
    def join(
        cls, emulator: BotApiEmulator, user_id: int, locale: str, name: str = "Test"
    ) -> Person:
        return cls(emulator.user(user_id, first_name=name, language_code=locale), locale)

    @property
    def t(self) -> Translator:
        return TRANSLATORS[self.locale]

    def _(self, msgid: str, **values: Any) -> str:
        return TRANSLATORS[self.locale].gettext(msgid, **values)

    async def reply(self) -> BotMessage:
        return await self.user.next_message(timeout=self.timeout)

    async def text(self) -> str:
        return str((await self.reply()).plain_text or "")

    async def tap(self, msgid: str, **values: Any) -> BotMessage:
        """Press the button whose label is this msgid (filled with values) in their language."""
        await self.user.press(self._(msgid, **values))
        return await self.reply()

    async def tap_label(self, label: str) -> BotMessage:
        await self.user.press(label)
        return await self.reply()

    async def toggle(self, label: str) -> BotMessage:
        """Tick an option of a multiple choice (its label shown with an empty box)."""
        await self.user.press("▫️ " + label)
        return await self.reply()

    async def say(self, text: str) -> BotMessage:
        await self.user.send(text)
        return await self.reply()

    async def command(self, name: str, payload: str | None = None) -> BotMessage:
        await self.user.command(name, payload)
        return await self.reply()
