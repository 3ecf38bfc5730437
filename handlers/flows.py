"""What each form needs from the bot: its run-time options, checks, summary and completion."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.context import BotContext
from dispatch.forms import Choices, Form
from dispatch.forms import Labels as Labels  # the flows' callers name it from here
from dispatch.inputs import Problem

Runtime = Callable[[BotContext], Awaitable[tuple[Choices, Labels]]]
Complete = Callable[[Update, BotContext, dict[str, Any]], Awaitable[None]]
Summary = Callable[[BotContext, dict[str, Any], Labels], str]
Check = Callable[[str, dict[str, Any]], Problem | None]
OnProblem = Callable[[Update, BotContext, Problem], Awaitable[bool]]


async def no_runtime(_: BotContext) -> tuple[Choices, Labels]:
    return {}, {}


@dataclass(frozen=True)
class Flow:
    form: Form
    complete: Complete
    runtime: Runtime = no_runtime
    summary: Summary | None = None  # shown above the final confirmation
    check: Check | None = None  # a cross-question rule, run after each answer
    resets: tuple[str, ...] = ()  # questions asked again when the check fails
    on_problem: OnProblem | None = None  # a failed check that leaves the form (minors)

    async def options(self, context: BotContext) -> tuple[Choices, Labels]:
        """The run-time options, read once per update. They come from the database (sites, a
        host's sites, recent stays), which no step of a form changes before it completes."""
        known: tuple[Choices, Labels] | None = context.form_options.get(self.form.name)
        if known is None:
            known = context.form_options[self.form.name] = await self.runtime(context)
        return known


class FlowRegistry:
    """Flows by form name; profile edits are built on demand from the registration form."""

    def __init__(self) -> None:
        self._flows: dict[str, Flow] = {}
        self._factories: dict[str, Callable[[str], Flow | None]] = {}

    def add(self, flow: Flow) -> None:
        self._flows[flow.form.name] = flow

    def add_factory(self, prefix: str, factory: Callable[[str], Flow | None]) -> None:
        self._factories[prefix] = factory

    def get(self, name: str) -> Flow | None:
        if name in self._flows:
            return self._flows[name]
        for prefix, factory in self._factories.items():
            if name.startswith(prefix):
                return factory(name)
        return None
