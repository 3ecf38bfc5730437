"""The handlers' layering, as a test: no handler imports another handler, the modules they
share import no handler either, nothing in handlers/ forms an import cycle, and no import
hides inside a function to dodge one."""

from __future__ import annotations

import ast
from pathlib import Path

HANDLERS = Path(__file__).resolve().parents[2] / "handlers"


def _sources(name: str) -> list[Path]:
    """A handler's file, or every file of a handler package (handlers/driving/)."""
    single = HANDLERS / f"{name}.py"
    return [single] if single.exists() else sorted((HANDLERS / name).glob("*.py"))


def _tree(name: str) -> ast.Module:
    module = ast.Module(body=[], type_ignores=[])
    for path in _sources(name):
        module.body += ast.parse(path.read_text("utf-8")).body
    return module


def _modules() -> list[str]:
    files = {p.stem for p in HANDLERS.glob("*.py")}
    packages = {p.parent.name for p in HANDLERS.glob("*/__init__.py")}
    return sorted((files | packages) - {"__init__"})


def registered() -> set[str]:
    """The handler modules: those the ordered registry (handlers/__init__.py) registers."""
    found: set[str] = set()
    for node in _tree("__init__").body:
        if isinstance(node, ast.ImportFrom) and node.module == "handlers":
            found.update(alias.name for alias in node.names)
    return found


def imported(name: str) -> set[str]:
    """The modules of handlers/ that this one imports (at any depth of its code)."""
    found: set[str] = set()
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.ImportFrom) and node.module == "handlers":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("handlers."):
            found.add((node.module or "").split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("handlers."))
    return (found & set(_modules())) - {name}  # a package's parts may import each other


def test_the_registry_names_the_handlers() -> None:
    assert {"round", "overrides", "board", "offer", "blocking", "form_answers"} <= registered()
    assert "forms" not in registered()  # the form engine is shared; form_answers is registered


def test_no_handler_imports_another_handler() -> None:
    handlers = registered()
    offenders = {
        name: sorted(imported(name) & handlers) for name in handlers if imported(name) & handlers
    }
    assert offenders == {}


def test_the_shared_modules_import_no_handler() -> None:
    handlers = registered()
    shared = set(_modules()) - handlers
    offenders = {
        name: sorted(imported(name) & handlers) for name in shared if imported(name) & handlers
    }
    assert offenders == {}


def test_handlers_form_no_import_cycle() -> None:
    graph = {name: imported(name) for name in _modules()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for follower in sorted(graph[name]):
            visit(follower, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_no_import_hides_inside_a_function() -> None:
    hidden = []
    for name in _modules():
        for node in ast.walk(_tree(name)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                hidden += [
                    f"{name}.{node.name}"
                    for inner in ast.walk(node)
                    if isinstance(inner, (ast.Import, ast.ImportFrom))
                ]
    assert hidden == []
