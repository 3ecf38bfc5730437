"""The role choice: offer a bed, ask for a bed, or (for dispatchers) dispatch."""

from __future__ import annotations

from telegram import Update

from bot import callbacks
from bot.context import BotContext
from dispatch.deeplinks import Intent
from handlers.homes import may_dispatch, show_intent
from handlers.replies import answer, show
from views import common_keys, common_texts


async def choose_role(update: Update, context: BotContext) -> None:
    """Follow the pressed role button; the dispatcher's entry is re-checked on every press."""
    query = update.callback_query
    choice = callbacks.parse(query.data if query else None)
    if query is None or choice is None:
        return
    if choice.action == "dispatch":
        if not may_dispatch(context):
            await answer(update, common_texts.not_allowed(context.t), alert=True)
            return
        people = await context.store.users.count()
        await show(
            update,
            common_texts.dispatcher_intro(context.t, people),
            common_keys.back_to_menu(context.t),
        )
        return
    if choice.action not in Intent.__members__.values():
        await answer(update, common_texts.expired_button(context.t), alert=True)
        return
    await show_intent(update, context, Intent(choice.action))


async def back_to_menu(update: Update, context: BotContext) -> None:
    """Return to the role choice from any of its pages, the path just left listed first."""
    query = update.callback_query
    pressed = callbacks.parse(query.data if query else None)
    came_from = pressed.args[0] if pressed and pressed.args else ""
    first = Intent(came_from) if came_from in Intent.__members__.values() else Intent.GUEST
    await show_intent(update, context, None, first=first)
