"""The form engine's Telegram side: ask the current question, read the answer, move on.
Shared by every feature that asks something (it registers nothing: handlers/form_answers.py
receives the buttons and the typed answers).

Answers live in a draft in the database, so another command in between, or a restart of the
bot, never loses them: the next button or text continues where the person stopped.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from dispatch.forms import (
    Field,
    Kind,
    autofill,
    finish_multi,
    read_button,
    read_typed,
    toggle,
)
from dispatch.inputs import InvalidInput, Problem
from handlers.flows import Flow
from handlers.replies import answer, show
from views import common_keys, common_texts, drafts_texts, form_view
from views.form_view import FormOp, FormPress


async def begin(
    update: Update, context: BotContext, name: str, answers: dict[str, Any] | None = None
) -> None:
    """Start (or restart) a form, with answers already known filled in."""
    flow = context.flows.get(name)
    user = update.effective_user
    if flow is None or user is None:
        return
    answers = dict(answers or {})
    choices, _ = await flow.options(context)
    autofill(flow.form, answers, choices)
    await context.store.drafts.save(user.id, name, answers, context.now())
    await ask(update, context, flow, answers)


async def begin_below(
    update: Update, context: BotContext, name: str, answers: dict[str, Any]
) -> None:
    """Start a text-only form in a new message, below the one just shown (which keeps what
    it says, a code for instance), rather than in its place."""
    flow = context.flows.get(name)
    user = update.effective_user
    field = flow.form.next_field(answers) if flow else None
    if flow is None or user is None or field is None:
        return
    await context.store.drafts.save(user.id, name, answers, context.now())
    await context.bot.send_message(user.id, form_view.question(context.t, flow.form, field))


async def resume(update: Update, context: BotContext, name: str) -> bool:
    """Continue a draft of this form if there is one, saying so; False when there is none."""
    user = update.effective_user
    draft = await context.store.drafts.get(user.id) if user else None
    flow = context.flows.get(name)
    if draft is None or draft.form != name or flow is None:
        return False
    await ask(update, context, flow, dict(draft.answers), lead=drafts_texts.resumed(context.t))
    return True


async def show_unfinished(update: Update, context: BotContext) -> bool:
    """Say which form is half-done and offer to carry on or drop it; False when none is."""
    user = update.effective_user
    draft = await context.store.drafts.get(user.id) if user else None
    if draft is None or context.flows.get(draft.form) is None:
        return False
    t = context.t
    text = drafts_texts.unfinished(t, draft.form) + "\n\n" + drafts_texts.choose(t)
    await show(update, text, common_keys.unfinished_form(t))
    return True


async def ask(
    update: Update,
    context: BotContext,
    flow: Flow,
    answers: dict[str, Any],
    problem: Problem | None = None,
    *,
    lead: str | None = None,
) -> None:
    """Show the current question (or finish the form when none is left)."""
    field = flow.form.next_field(answers)
    if field is None:
        await _finish(update, context, flow, answers)
        return
    t = context.t
    choices, labels = await flow.options(context)
    parts = [lead] if lead else []
    parts += [form_view.problem_text(t, problem, field)] if problem else []
    if field.name == "confirm" and flow.summary is not None:
        parts.append(flow.summary(context, answers, labels))
    parts.append(form_view.question(t, flow.form, field))
    markup = form_view.keyboard(
        t,
        flow.form,
        field,
        answers,
        field.choices(answers, choices),
        labels,
        can_go_back=flow.form.previous_field(answers) is not None,
    )
    await show(update, "\n\n".join(parts), markup)


async def press(update: Update, context: BotContext, pressed: FormPress) -> bool:
    """A button of a form: set, toggle, done, skip, back or cancel; False when no form is
    under way for it (the caller answers it as expired)."""
    user = update.effective_user
    draft = await context.store.drafts.get(user.id) if user else None
    flow = context.flows.get(draft.form) if draft else None
    field = flow.form.next_field(draft.answers) if flow and draft else None
    if draft is None or flow is None or field is None:
        return False
    if pressed.field != field.name:
        await answer(update, common_texts.expired_button(context.t))
        await ask(update, context, flow, dict(draft.answers))
        return True
    answers = dict(draft.answers)
    op, value = pressed.op, pressed.value or ""
    if op is FormOp.CANCEL:
        await context.store.drafts.delete(draft.user_id)
        await show(update, common_texts.cancelled(context.t))
        return True
    try:
        await _apply(context, flow, field, answers, op, value)
    except InvalidInput as invalid:
        await ask(update, context, flow, answers, invalid.problem)
        return True
    await after_answer(update, context, flow, field, answers)
    return True


async def type_in(update: Update, context: BotContext) -> bool:
    """Typed text answers the current question; False when no form is under way."""
    user, message = update.effective_user, update.effective_message
    draft = await context.store.drafts.get(user.id) if user else None
    flow = context.flows.get(draft.form) if draft else None
    field = flow.form.next_field(draft.answers) if flow and draft else None
    if message is None or draft is None or flow is None or field is None:
        return False
    answers = dict(draft.answers)
    try:
        answers[field.name] = read_typed(field, message.text or "")
    except InvalidInput as invalid:
        await ask(update, context, flow, answers, invalid.problem)
        return True
    await after_answer(update, context, flow, field, answers)
    return True


async def _apply(
    context: BotContext, flow: Flow, field: Field, answers: dict[str, Any], op: FormOp, value: str
) -> None:
    choices, _ = await flow.options(context)
    working = f"_{field.name}"
    if op is FormOp.SET:
        answers[field.name] = read_button(field, value, answers, choices)
    elif op in (FormOp.ON, FormOp.OFF, FormOp.TOG):
        selected = answers.get(working, answers.get(field.name, []))
        answers.pop(field.name, None)
        on = None if op is FormOp.TOG else op is FormOp.ON
        answers[working] = toggle(field, value, list(selected), answers, choices, on=on)
    elif op is FormOp.DONE and field.kind is Kind.MULTI:
        answers[field.name] = finish_multi(field, list(answers.pop(working, [])))
    elif op is FormOp.SKIP and field.optional:
        answers[field.name] = ""
    elif op is FormOp.BACK:
        _go_back(flow, field, answers, choices)
    else:
        raise InvalidInput(Problem.NOT_AN_OPTION)


def _go_back(flow: Flow, current: Field, answers: dict[str, Any], choices: Any) -> None:
    """Forget the previous answer; skip over questions that answer themselves."""
    while (previous := flow.form.previous_field(answers)) is not None:
        del answers[previous.name]
        answers.pop(f"_{previous.name}", None)
        autofill(flow.form, answers, choices)
        if flow.form.next_field(answers) != current:
            return


async def after_answer(
    update: Update, context: BotContext, flow: Flow, field: Field, answers: dict[str, Any]
) -> None:
    """Run the form's cross-question check, save, and ask what comes next."""
    problem = flow.check(field.name, answers) if flow.check else None
    if problem is not None and flow.on_problem and await flow.on_problem(update, context, problem):
        return
    if problem is not None:
        for name in (field.name, *flow.resets):
            answers.pop(name, None)
    user = update.effective_user
    assert user is not None
    choices, _ = await flow.options(context)
    autofill(flow.form, answers, choices)
    answers = flow.form.relevant(answers)
    await context.store.drafts.save(user.id, flow.form.name, answers, context.now())
    await ask(update, context, flow, answers, problem)


async def _finish(update: Update, context: BotContext, flow: Flow, answers: dict[str, Any]) -> None:
    final = {k: v for k, v in flow.form.relevant(answers).items() if not k.startswith("_")}
    await flow.complete(update, context, final)
