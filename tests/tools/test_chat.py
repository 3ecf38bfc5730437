"""`nightdispatch chat`, driven through its input like a trainee at a terminal."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

from emulator import BotMessage
from tools.actors import TRANSLATORS, plain
from tools.chat import run_chat
from tools.chat_session import Options
from tools.chat_view import Style
from tools.chat_view import render as render_message
from tools.demo import HOSTS

ROOT = Path(__file__).resolve().parents[2]
ISOLATES = ("\u2066", "\u2067", "\u2068", "\u2069")
SHOWN = Style(reorder=True, bold=False).line  # what a terminal without bidi should print
VENUE = "📍 Gare du Nord — Rue du Progrès 86, Bruxelles (50.8605, 4.3616)"


async def chat(role: str, locale: str, *lines: str) -> str:
    """Everything the terminal shows for these typed lines (then end of input)."""
    out = io.StringIO()
    options = Options(role=role, locale=locale, reply_timeout=3.0, quiet=0.2)
    assert await run_chat(options, io.StringIO("".join(f"{line}\n" for line in lines)), out) == 0
    return out.getvalue()


def message(text: str | None = None, *, parse_mode: str | None = None, **fields: Any) -> BotMessage:
    """A bot message as the emulator records it; `text` is also its plain text."""
    return BotMessage(7, 1, text, text, parse_mode, fields.pop("reply_markup", None), **fields)


async def test_an_arabic_guest_reads_reordered_text_asks_by_number_and_gets_a_host() -> None:
    t = TRANSLATORS["ar"]
    shown = await chat(
        "guest", "ar",
        "1", "1",  # ask (agreeing to the short notice), a woman alone
        "13", "3",  # Arabic is ticked already: done; no needs: "No"
        "Amina", "1", ":time 19:05",  # the alias, send; past the cut-off
    )  # fmt: skip
    welcome = plain(t.gettext("<b>A bed for tonight, in a volunteer's home.</b>"))
    assert SHOWN(welcome) in shown
    assert welcome not in shown  # logical order is not what this terminal should print
    assert not any(mark in shown for mark in ISOLATES)
    ask = t.gettext("🛏 Yes, ask for a bed")
    assert f"[1] {SHOWN(ask)}" in shown
    assert f"👤 › [{SHOWN(t.gettext('👩 Me, a woman alone'))}]" in shown
    after_cutoff = shown.split("the evening tick runs")[1]
    assert "Marie" in after_cutoff  # the seeded host who accepts single women, confirmed
    assert VENUE in after_cutoff


async def test_a_french_host_registers_to_the_charter_and_picks_options_by_number() -> None:
    t = TRANSLATORS["fr"]
    shown = await chat(
        "host", "fr",
        "1", "1",  # register, accept the charter
        "Marie", ":say 0470 12 34 56",  # a name, and a phone typed (not a button number)
        "1", "1", "3", "5",  # a woman alone; accepts single women and families; done
        "3", "13",  # French; done
    )  # fmt: skip
    assert f"👤 › [{t.gettext('✅ I accept the charter')}]" in shown
    assert "👤 › 0470 12 34 56" in shown
    assert f"[1] ✅ {t.gettext('Single women')}" in shown
    assert f"✅ {t.gettext('Families')}" in shown
    assert t.gettext("Can your home be reached without stairs (step-free access)?") in shown


async def test_a_dispatcher_sees_the_seeded_evening_on_the_board() -> None:
    t = TRANSLATORS["en"]
    shown = await chat("dispatcher", "en", "/board", "/vetting")
    beds = sum(int(plan.beds) for plan in HOSTS[:3])
    board = shown.split("👤 › /board")[1]
    assert t.ngettext("🛏 {count} bed offered", "🛏 {count} beds offered", beds) in board
    assert "🙋 6 people asking · 4 groups" in board
    assert "[5] 🔒 Close the round now" in board
    assert "2 hosts are waiting for approval." in board


def test_right_to_left_lines_are_joined_and_reversed_with_marks_kept_on_their_letter() -> None:
    # رجوع: ra isolated, jim initial, waw final, ain isolated (ra and waw join on one side only)
    assert SHOWN("↩️ رجوع") == "\ufec9\ufeee\ufe9f\ufead ↩️"
    # أهلاً: lam-alef as one ligature, its tanween after it; Marie stays left to right
    assert SHOWN("مرحبا ⁨Marie⁩، أهلاً") == (
        "\ufefc\u064b\ufeeb\ufe83 \u060cMarie \ufe8e\ufe92\ufea3\ufeae\ufee3"
    )
    assert SHOWN("تتحدّث") == "\ufe99\ufeaa\u0651\ufea4\ufe98\ufe97"  # shadda on the dal
    assert not any("\u0621" <= char <= "\u064a" for char in SHOWN("لا، شكرًا"))  # all joined
    assert Style(reorder=False, bold=False).line("⁨رجوع⁩") == "رجوع"


def test_a_venue_pin_and_a_photo_are_described_in_one_line() -> None:
    style = Style(reorder=False, bold=False)
    venue = {
        "title": "Gare du Nord",
        "address": "Rue du Progrès 86, Bruxelles",
        "location": {"latitude": 50.8605, "longitude": 4.3616},
    }
    assert VENUE in render_message(message(kind="venue", venue=venue), style)
    photo = message(
        kind="photo", file={"file_id": "x", "file_name": "chart.png", "file_size": 23 * 1024}
    )
    assert "🖼 photo: chart.png, 23 KB" in render_message(photo, style)


def test_bold_is_ansi_only_when_asked_and_entities_are_decoded() -> None:
    html = message("<b>Gare</b> &amp; Nord", parse_mode="HTML")
    assert render_message(html, Style(reorder=False, bold=False))[1] == "Gare & Nord"
    assert render_message(html, Style(reorder=False, bold=True))[1] == ("\x1b[1mGare\x1b[0m & Nord")


def test_buttons_are_numbered_across_rows_and_edits_say_so() -> None:
    markup = {
        "inline_keyboard": [
            [
                {"text": "✅ Confirm", "callback_data": "a"},
                {"text": "❌ Cancel", "callback_data": "b"},
            ],
            [{"text": "↩️ Back", "callback_data": "c"}],
        ]
    }
    lines = render_message(
        message("Sure?", reply_markup=markup, edited=True),
        Style(reorder=False, bold=False),
    )
    assert "(edited)" in lines[0]
    assert lines[2:] == ["   [1] ✅ Confirm  [2] ❌ Cancel", "   [3] ↩️ Back"]


def test_the_cli_chats_through_a_pipe_and_exits_cleanly() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--as", "host", "--lang", "fr"],
        input="1\n:help\n:quit\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    t = TRANSLATORS["fr"]
    assert f"👤 › [{t.gettext('📝 Register as a host')}]" in done.stdout
    assert ":time HH:MM" in done.stdout
