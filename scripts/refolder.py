"""Re-folder the tree so that the folders show the architecture (issue 13, point 3).

    python scripts/refolder.py             # apply: git mv, rewrite every reference, print the map
    python scripts/refolder.py --dry-run   # print the map only, change nothing
    python scripts/refolder.py --root DIR  # another checkout (the tests use a small fake tree)

- `bot/` keeps the runtime (app, config, context, i18n, transport, lifecycle, serving, health...);
- its view modules go to `views/`, one flat module per feature and kind: `bot/render_<x>.py`
  becomes `views/<x>_texts.py` and `bot/keyboards_<x>.py` becomes `views/<x>_keys.py`, so a
  feature's texts and keyboards sort side by side (`guest_keys.py`, `guest_texts.py`);
- its command-line tools (chat, demo, tour, posters, backup...) go to `tools/`;
- the background services of `handlers/` (outbox, courier, appeal sender, reminders...) go to
  `jobs/`.

Flat modules with a `_texts`/`_keys` suffix rather than `views/guest.py` or subpackages: the
importing code names them `guest_texts.status(...)`, which never collides with the locals
`guest`, `host`, `site` nor shadows the builtin `round`, and one folder of ~30 files is read at
a glance.

Every reference follows: imports (including `from bot import a, b` lines that mix runtime and
moved modules, and imports inside functions), the module's name where the code uses it, dotted
paths in strings (monkeypatch targets, `python -m`), file paths in docs, the packaging files
(pyproject's package list and mypy packages, babel.cfg, the Dockerfile), and the tests that
mirror a moved module. New modules named by the patterns above move too; a module it does not
know stays where it is and is listed. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from refolder_rewrite import (
    Move,
    present_packages,
    rewrite_packaging,
    rewrite_python,
    rewrite_text,
)

# bot/ modules that are the runtime and stay (anything else unrecognised stays too, listed).
RUNTIME = frozenset(
    {
        "__init__", "__main__", "app", "callbacks", "config", "context", "fake_clock", "health",
        "i18n", "lifecycle", "logs", "pacing", "reply_pacing", "retrying", "serving", "state",
        "startup_checks", "throttle", "transport",
    }
)  # fmt: skip
# bot/ view modules whose new name is not the pattern's.
VIEWS = {
    "render": "common_texts",  # the first slice's texts: welcome, help, errors, language
    "keyboards": "common_keys",  # language picker, role choice, back to the menu
    "render_appeal": "appeal_message_texts",  # what a host receives, the progress line
    "render_appeals": "appeal_texts",  # the dispatcher's compose and preview
    "render_posters": "poster_texts",
    "summaries": "summaries",
    "form_texts": "form_texts",
    "form_view": "form_view",
    "menus": "menus",
    "charts": "charts",
}
TOOLS = frozenset(
    {
        "actors", "backup_command", "chat", "chat_command", "chat_seed", "chat_session",
        "chat_view", "demo", "demo_meeting", "poster_command", "poster_layout", "posters", "tour",
    }
)  # fmt: skip
TOOL_PATTERN = re.compile(r"(chat|poster)_\w+|\w+_command")
# handlers/ modules that are background services, not answers to an update.
JOBS = frozenset(
    {
        "alerts", "appeal_progress", "appeal_sender", "courier", "delivery", "housekeeping",
        "outbox", "purge", "reminders", "round_summary", "tick",
    }
)  # fmt: skip
# handlers/ modules that render (typed notice payload -> message): views, under these names.
HANDLER_VIEWS = {"notices": "notices", "notices_meeting": "notices_meeting"}
# handlers/ modules known to answer updates (they stay); a new one is listed, in case it is a job.
HANDLERS = frozenset(
    {
        "__init__", "appeals", "blocking", "board", "edits", "errors", "fallback", "flows",
        "form_answers", "forms", "guard", "guest", "help", "helpdesk", "homes", "host", "incidents",
        "language", "meeting", "membership", "menu", "offer", "overrides", "permits", "privacy",
        "replies", "roles", "round", "sites", "sites_admin", "start", "stats", "status",
        "vetting", "walkin",
    }
)  # fmt: skip
NEW_PACKAGES = {
    "views": "Views per feature: `<feature>_texts` writes the words, `<feature>_keys` the buttons.",
    "tools": "The command-line tools (chat, demo, tour, posters, backup) over the running bot.",
    "jobs": "Background services, started in post_init and stopped in post_shutdown.",
}
# Packages the packaging files must name, in this order, when their folder exists.
TEXT_SUFFIXES = (".md", ".toml", ".cfg", ".txt", ".ini", ".yml", ".yaml", ".sh", ".py")
TEXT_NAMES = ("Dockerfile", "run", ".importlinter")
# Its own rules and tests name the old modules on purpose; catalogs carry no module path.
UNTOUCHED = ("locales/", "scripts/refolder", "tests/test_refolder")


def view_name(stem: str) -> str | None:
    if stem in VIEWS:
        return VIEWS[stem]
    if stem.startswith("render_"):
        return stem.removeprefix("render_") + "_texts"
    if stem.startswith("keyboards_"):
        return stem.removeprefix("keyboards_") + "_keys"
    return None


def plan(root: Path) -> tuple[list[Move], list[str]]:
    """The moves for this tree, and the modules left where they are for want of a rule."""
    moves: list[Move] = []
    stayed: list[str] = []
    for path in sorted((root / "bot").glob("*.py")):
        stem = path.stem
        view = view_name(stem)
        if view is not None:
            moves.append(Move(f"bot.{stem}", f"views.{view}"))
        elif stem in TOOLS or TOOL_PATTERN.fullmatch(stem):
            moves.append(Move(f"bot.{stem}", f"tools.{stem}"))
        elif stem not in RUNTIME:
            stayed.append(f"bot/{path.name}")
    for path in sorted((root / "handlers").glob("*.py")):
        if path.stem in JOBS:
            moves.append(Move(f"handlers.{path.stem}", f"jobs.{path.stem}"))
        elif path.stem in HANDLER_VIEWS:
            moves.append(Move(f"handlers.{path.stem}", f"views.{HANDLER_VIEWS[path.stem]}"))
        elif path.stem not in HANDLERS:
            stayed.append(f"handlers/{path.name}")
    taken = [m.new for m in moves]
    clashes = sorted({name for name in taken if taken.count(name) > 1})
    clashes += [m.new for m in moves if (root / m.new_path).exists()]
    if clashes:
        raise SystemExit(f"refolder: two modules would land on {', '.join(clashes)}")
    return moves, stayed


# --- the tree -------------------------------------------------------------------------------


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def mirrored_tests(root: Path, moves: list[Move]) -> list[tuple[str, str]]:
    """tests/bot/test_render_guest.py -> tests/views/test_guest_texts.py; a test file that
    imports moved modules of one package only (and nothing else of bot/ or handlers/) follows
    them under its own name."""
    moved = {m.old: m for m in moves}
    result: list[tuple[str, str]] = []
    for old_package in ("bot", "handlers"):
        for path in sorted((root / "tests" / old_package).glob("test_*.py")):
            stem = path.stem.removeprefix("test_")
            move = moved.get(f"{old_package}.{stem}")
            if move is not None:
                target = f"tests/{move.new.split('.')[0]}/test_{move.new_name}.py"
            else:
                sole = _sole_package(path.read_text(encoding="utf-8"), moved, old_package)
                if sole is None:
                    continue
                target = f"tests/{sole}/{path.name}"
            if not (root / target).exists():
                result.append((str(path.relative_to(root)), target))
    return result


def _sole_package(source: str, moved: dict[str, Move], old_package: str) -> str | None:
    targets: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == old_package:
                names = [f"{old_package}.{a.name}" for a in node.names]
            elif node.module.startswith(old_package + "."):
                names = [node.module]
        for name in names:
            move = moved.get(name)
            targets.add(move.new.split(".")[0] if move else "")
    return targets.pop() if len(targets) == 1 and "" not in targets else None


def text_files(root: Path) -> list[Path]:
    files = git(root, "ls-files", "-z").split("\0")
    chosen = []
    for name in sorted(f for f in files if f):
        path = root / name
        if not path.is_file() or name.startswith(UNTOUCHED):
            continue
        if name.endswith(TEXT_SUFFIXES) or path.name in TEXT_NAMES:
            chosen.append(path)
    return chosen


def ensure_package(root: Path, folder: str, doc: str | None) -> None:
    init = root / folder / "__init__.py"
    if not init.exists():
        init.parent.mkdir(parents=True, exist_ok=True)
        init.write_text(f'"""{doc}"""\n' if doc else "", encoding="utf-8")
        git(root, "add", str(init.relative_to(root)))


def apply(root: Path, moves: list[Move], known: list[Move]) -> list[str]:
    """Move the files, then rewrite every reference to a module moved now or by an earlier
    run (a branch merged after the re-foldering still says `bot.render_guest`)."""
    for package in sorted({m.new.split(".")[0] for m in moves}):
        ensure_package(root, package, NEW_PACKAGES.get(package))
    for move in moves:
        git(root, "mv", move.old_path, move.new_path)
    for old, new in mirrored_tests(root, moves):
        ensure_package(root, str(Path(new).parent), None)
        git(root, "mv", old, new)
    every = sorted(set(moves) | set(known))
    packages = present_packages(root)
    changed: list[str] = []
    for path in text_files(root):
        text = path.read_text(encoding="utf-8")
        new = rewrite_python(text, every) if path.suffix == ".py" else rewrite_text(text, every)
        new = rewrite_packaging(path, new, packages)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(str(path.relative_to(root)))
    return changed


def tidy(root: Path, files: Iterable[str]) -> None:
    """Re-sort the import blocks and re-wrap the lines that changed, with the project's own
    ruff settings (the tree is ruff-format clean, so only what this script touched moves)."""
    python = [f for f in files if f.endswith(".py")]
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not python:
        return
    if not Path(ruff).exists():
        print("refolder: ruff not found; run `ruff check --fix --select I . && ruff format .`")
        return
    for command in (["check", "--fix", "--select", "I", "--quiet"], ["format", "--quiet"]):
        subprocess.run([ruff, *command, *python], cwd=root, check=False)


def report(moves: list[Move], stayed: list[str]) -> str:
    rows = ["| from | to |", "| --- | --- |"]
    rows += [f"| {m.old_path} | {m.new_path} |" for m in moves]
    if stayed:
        rows += ["", "Not recognised, left in place: " + ", ".join(stayed)]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    moves, stayed = plan(root)
    print(report(moves, stayed))
    if args.dry_run:
        return 0
    changed = apply(root, moves, already_moved(root))
    tidy(root, changed)
    print(f"\n{len(moves)} modules moved, {len(changed)} files rewritten")
    return 0


def already_moved(root: Path) -> list[Move]:
    """The moves an earlier run made, read back from what sits in views/, tools/ and jobs/."""
    back = {new: f"bot.{old}" for old, new in VIEWS.items()}
    back |= {new: f"handlers.{old}" for old, new in HANDLER_VIEWS.items()}
    moves: list[Move] = []
    for path in sorted((root / "views").glob("*.py")):
        stem = path.stem
        if stem in back:
            old = back[stem]
        elif stem.endswith("_texts"):
            old = "bot.render_" + stem.removesuffix("_texts")
        elif stem.endswith("_keys"):
            old = "bot.keyboards_" + stem.removesuffix("_keys")
        else:
            continue
        moves.append(Move(old, f"views.{stem}"))
    for package, old_package in (("tools", "bot"), ("jobs", "handlers")):
        for path in sorted((root / package).glob("*.py")):
            if path.stem != "__init__":
                moves.append(Move(f"{old_package}.{path.stem}", f"{package}.{path.stem}"))
    return [m for m in moves if not (root / m.old_path).exists()]


if __name__ == "__main__":
    sys.exit(main())
