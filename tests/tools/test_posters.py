"""Printable posters: every QR code decodes to its deep link, the PDF has a page per poster,
the CLI finds the site or says which ones exist. Nothing here reads translated words, so the
tests hold before and after the catalogs are translated."""

from __future__ import annotations

import contextlib
import io
import re
from datetime import UTC, datetime, time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image

from bot.__main__ import main
from bot.config import Config
from bot.i18n import FIRST_STRONG_ISOLATE as FSI
from bot.i18n import POP_DIRECTIONAL_ISOLATE as PDI
from dispatch.deeplinks import Intent, parse_start_payload
from dispatch.locales import SUPPORTED_LOCALES
from dispatch.models import Site
from emulator import BotApiEmulator
from storage.db import Database
from storage.sites import SiteRepository
from tools.actors import TRANSLATORS
from tools.poster_command import PosterError, find_site, resolve_username
from tools.poster_layout import MIN_CODE_MM, balanced
from tools.posters import PNG_DPI, bot_username, file_stem, site_posters

BOT = "nightdispatch_bot"
NAMES = [f"{role}-{code}" for role in ("guest", "host") for code in SUPPORTED_LOCALES]
LINKS = {name: f"https://t.me/{BOT}?start={name.replace('-', '_')}" for name in NAMES}
SITE = Site(1, "Brussels", "Europe/Brussels", time(19), time(23), "Parc Maximilien", "Rue X 1")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CLI's output for the configured site, written once for the whole module."""
    folder = tmp_path_factory.mktemp("posters")
    env = folder / "settings.env"
    env.write_text("SITE_NAME=Brussels\nSITE_MEETING_POINT=Parc Maximilien\n", "utf-8")
    args = ["poster", "--site", "brussels", "--bot-username", "@" + BOT, "--out", str(folder)]
    args += ["--database", str(folder / "absent.sqlite3"), "--env-file", str(env)]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(args, environ={}) == 0
    return folder


@pytest.mark.parametrize("name", NAMES)
def test_each_png_has_one_qr_code_that_decodes_to_its_deep_link(written: Path, name: str) -> None:
    with Image.open(written / f"brussels-{name}.png") as image:
        codes = zxingcpp.read_barcodes(image)
    assert [(code.format, code.text) for code in codes] == [
        (zxingcpp.BarcodeFormat.QRCode, LINKS[name])
    ]


def test_the_codes_are_printed_large_on_a4_at_print_resolution(written: Path) -> None:
    with Image.open(written / "brussels-guest-ar.png") as image:
        assert image.size == (int(210 / 25.4 * PNG_DPI), int(297 / 25.4 * PNG_DPI))
        (code,) = zxingcpp.read_barcodes(image)
    side_px = code.position.top_right.x - code.position.top_left.x
    assert side_px / PNG_DPI * 25.4 >= MIN_CODE_MM - 1 >= 80


def test_the_pdf_has_one_a4_page_per_poster(written: Path) -> None:
    pdf = (written / "brussels-posters.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == len(NAMES)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) == len(NAMES)
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)


def test_the_cli_writes_a_pdf_and_a_png_per_poster(written: Path) -> None:
    expected = {"brussels-posters.pdf", *(f"brussels-{name}.png" for name in NAMES)}
    assert {path.name for path in written.iterdir()} >= expected


def test_an_unknown_site_fails_with_the_sites_that_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = tmp_path / "settings.env"
    env.write_text("SITE_NAME=Brussels\n", "utf-8")
    args = ["poster", "--site", "Atlantis", "--bot-username", BOT, "--out", str(tmp_path / "o")]
    args += ["--database", str(tmp_path / "absent.sqlite3"), "--env-file", str(env)]
    assert main(args, environ={}) == 1
    assert "no site named 'Atlantis'; the sites are: Brussels" in capsys.readouterr().err
    assert not (tmp_path / "o").exists() and not (tmp_path / "absent.sqlite3").exists()


def test_without_username_or_token_the_cli_says_what_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = tmp_path / "settings.env"
    env.write_text("", "utf-8")
    args = ["poster", "--site", "Brussels", "--env-file", str(env)]
    assert main([*args, "--database", str(tmp_path / "absent.sqlite3")], environ={}) == 1
    assert "--bot-username" in capsys.readouterr().err


def test_links_read_back_as_the_poster_s_role_and_language() -> None:
    posters = site_posters(SITE, BOT, TRANSLATORS)
    assert [poster.name for poster in posters] == NAMES
    for poster in posters:
        assert poster.link == LINKS[poster.name]
        link = parse_start_payload(parse_qs(urlsplit(poster.link).query)["start"][0])
        role, _, locale = poster.name.partition("-")
        assert link.intent == Intent(role) and link.locale == locale


def test_every_poster_shows_its_link_and_guest_posters_speak_their_language() -> None:
    for poster in site_posters(SITE, BOT, TRANSLATORS):
        assert poster.link.removeprefix("https://") in poster.text.call_to_action
        assert poster.text.headline and len(poster.text.lines) == 3
        assert any("Parc Maximilien" in line for line in poster.text.details)
        locale = poster.name.partition("-")[2]
        assert poster.text.locale == locale
        assert poster.text.right_to_left == (locale == "ar")


def test_the_host_poster_exists_in_every_language() -> None:
    hosts = [p for p in site_posters(SITE, BOT, TRANSLATORS) if p.name.startswith("host-")]
    assert [p.text.locale for p in hosts] == list(SUPPORTED_LOCALES)
    assert len({p.text.headline for p in hosts}) == len(SUPPORTED_LOCALES)  # translated


def test_guest_posters_carry_a_bed_a_moon_and_a_phone() -> None:
    """Pictograms for a person who reads none of the languages; hosts' posters have none."""
    from tools.poster_layout import poster_figure
    from tools.posters import qr_modules

    for poster in site_posters(SITE, BOT, TRANSLATORS):
        figure = poster_figure(poster.text, qr_modules(poster.link))
        drawn = [ax.get_label() for ax in figure.axes if ax.get_label()]
        expected = ["bed", "moon", "phone"] if poster.name.startswith("guest-") else []
        assert drawn == expected, poster.name
        if expected:
            assert all(len(ax.patches) >= 2 for ax in figure.axes if ax.get_label())


def test_a_line_break_inside_an_isolate_closes_and_reopens_it() -> None:
    lines = balanced(["مكان اللقاء: " + FSI + "Parc", "Maximilien" + PDI + " هنا"])
    assert lines == ["مكان اللقاء: " + FSI + "Parc" + PDI, FSI + "Maximilien" + PDI + " هنا"]


def test_usernames_and_file_names() -> None:
    assert bot_username(" @nightdispatch_bot ") == BOT
    with pytest.raises(ValueError, match="username"):
        bot_username("t.me/x")
    assert file_stem("Brussels North") == "brussels-north"
    assert file_stem("بروكسل") == "بروكسل"


async def test_a_stored_site_is_found_by_name_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "sites.sqlite3"
    db = Database(path)
    stored = Site(0, "Gent", "Europe/Brussels", time(20), time(23), "Sint-Pietersstation")
    try:
        await db.open()
        await SiteRepository(db).add(stored, datetime(2026, 1, 1, tzinfo=UTC))
    finally:
        await db.close()
    config = Config.from_environ({"BOT_TOKEN": "1:x", "SITE_NAME": "Brussels"})
    site = await find_site("GENT", path, config)
    assert (site.name, site.meeting_point_name, site.cutoff) == (
        "Gent",
        stored.meeting_point_name,
        time(20),
    )
    assert (await find_site("brussels", path, config)).name == "Brussels"
    with pytest.raises(PosterError, match="the sites are: Gent, Brussels"):
        await find_site("Liège", path, config)


async def test_the_username_comes_from_get_me_when_a_token_is_set() -> None:
    async with BotApiEmulator(bot_username="poster_test_bot") as emu:
        assert await resolve_username(None, emu.token, emu.base_url) == "poster_test_bot"
        with pytest.raises(PosterError, match="BOT_TOKEN"):
            await resolve_username(None, "999:WRONG", emu.base_url)
