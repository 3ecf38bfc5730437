"""Draw every form as a Mermaid flowchart, from the form declarations themselves.

    python scripts/form_diagrams.py          # (re)write docs/forms/*.md
    python scripts/form_diagrams.py --check  # fail if a committed diagram is stale

A form is every `dispatch.forms.Form` declared at module level in dispatch/, handlers/ (and
usecases/ when it exists); the bot's side of each (its checks, the questions a failed check asks
again, what completes it) comes from the flows the handlers install. Conditions are read from the
code of `when`, so a changed rule changes the drawing, and a test keeps the drawings current.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import pkgutil
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "forms"
PACKAGES = ("dispatch", "handlers", "usecases")
sys.path.insert(0, str(ROOT))

from dispatch.forms import Field, Form, Kind  # noqa: E402

KIND_WORDS = {
    Kind.CHOICE: "one of",
    Kind.MULTI: "several of",
    Kind.NUMBER: "a number",
    Kind.TEXT: "typed text",
    Kind.PHONE: "a phone number",
    Kind.TIME: "a time",
    Kind.TIMEZONE: "a time zone",
    Kind.COORDINATES: "a location",
    Kind.PARAGRAPH: "a paragraph",
}


def modules() -> Iterator[Any]:
    for name in PACKAGES:
        if not (ROOT / name / "__init__.py").exists():
            continue
        package = importlib.import_module(name)
        yield package
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            yield importlib.import_module(f"{name}.{info.name}")


def forms() -> list[tuple[str, Form]]:
    """(module, form) for each form declared at module level, once, in module order."""
    found: dict[str, tuple[str, Form]] = {}
    for module in modules():
        for value in vars(module).values():
            if isinstance(value, Form) and value.name not in found:
                found[value.name] = (module.__name__, value)
    return sorted(found.values(), key=lambda item: (item[0], item[1].name))


def flows() -> Any:
    """The bot's side of each form, installed by the handlers into a registry of our own."""
    from handlers.flows import FlowRegistry

    registry = FlowRegistry()
    for module in modules():
        install = getattr(module, "install_flows", None)
        if module.__name__.startswith("handlers.") and callable(install):
            install(registry)
    return registry


def condition(when: Callable[..., bool]) -> str:
    """`lambda a: a.get("who") == "alone"` reads `who == alone`."""
    source = textwrap.dedent(inspect.getsource(when))
    expression = _lambda_body(source) if when.__name__ == "<lambda>" else _return_value(source)
    text = re.sub(r"\b_(\w+)\(\w+\)", lambda m: m.group(1).replace("_", " "), expression)
    text = re.sub(r"\w+\.get\((['\"])(\w+)\1(?:, [^)]*)?\)", r"\2", text)
    text = re.sub(r"\bint\((\w+)\)", r"\1", text)
    return text.replace('"', "").replace("'", "")


def _return_value(source: str) -> str:
    returns = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Return) and n.value]
    return ast.unparse(returns[-1].value) if returns else "…"  # type: ignore[arg-type]


def _lambda_body(source: str) -> str:
    text = source[source.index("lambda") :]
    for end in range(len(text), 0, -1):
        try:
            tree = ast.parse(text[:end], mode="eval")
        except SyntaxError:
            continue
        if isinstance(tree.body, ast.Lambda):
            return ast.unparse(tree.body.body)
    return "…"


def label(form: Form, field: Field) -> str:
    words = KIND_WORDS[field.kind]
    if field.kind is Kind.NUMBER:
        words += f" {field.low}–{field.high}"
    elif isinstance(field.options, tuple) and field.options:
        shown = ", ".join(field.options[:6]) + (", …" if len(field.options) > 6 else "")
        words += f": {shown}"
    elif callable(field.options):
        words += f": {field.options.__name__.strip('_').replace('_', ' ')}"
    notes = []
    if field.optional:
        notes.append("may be skipped")
    if field.name in form.autofill_single:
        notes.append("answered by itself if only one")
    suffix = "".join(f"<br/><i>{note}</i>" for note in notes)
    return f'{node(field.name)}["<b>{field.name}</b><br/>{words}{suffix}"]'


def diagram(module: str, form: Form, flow: Any) -> str:
    """The Mermaid source: the questions in order, a skip edge past each conditional one."""
    lines = ["flowchart TD", "    start([start])"]
    lines += [f"    {label(form, field)}" for field in form.fields]
    done = _qualified(flow.complete) if flow is not None else "the form completes"
    lines.append(f'    done(["{done}"])')
    lines += [f"    {edge}" for edge in edges(form)]
    if flow is not None and flow.check is not None:
        lines += _check_lines(flow)
    return "\n".join(lines)


def edges(form: Form) -> list[str]:
    """After each question, the next one asked: a run of questions under one condition is
    entered "if" it holds, and skipped otherwise."""
    blocks: list[list[Field]] = []
    for field in form.fields:
        if blocks and field.when is blocks[-1][0].when and _conditional(field):
            blocks[-1].append(field)
        else:
            blocks.append([field])
    result: list[str] = []

    def leave(origin: str, start: int) -> None:
        for block in blocks[start:]:
            first = block[0]
            if not _conditional(first):
                result.append(f"{origin} --> {node(first.name)}")
                return
            result.append(f'{origin} -- "if {condition(first.when)}" --> {node(first.name)}')
        result.append(f"{origin} --> done")

    leave("start", 0)
    for index, block in enumerate(blocks):
        result += [f"{node(a.name)} --> {node(b.name)}" for a, b in pairwise(block)]
        leave(node(block[-1].name), index + 1)
    return result


def node(name: str) -> str:
    """A question's node id: prefixed, so no field name can be a Mermaid keyword (`end`)."""
    return f"q_{name}"


def _conditional(field: Field) -> bool:
    return field.when.__name__ != "_always"


def _check_lines(flow: Any) -> list[str]:
    lines = [f'    check{{{{"{_qualified(flow.check)}<br/>after each answer"}}}}']
    if flow.resets:
        lines.append(f'    check -. "fails: asks again" .-> {node(flow.resets[0])}')
    if flow.on_problem is not None:
        lines.append(f'    check -. "some problems" .-> leaves(["{_qualified(flow.on_problem)}"])')
    return lines


def _qualified(function: Callable[..., Any]) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def page(module: str, form: Form, flow: Any) -> str:
    summary = (
        f" Before the last question it shows `{_qualified(flow.summary)}`."
        if flow is not None and flow.summary is not None
        else ""
    )
    return (
        f"# Form `{form.name}`\n\n"
        f"Generated by `scripts/form_diagrams.py` from `{module}`; do not edit by hand.{summary}\n"
        f"A question whose arrow says *if* is asked only then; otherwise the next is.\n\n"
        f"```mermaid\n{diagram(module, form, flow)}\n```\n"
    )


def pages() -> dict[str, str]:
    registry, declared = flows(), forms()
    result = {f"{f.name}.md": page(module, f, registry.get(f.name)) for module, f in declared}
    index = [f"- [`{f.name}`]({f.name}.md), declared in `{module}`" for module, f in declared]
    result["README.md"] = (
        "# The forms\n\nOne diagram per form, generated by `scripts/form_diagrams.py` from the\n"
        "declarations (a test fails when one is stale). Profile and site edits are one-question\n"
        "forms built from the registration forms' own questions.\n\n" + "\n".join(index) + "\n"
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    wanted = pages()
    present = {p.name: p.read_text(encoding="utf-8") for p in sorted(OUT.glob("*.md"))}
    if args.check:
        stale = sorted(n for n in wanted.keys() | present.keys() if wanted.get(n) != present.get(n))
        if stale:
            print("stale form diagrams (run scripts/form_diagrams.py): " + ", ".join(stale))
            return 1
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name in present.keys() - wanted.keys():
        (OUT / name).unlink()
    for name, text in wanted.items():
        (OUT / name).write_text(text, encoding="utf-8")
    print(f"{len(wanted)} form diagrams in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
