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
from bot.config import Config
from bot.lifecycle import polling
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

    def __init__(self, user: FakeUser, name: str, say: Say) -> None:
        self.user, self.name, self.say = user, name, say

    async def send(self, text: str, action: Callable[[], Awaitable[object]]) -> None:
        self.say(f"\n👤 {self.name} › {text}")
        await action()
        self.say(describe(await self.user.next_message(timeout=10)))

    async def command(self, name: str, payload: str = "") -> None:
        shown = f"/{name} {payload}".strip()
        await self.send(shown, lambda: self.user.command(name, payload))

    async def press(self, label: str) -> None:
        await self.send(f"[{label}]", lambda: self.user.press(label))


async def play(emulator: BotApiEmulator, say: Say) -> None:
    """Five people, four languages: Telegram's language, a poster's link, and the picker."""
    amina = Scene(
        emulator.user(1001, first_name="Amina", language_code="ar"),
        "Amina (Telegram in Arabic)",
        say,
    )
    await amina.command("start")
    await amina.press("🌙 أحتاج إلى سرير الليلة")

    lucas = Scene(
        emulator.user(1002, first_name="Lucas", language_code="en"),
        "Lucas (scanned the French poster)",
        say,
    )
    await lucas.command("start", "guest_fr")

    eva = Scene(
        emulator.user(1003, first_name="Eva", language_code="nl"), "Eva (Telegram in Dutch)", say
    )
    await eva.command("start")
    await eva.press("🛏 Ik kan vannacht een bed aanbieden")

    jonas = Scene(
        emulator.user(1004, first_name="Jonas", language_code="de"),
        "Jonas (Telegram in German)",
        say,
    )
    await jonas.command("start")
    await jonas.press("English")
    await jonas.command("help")


async def run_tour(say: Say = print) -> int:
    """Start the emulator and the bot against it, play the conversations, stop both."""
    configure_logging("", level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="nightdispatch-tour-") as folder:
        async with BotApiEmulator() as emulator:
            config = Config(
                token=emulator.token,
                api_base_url=emulator.base_url,
                database=Path(folder) / "tour.sqlite3",
            )
            say(f"Bot API emulator listening on {emulator.base_url.removesuffix('/bot')}")
            async with polling(build_application(config)):
                await play(emulator, say)
    say(
        "\nThat was the real bot, offline. With a token from @BotFather: "
        "BOT_TOKEN=… nightdispatch run"
    )
    return 0
