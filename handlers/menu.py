"""The role choice: offer a bed, ask for a bed, or (for dispatchers) dispatch."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from dispatch.deeplinks import Intent
from handlers.homes import may_dispatch, show_intent
from handlers.replies import answer, show
from views import common_keys, common_texts
from views.common_keys import BackToMenu, ChooseDispatch, ChooseRole


async def choose_role(update: Update, context: BotContext, choice: ChooseRole) -> None:
    """Follow the pressed role button."""
    await show_intent(update, context, choice.intent)


async def choose_dispatch(update: Update, context: BotContext, _: ChooseDispatch) -> None:
    """The dispatcher's entry, re-checked on every press."""
    if not may_dispatch(context):
        await answer(update, common_texts.not_allowed(context.t), alert=True)
        return
    people = await context.store.users.count()
    await show(
        update,
        common_texts.dispatcher_intro(context.t, people),
        common_keys.back_to_menu(context.t),
    )


async def back_to_menu(update: Update, context: BotContext, pressed: BackToMenu) -> None:
    """Return to the role choice from any of its pages, the path just left listed first."""
    await show_intent(update, context, None, first=pressed.came_from or Intent.GUEST)
