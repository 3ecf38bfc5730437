"""What the Docker image holds is enough to run the bot.

There is no Docker engine here, nor on CI, so the image itself is never built in the tests. This
test does what its build does, with the same inputs: the paths the Dockerfile copies, and nothing
else, are built into a wheel, as `pip install .` in the Dockerfile builds one (in an isolated
build environment, from the package index), and unpacked far from the source tree. That copy
then starts as the image's CMD would, in an empty data folder: it creates and migrates its
database, reads its catalogs, answers a user in Arabic, and passes the probe the image's
HEALTHCHECK runs. A file left out of the image, or package data left out of the wheel
(migrations, catalogs), fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from emulator import BotApiEmulator
from tests.e2e.test_process import ROOT, bot_process
from tests.ports import free_port

ARABIC = re.compile("[\u0600-\u06ff]")


def dockerfile_instructions(name: str) -> list[list[str]]:
    """The arguments of each instruction `name` in the Dockerfile, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [
        line.split()[1:]
        for line in text.splitlines()
        if line.split() and line.split()[0] == name.upper()
    ]


def build_image_contents(folder: Path) -> Path:
    """The Dockerfile's COPY sources, built into a wheel and unpacked: the image's program."""
    source = folder / "src"
    source.mkdir()
    for *paths, _ in dockerfile_instructions("COPY"):
        for path in paths:
            origin = ROOT / path
            if origin.is_dir():
                shutil.copytree(origin, source / path, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(origin, source / path)
    wheels = folder / "dist"
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    subprocess.run(
        [*pip, "--wheel-dir", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("nightdispatch-*.whl")
    installed = folder / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)
    return installed


def entry_point(installed: Path, *arguments: str) -> list[str]:
    """The `nightdispatch` console script, importing the bot from `installed` only."""
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(installed)!r})\n"
        "import bot\n"
        f"assert bot.__file__.startswith({str(installed)!r}), bot.__file__\n"
        "from bot.__main__ import main\n"
        f"sys.exit(main({list(arguments)!r}))\n"
    )
    return [sys.executable, "-c", script]


def test_the_dockerfile_runs_the_console_script_and_probes_its_health() -> None:
    assert dockerfile_instructions("CMD") == [['["nightdispatch",', '"run"]']]
    healthcheck = " ".join(dockerfile_instructions("HEALTHCHECK")[0])
    assert 'CMD ["nightdispatch", "health"]' in healthcheck
    assert any("DATABASE=/data/night.sqlite3" in env for env in dockerfile_instructions("ENV"))


async def test_the_images_files_alone_run_the_bot(tmp_path: Path) -> None:
    installed = build_image_contents(tmp_path)
    for data in ("storage/migrations/0001_initial.sql", "locales/ar/LC_MESSAGES/messages.po"):
        assert (installed / data).is_file(), f"{data} is missing from the wheel"
    folder = tmp_path / "data"  # the image's WORKDIR and volume
    folder.mkdir()
    database = folder / "night.sqlite3"
    health = {"HEALTH_PORT": str(free_port())}
    async with BotApiEmulator() as emulator:
        user = emulator.user(5150, first_name="Samir", language_code="ar")
        async with bot_process(
            emulator, database, command=entry_point(installed, "run"), settings=health
        ):
            await user.start()
            welcome = str((await user.next_message(timeout=20)).plain_text)
            assert ARABIC.search(welcome), welcome
            probe = subprocess.run(
                entry_point(installed, "health"),
                env={"HEALTH_PORT": health["HEALTH_PORT"], "PATH": "/usr/bin:/bin"},
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert probe.returncode == 0, probe.stdout + probe.stderr
    assert database.is_file()
