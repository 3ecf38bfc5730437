"""The rewriting half of scripts/refolder.py: Python sources, other text files, packaging.

Pure functions from text to text, so the tests can try them on a few lines.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

PACKAGES = (
    "bot", "handlers", "webapp", "usecases", "jobs", "views", "tools", "dispatch", "storage"
)  # fmt: skip


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
        # A comment on the statement's first or last line (a noqa for E402) goes with each
        # piece; one on a line inside the parentheses stays above them.
        first = _comments(lines[node.lineno - 1])
        last = _comments(lines[node.end_lineno - 1][node.end_col_offset :])
        inner = [
            c
            for line in lines[node.lineno : node.end_lineno - 1]
            for c in _comments(line.strip(" \t,"))
        ]
        tail = "".join(f"  {c}" for c in first + last)
        statements = [f"{indent}{comment}\n" for comment in inner] + [
            f"{indent}from {package} import {', '.join(names)}{tail}\n"
            for package, names in sorted(groups.items())
        ]
        lines[node.lineno - 1 : node.end_lineno] = statements
    return "".join(lines)


def _comments(text: str) -> list[str]:
    """The `# ...` comment of one line of code, if any (strings may hold a '#')."""
    at = text.find("#")
    while at != -1:
        before = text[:at]
        if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
            return [text[at:].strip()]
        at = text.find("#", at + 1)
    return []


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
        missing = [package for package in packages if package not in names]
        if not missing:
            return match.group(0)  # as written, one line or several
        quoted = [f'"{name}{star}"' for name in names + missing]
        line = match.group(1) + ", ".join(quoted) + "]"
        if len(line) <= 100:
            return line
        return match.group(1) + "".join(f"\n    {q}," for q in quoted) + "\n]"

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


def rewrite_packaging(path: Path, text: str, packages: list[str]) -> str:
    if path.name == "pyproject.toml":
        return rewrite_pyproject(text, packages)
    if path.name == "babel.cfg":
        return rewrite_babel(text, packages)
    if path.name == "Dockerfile":
        return rewrite_dockerfile(text, packages)
    return text
