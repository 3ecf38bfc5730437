"""The answers to a form under way: its buttons and typed text (the engine: handlers/forms)."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from handlers import forms
from handlers.replies import answer, show
from views import common_texts, drafts_texts
from views.common_keys import DraftDrop, DraftGo
from views.form_view import FormPress


async def on_button(update: Update, context: BotContext, pressed: FormPress) -> None:
    """A form's button; one from a form no longer under way is answered as expired."""
    if not await forms.press(update, context, pressed):
        await answer(update, common_texts.expired_button(context.t), alert=True)


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text answers the current question; with no form under way it gets the fallback."""
    if await forms.type_in(update, context):
        return
    if update.effective_message:
        await update.effective_message.reply_text(common_texts.free_text(context.t))


async def on_draft_go(update: Update, context: BotContext, _: DraftGo) -> None:
    """Carry on with the half-done form at its next question."""
    user = update.effective_user
    draft = await context.store.drafts.get(user.id) if user else None
    flow = context.flows.get(draft.form) if draft else None
    if draft is None or flow is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await forms.ask(update, context, flow, dict(draft.answers))


async def on_draft_drop(update: Update, context: BotContext, _: DraftDrop) -> None:
    """Delete the half-done form."""
    user = update.effective_user
    draft = await context.store.drafts.get(user.id) if user else None
    if draft is None or context.flows.get(draft.form) is None:
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await context.store.drafts.delete(draft.user_id)
    await show(update, drafts_texts.dropped(context.t))
