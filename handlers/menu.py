"""The role choice: offer a bed, ask for a bed, or (for dispatchers) dispatch."""

from __future__ import annotations

from telegram import Update

from bot import callbacks, keyboards, render
from bot.context import BotContext
from dispatch.deeplinks import Intent
from handlers.homes import may_dispatch, show_intent
from handlers.replies import answer, show


async def choose_role(update: Update, context: BotContext) -> None:
    """Follow the pressed role button; the dispatcher's entry is re-checked on every press."""
    query = update.callback_query
    choice = callbacks.parse(query.data if query else None)
    if query is None or choice is None:
        return
    if choice.action == "dispatch":
        if not may_dispatch(context):
            await answer(update, render.not_allowed(context.t), alert=True)
            return
        people = await context.store.users.count()
        await show(
            update, render.dispatcher_intro(context.t, people), keyboards.back_to_menu(context.t)
        )
        return
    if choice.action not in Intent.__members__.values():
        await answer(update, render.expired_button(context.t), alert=True)
        return
    await show_intent(update, context, Intent(choice.action))


async def back_to_menu(update: Update, context: BotContext) -> None:
    """Return to the role choice from any of its pages."""
    await show_intent(update, context, None)
