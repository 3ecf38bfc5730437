"""The bot as a separate process, unmodified: only BOT_API_BASE_URL points at the emulator."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from emulator import BotApiEmulator
from tests.e2e.people import Person
from tests.waiting import until
from tools.tour import run_tour

ROOT = Path(__file__).resolve().parents[2]


RUN_BOT = (sys.executable, "-m", "bot", "run")


@asynccontextmanager
async def bot_process(
    emulator: BotApiEmulator,
    database: Path,
    stop: signal.Signals = signal.SIGTERM,
    command: Sequence[str] = RUN_BOT,
    settings: Mapping[str, str] | None = None,
) -> AsyncIterator[Path]:
    """Run `python -m bot run` (or `command`) until the block ends, then stop it: SIGTERM as
    systemd would, or SIGKILL as a crash would."""
    log = database.with_suffix(f".{len(emulator.calls)}.log")
    environ = {
        **os.environ,
        "BOT_TOKEN": emulator.token,
        "BOT_API_BASE_URL": emulator.base_url,
        "DATABASE": str(database),
        "DEFAULT_LOCALE": "en",
        **(settings or {}),
    }
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            *command,
            cwd=database.parent,
            env=environ,
            stdout=output,
            stderr=output,
        )
        try:
            await wait_for_polling(emulator, process)
            yield log
        finally:
            process.send_signal(stop)
            expected = 0 if stop is signal.SIGTERM else -stop
            assert await asyncio.wait_for(process.wait(), timeout=20) == expected, log.read_text()


async def wait_for_polling(emulator: BotApiEmulator, process: asyncio.subprocess.Process) -> None:
    """Start-up is over when the bot asks for updates (after its menus are published)."""

    def polls() -> int:
        return sum(1 for method, _ in emulator.calls if method == "getUpdates")

    already = polls()
    await until(
        lambda: polls() > already or process.returncode is not None,
        what="the bot to poll",
        timeout=30,
    )
    assert process.returncode is None, f"the bot exited with {process.returncode}"


async def test_a_saved_choice_survives_a_restart_of_the_bot_process(tmp_path: Path) -> None:
    database = tmp_path / "night.sqlite3"
    async with BotApiEmulator() as emulator:
        user = emulator.user(4242, first_name="Jonas", language_code="de")
        async with bot_process(emulator, database) as first_log:
            await user.start()
            assert (await user.next_message(timeout=20)).buttons[0] == ["Français", "Nederlands"]
            await user.press("Nederlands")
            assert "Welkom." in str((await user.next_message(timeout=20)).plain_text)

        async with bot_process(emulator, database) as second_log:
            await user.command("help")
            assert "Wat ik kan doen" in str((await user.next_message(timeout=20)).plain_text)

    for log in (first_log, second_log):
        assert emulator.token not in log.read_text(encoding="utf-8")
        assert emulator.token.split(":")[1] not in log.read_text(encoding="utf-8")


async def test_the_offline_tour_shows_all_four_languages() -> None:
    lines: list[str] = []
    assert await run_tour(say=lines.append) == 0
    transcript = "\n".join(lines)
    for expected in (
        "أهلًا وسهلًا",
        "Ni papiers, ni photos",
        "Bedankt dat u uw deur openzet",
        "Choose your language",
        "What I can do",
    ):
        assert expected in transcript


async def test_a_form_survives_a_crash_of_the_bot_process(tmp_path: Path) -> None:
    """Killed in the middle of a host's registration, the bot resumes at the same question."""
    database = tmp_path / "night.sqlite3"
    async with BotApiEmulator() as emulator:
        host = Person.join(emulator, 5151, "fr", "Claire")
        async with bot_process(emulator, database, stop=signal.SIGKILL):
            await host.user.command("start", "host_fr")
            await host.user.next_message(timeout=20)
            await host.user.press(host._("📝 Register as a host"))
            await host.user.next_message(timeout=20)
            await host.user.press(host._("✅ I accept the charter"))
            await host.user.next_message(timeout=20)
            await host.user.send("Claire")
            phone = await host.user.next_message(timeout=20)
            assert host._("⏭ Skip") in str(phone.buttons)

        async with bot_process(emulator, database):
            await host.user.press(host._("⏭ Skip"))
            household = await host.user.next_message(timeout=20)
            assert host._("A woman living alone") in str(household.buttons)
            await host.user.expect_silence(within=0.5)  # nothing was sent twice
