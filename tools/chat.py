"""`nightdispatch chat`: talk to the real bot from a terminal, as a guest, a host or a dispatcher.

For trying the bot and for training volunteers before their first evening: the emulator and the
bot run in-process, an evening is seeded around the trainee, they type messages and press
buttons by number, and `:time 19:05` moves the clock past the cut-off to see what follows.
The chat's own texts are in English (a trainer's tool); everything the bot says is the bot's.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import time as timer
from datetime import time
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.app import NightApplication, build_application
from bot.context import BotContext
from bot.lifecycle import emulator_config, polling
from dispatch.locales import RIGHT_TO_LEFT
from emulator import BotApiEmulator
from jobs.delivery import delivered
from jobs.ticks import evening_tick
from tools.chat_seed import (
    ADMIN,
    MEETING_POINT,
    Cast,
    TrainingClock,
    approve,
    confirm_proposals,
    seed,
    set_meeting_point,
)
from tools.chat_session import LineReader, Options, Session
from tools.chat_view import Style

TRAINEE = 4242
BANNER = """\
nightdispatch chat: you are a {role} ({locale}) at {site}; the bot's clock reads {now}.
Type as in Telegram (/help, /start...); type a button's number to press it.
  :help              this help               :quit       leave (so does Ctrl-D)
  :time HH:MM        move the clock forward to HH:MM and run the evening tick ({cutoff}: cut-off)
  :location LAT,LON  share a location        :photo      send a photo
  :say TEXT          send TEXT as typed, even a number
  :approve           the trainer vets your host profile, as a dispatcher would"""
FIRST_WORDS = {"guest": "/start guest_{locale}", "host": "/start host_{locale}"}


class Chat:
    """The chat-side commands (`:time`, `:approve`...) around one trainee's session."""

    def __init__(
        self, session: Session, application: NightApplication, clock: TrainingClock, cast: Cast
    ) -> None:
        self.session, self.application, self.clock, self.cast = session, application, clock, cast
        self.zone = ZoneInfo(application.bot_data.config.timezone)

    async def handle(self, raw: str) -> bool:
        """Act on one typed line and wait for the bot; False when the trainee leaves."""
        line = raw.strip()
        word, _, rest = line.partition(" ")
        if word in (":quit", ":q", ":exit"):
            return False
        before = self.session.seen
        if not line:
            return True
        if word.startswith(":"):
            if not await self.command(word, rest.strip()):
                return True
        elif line.isdecimal() and self.session.buttons:
            await self.session.press(int(line))
        else:
            await self.session.send(line)
        await self.session.settle(before)
        return True

    async def command(self, word: str, rest: str) -> bool:
        """Run a chat-side command; False when no answer from the bot is to be waited for."""
        say, user = self.session.say, self.session.user
        if word == ":help":
            say(self.banner())
        elif word == ":say" and rest:
            await self.session.send(rest)
            return True
        elif word == ":photo":
            say("👤 › 🖼 (a photo)")
            await user.send_photo()
            return True
        elif word == ":location":
            return await self.location(rest)
        elif word == ":time":
            return await self.move_clock(rest)
        elif word == ":approve":
            if await approve(self.application, self.cast, user.id):
                say("(the trainer approved your host profile)")
                return True
            say("(no host profile of yours is waiting for vetting: register first)")
        else:
            say(f"(unknown chat command {word}: type :help)")
        return False

    async def location(self, rest: str) -> bool:
        try:
            latitude, longitude = (float(part) for part in rest.replace(" ", "").split(","))
        except ValueError:
            self.session.say("(usage: :location 50.8605,4.3616)")
            return False
        self.session.say(f"👤 › 📍 ({latitude}, {longitude})")
        await self.session.user.share_location(latitude, longitude)
        return True

    async def move_clock(self, rest: str) -> bool:
        """Jump to the next HH:MM on the site's clock and run the evening's periodic work."""
        try:
            moment = self.clock.next(time.fromisoformat(rest), self.zone)
        except ValueError:
            self.session.say("(usage: :time 19:05)")
            return False
        self.clock.move_to(moment)
        self.session.say(f"🕰 {moment:%A %d %B, %H:%M}: the evening tick runs.")
        await evening_tick(BotContext(self.application))
        # Notices go out in the background: the seeded hosts must hold their proposals first.
        await delivered(self.application)
        if await confirm_proposals(self.cast):
            self.session.say("(the seeded hosts confirmed the guests proposed to them)")
        return True

    def banner(self) -> str:
        config = self.application.bot_data.config
        return BANNER.format(
            role=self.session.options.role,
            locale=self.session.options.locale,
            site=config.site_name,
            now=f"{self.clock().astimezone(self.zone):%A %d %B, %H:%M}",
            cutoff=config.site_cutoff,
        )


def style_for(options: Options, out: TextIO) -> Style:
    """Reorder Arabic unless told the terminal does bidi; bold only on a terminal."""
    reorder = options.locale in RIGHT_TO_LEFT if options.reorder is None else options.reorder
    plain = "NO_COLOR" in os.environ  # the no-color.org convention
    bold = _is_terminal(out) and not plain if options.bold is None else options.bold
    return Style(reorder=reorder, bold=bold)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


async def converse(chat: Chat, stdin: TextIO) -> None:
    """The trainee's first words (the poster's link), then their lines until :quit or EOF."""
    session = chat.session
    session.say(chat.banner())
    first = FIRST_WORDS.get(session.options.role, "/start").format(locale=session.options.locale)
    session.say(f"👤 › {first}")
    before = session.seen
    await session.user.send(first)
    await session.settle(before)
    reader, interactive = LineReader(stdin), _is_terminal(stdin)
    while True:
        if interactive:
            session.out.write("› ")
            session.out.flush()
        line = await reader.line()
        if line is None or not await chat.handle(line):
            return


def continue_update_ids(emulator: BotApiEmulator) -> None:
    """Number updates after the last run's: the bot drops ids its database has seen, and a
    new emulator would count from 1 again (milliseconds only grow between two runs)."""
    emulator.state.updates._next_id = int(timer.time() * 1000)


async def run_chat(options: Options, stdin: TextIO, stdout: TextIO) -> int:
    """Start the emulator and the bot, seed the evening, chat until the trainee leaves."""
    with tempfile.TemporaryDirectory(prefix="nightdispatch-chat-") as folder:
        database = options.database or Path(folder) / "chat.sqlite3"
        fresh = not database.exists()
        admins = {ADMIN, TRAINEE} if options.role == "dispatcher" else {ADMIN}
        async with BotApiEmulator() as emulator:
            if not fresh:
                continue_update_ids(emulator)
            config = emulator_config(
                emulator, database, admin_ids=frozenset(admins), site_meeting_point=MEETING_POINT[0]
            )
            clock = TrainingClock.this_evening(ZoneInfo(config.timezone))
            application = build_application(config, clock=clock)
            async with polling(application):
                await set_meeting_point(application)
                cast = await seed(emulator, options.role, fresh)
                user = emulator.user(TRAINEE, "Trainee", language_code=options.locale)
                session = Session(
                    user, stdout, style_for(options, stdout), options, not _is_terminal(stdin)
                )
                watcher = asyncio.create_task(session.watch())
                try:
                    await converse(Chat(session, application, clock, cast), stdin)
                finally:
                    watcher.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await watcher
    return 0
