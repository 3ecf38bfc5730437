"""`nightdispatch run --emulator`: the real bot, the built-in Bot API emulator, five people.

A newcomer has no token; this shows the bot answering in Arabic, French, Dutch and English
through the very code that runs in production, with only the Bot API base URL changed.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.app import build_application
from bot.i18n import Translator, Translators
from bot.lifecycle import emulator_config, polling
from bot.logs import configure_logging
from emulator import BotApiEmulator, BotMessage, FakeUser

Say = Callable[[str], None]


def describe(message: BotMessage) -> str:
    """A bot message as a terminal shows it: the text, then its buttons in brackets."""
    text = message.plain_text or ""
    lines = ["🤖 " + line for line in text.splitlines()] or ["🤖"]
    for row in message.buttons:
        lines.append("   " + "  ".join(f"[{label}]" for label in row))
    return "\n".join(lines)


class Scene:
    """One person's short conversation, printed as it happens."""

    def __init__(self, user: FakeUser, name: str, say: Say, t: Translator) -> None:
        self.user, self.name, self.say, self.t = user, name, say, t

    async def send(self, text: str, action: Callable[[], Awaitable[object]]) -> None:
        self.say(f"\n👤 {self.name} › {text}")
        await action()
        self.say(describe(await self.user.next_message(timeout=10)))

    async def command(self, name: str, payload: str = "") -> None:
        shown = f"/{name} {payload}".strip()
        await self.send(shown, lambda: self.user.command(name, payload))

    async def type(self, text: str) -> None:
        await self.send(text, lambda: self.user.send(text))

    async def press(self, label: str) -> None:
        await self.send(f"[{label}]", lambda: self.user.press(label))

    async def tap(self, msgid: str) -> None:
        """Press the button whose English label is msgid, as shown in this person's language."""
        await self.press(self.t.gettext(msgid))


async def play(emulator: BotApiEmulator, say: Say) -> None:
    """Four languages: Telegram's language, a poster's link, and the picker."""
    translators = Translators.load()

    def person(user_id: int, name: str, code: str, locale: str, who: str) -> Scene:
        user = emulator.user(user_id, first_name=name, language_code=code)
        return Scene(user, f"{name} ({who})", say, translators[locale])

    amina = person(1001, "Amina", "ar", "ar", "Telegram in Arabic")
    await amina.command("start")
    await amina.tap("🛏 I need a bed tonight")
    await amina.tap("🛏 Yes, ask for a bed")
    await amina.tap("👩 Me, a woman alone")
    await amina.tap("✔️ Done")  # Arabic, the language of her Telegram, is ticked already
    await amina.tap("No")
    await amina.type("Amina")
    await amina.tap("✅ Send my request")

    lucas = person(1002, "Lucas", "en", "fr", "scanned the French poster")
    await lucas.command("start", "guest_fr")

    eva = person(1003, "Eva", "nl", "nl", "Telegram in Dutch")
    await eva.command("start")
    await eva.tap("🏠 I can offer a bed tonight")
    await eva.tap("📝 Register as a host")

    jonas = person(1004, "Jonas", "de", "en", "Telegram in German")
    await jonas.command("start")
    await jonas.press("English")
    await jonas.command("help")


async def run_tour(say: Say = print) -> int:
    """Start the emulator and the bot against it, play the conversations, stop both."""
    configure_logging("", level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="nightdispatch-tour-") as folder:
        async with BotApiEmulator() as emulator:
            config = emulator_config(emulator, Path(folder) / "tour.sqlite3")
            say(f"Bot API emulator listening on {emulator.base_url.removesuffix('/bot')}")
            async with polling(build_application(config)):
                await play(emulator, say)
    say(
        "\nThat was the real bot, offline. With a token from @BotFather: "
        "BOT_TOKEN=… nightdispatch run"
    )
    return 0
