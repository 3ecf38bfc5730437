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
import io
import re
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# bot/ modules that are the runtime and stay (anything else unrecognised stays too, listed).
RUNTIME = frozenset(
    {
        "__init__", "__main__", "app", "callbacks", "config", "context", "fake_clock", "health",
        "i18n", "lifecycle", "logs", "pacing", "reply_pacing", "retrying", "serving",
        "startup_checks", "transport",
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
        "chat_view", "demo", "poster_command", "poster_layout", "posters", "tour",
    }
)  # fmt: skip
TOOL_PATTERN = re.compile(r"(chat|poster)_\w+|\w+_command")
# handlers/ modules that are background services, not answers to an update.
JOBS = frozenset(
    {
        "alerts", "appeal_progress", "appeal_sender", "courier", "delivery", "outbox", "purge",
        "reminders", "round_summary", "tick",
    }
)  # fmt: skip
NEW_PACKAGES = {
    "views": "Views per feature: `<feature>_texts` writes the words, `<feature>_keys` the buttons.",
    "tools": "The command-line tools (chat, demo, tour, posters, backup) over the running bot.",
    "jobs": "Background services, started in post_init and stopped in post_shutdown.",
}
# Packages the packaging files must name, in this order, when their folder exists.
PACKAGES = ("bot", "handlers", "usecases", "jobs", "views", "tools", "dispatch", "storage")
TEXT_SUFFIXES = (".md", ".toml", ".cfg", ".txt", ".ini", ".yml", ".yaml", ".sh", ".py")
TEXT_NAMES = ("Dockerfile", "run", ".importlinter")


@dataclass(frozen=True, order=True)
class Move:
    old: str  # dotted: bot.render_guest
    new: str  # dotted: views.guest_texts

    @property
    def old_path(self) -> str:
        return self.old.replace(".", "/") + ".py"

    @property
    def new_path(self) -> str:
        return self.new.replace(".", "/") + ".py"

    @property
    def old_name(self) -> str:
        return self.old.rsplit(".", 1)[1]

    @property
    def new_name(self) -> str:
        return self.new.rsplit(".", 1)[1]


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
    taken = [m.new for m in moves]
    clashes = sorted({name for name in taken if taken.count(name) > 1})
    clashes += [m.new for m in moves if (root / m.new_path).exists()]
    if clashes:
        raise SystemExit(f"refolder: two modules would land on {', '.join(clashes)}")
    return moves, stayed


# --- Python sources --------------------------------------------------------------------------


def rename_uses(source: str, renames: dict[str, str]) -> tuple[str, set[str]]:
    """Rename the module names a file uses (`render_guest.x` -> `guest_texts.x`); a name that the
    file also binds otherwise, or whose new name it already uses, keeps its old name (aliased)."""
    bound, used, spots = _names(ast.parse(source))
    aliased: set[str] = set()
    edits: list[tuple[int, int, str, str]] = []
    for old, new in renames.items():
        if old in bound or new in used or new in bound:
            aliased.add(old)
            continue
        edits += [(line, col, old, new) for line, col in spots.get(old, ())]
    lines = source.splitlines(keepends=True)
    for line, col, old, new in sorted(edits, reverse=True):
        text = lines[line - 1]
        lines[line - 1] = text[:col] + new + text[col + len(old) :]
    return "".join(lines), aliased


def _names(tree: ast.Module) -> tuple[set[str], set[str], dict[str, list[tuple[int, int]]]]:
    """Names the file binds, names it uses, and where each name is read."""
    bound: set[str] = set()
    used: set[str] = set()
    spots: dict[str, list[tuple[int, int]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            used.add(node.id)
            if isinstance(node.ctx, ast.Load):
                spots.setdefault(node.id, []).append((node.lineno, node.col_offset))
            else:
                bound.add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            bound.update(node.names)
        elif isinstance(node, ast.alias) and node.asname:
            used.add(node.asname)
    return bound, used, spots


def import_renames(tree: ast.Module, moved: dict[str, Move]) -> dict[str, str]:
    """`from bot import render_guest` binds a name that changes with the module's."""
    renames: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                move = moved.get(f"{node.module}.{alias.name}")
                if move and alias.asname is None and move.new_name != move.old_name:
                    renames[move.old_name] = move.new_name
    return renames


def rewrite_from_imports(source: str, moved: dict[str, Move], aliased: set[str]) -> str:
    """Split `from bot import callbacks, render_guest` into one import per package."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    nodes = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.level == 0
        and any(f"{node.module}.{a.name}" in moved for a in node.names)
    ]
    for node in sorted(nodes, key=lambda n: n.lineno, reverse=True):
        assert node.end_lineno is not None and node.module is not None
        indent = " " * node.col_offset
        groups: dict[str, list[str]] = {}
        for alias in node.names:
            move = moved.get(f"{node.module}.{alias.name}")
            if move is None:
                groups.setdefault(node.module, []).append(_alias(alias.name, alias.asname))
                continue
            package, name = move.new.rsplit(".", 1)
            asname = alias.asname or (alias.name if alias.name in aliased else None)
            groups.setdefault(package, []).append(_alias(name, asname))
        statements = [
            f"{indent}from {package} import {', '.join(names)}\n"
            for package, names in sorted(groups.items())
        ]
        lines[node.lineno - 1 : node.end_lineno] = statements
    return "".join(lines)


def _alias(name: str, asname: str | None) -> str:
    return name if asname is None or asname == name else f"{name} as {asname}"


def rewrite_words_in_prose(source: str, words: dict[str, str]) -> str:
    """Module names mentioned in comments and docstrings (`see render_appeal`)."""
    if not words:
        return source
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(words))) + r")\b")
    lines = source.splitlines(keepends=True)
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.COMMENT, tokenize.STRING) and pattern.search(token.string):
            spans.append((token.start, token.end))
    for (srow, scol), (erow, ecol) in reversed(spans):
        text = "".join(lines[srow - 1 : erow])
        end = len(text) - (len(lines[erow - 1]) - ecol)
        new = text[:scol] + pattern.sub(lambda m: words[m.group(1)], text[scol:end]) + text[end:]
        lines[srow - 1 : erow] = new.splitlines(keepends=True)
    return "".join(lines)


def rewrite_python(source: str, moves: list[Move]) -> str:
    moved = {m.old: m for m in moves}
    renames = import_renames(ast.parse(source), moved)
    source, aliased = rename_uses(source, renames)
    source = rewrite_from_imports(source, moved, aliased)
    source = rewrite_paths(source, moves)
    return rewrite_words_in_prose(source, distinctive_words(moves))


# --- every text file ------------------------------------------------------------------------


def distinctive_words(moves: list[Move]) -> dict[str, str]:
    """Old module names that cannot be mistaken for a plain word (render_x, keyboards_x)."""
    return {
        m.old_name: m.new_name
        for m in moves
        if "_" in m.old_name and m.old_name != m.new_name and m.old_name not in ("form_view",)
    }


def rewrite_paths(text: str, moves: list[Move]) -> str:
    """Dotted module paths and file paths, wherever they appear."""
    for move in sorted(moves, key=lambda m: -len(m.old)):
        text = re.sub(rf"(?<![\w.]){re.escape(move.old)}\b", move.new, text)
        old_dir, new_dir = move.old_path[:-3], move.new_path[:-3]
        text = re.sub(rf"(?<![\w/.]){re.escape(old_dir)}(?=\.py\b|\b)", new_dir, text)
    return text


def rewrite_text(text: str, moves: list[Move]) -> str:
    text = rewrite_paths(text, moves)
    words = distinctive_words(moves)
    if words:
        pattern = re.compile(r"(?<![\w./])(" + "|".join(map(re.escape, sorted(words))) + r")\b")
        text = pattern.sub(lambda m: words[m.group(1)], text)
    return text


# --- packaging ------------------------------------------------------------------------------


def present_packages(root: Path) -> list[str]:
    return [p for p in PACKAGES if (root / p / "__init__.py").exists()]


def rewrite_pyproject(text: str, packages: list[str]) -> str:
    def extend(match: re.Match[str], star: str) -> str:
        names = re.findall(r'"([^"*]+)\*?"', match.group(2))
        for package in packages:
            if package not in names:
                names.append(package)
        return match.group(1) + ", ".join(f'"{n}{star}"' for n in names) + "]"

    text = re.sub(r"(\ninclude = \[)([^\]]*)\]", lambda m: extend(m, "*"), text)
    return re.sub(r"(\npackages = \[)([^\]]*)\]", lambda m: extend(m, ""), text)


def rewrite_babel(text: str, packages: list[str]) -> str:
    for package in packages:
        if package in ("storage",):  # SQL only: no message to extract
            continue
        line = f"[python: {package}/**.py]"
        if line not in text:
            text = text.rstrip("\n") + "\n" + line + "\n"
    return text


def rewrite_dockerfile(text: str, packages: list[str]) -> str:
    copies = re.findall(r"^COPY (\w+) \./\1\n", text, flags=re.M)
    if not copies:
        return text
    names = sorted(set(copies) | set(packages))
    block = "".join(f"COPY {name} ./{name}\n" for name in names)
    first = re.search(r"^COPY (\w+) \./\1\n(?:COPY (\w+) \./\2\n)*", text, flags=re.M)
    assert first is not None
    return text[: first.start()] + block + text[first.end() :]


# --- the tree -------------------------------------------------------------------------------


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def test_moves(root: Path, moves: list[Move]) -> list[tuple[str, str]]:
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
        if not path.is_file() or name.startswith(("locales/", "scripts/refolder.py")):
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
    for old, new in test_moves(root, moves):
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


def rewrite_packaging(path: Path, text: str, packages: list[str]) -> str:
    if path.name == "pyproject.toml":
        return rewrite_pyproject(text, packages)
    if path.name == "babel.cfg":
        return rewrite_babel(text, packages)
    if path.name == "Dockerfile":
        return rewrite_dockerfile(text, packages)
    return text


def sort_imports(root: Path, files: Iterable[str]) -> None:
    """Re-sort the import blocks that changed (ruff's isort rules, the project's own)."""
    python = [f for f in files if f.endswith(".py")]
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if python and Path(ruff).exists():
        subprocess.run(
            [ruff, "check", "--fix", "--select", "I", "--quiet", *python],
            cwd=root,
            check=False,
        )


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
    sort_imports(root, changed)
    print(f"\n{len(moves)} modules moved, {len(changed)} files rewritten")
    return 0


def already_moved(root: Path) -> list[Move]:
    """The moves an earlier run made, read back from what sits in views/, tools/ and jobs/."""
    back = {new: old for old, new in VIEWS.items()}
    moves: list[Move] = []
    for path in sorted((root / "views").glob("*.py")):
        stem = path.stem
        if stem in back:
            old = back[stem]
        elif stem.endswith("_texts"):
            old = "render_" + stem.removesuffix("_texts")
        elif stem.endswith("_keys"):
            old = "keyboards_" + stem.removesuffix("_keys")
        else:
            continue
        moves.append(Move(f"bot.{old}", f"views.{stem}"))
    for package, old_package in (("tools", "bot"), ("jobs", "handlers")):
        for path in sorted((root / package).glob("*.py")):
            if path.stem != "__init__":
                moves.append(Move(f"{old_package}.{path.stem}", f"{package}.{path.stem}"))
    return [m for m in moves if not (root / m.old_path).exists()]


if __name__ == "__main__":
    sys.exit(main())
