"""Telegram tells us when a user blocks or unblocks the bot."""

from __future__ import annotations

from telegram import ChatMember, Update

from bot.context import BotContext


async def track_blocking(update: Update, context: BotContext) -> None:
    """Stop sending to a user who blocked the bot; they become reachable when they write again."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    if change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT):
        await context.store.users.mark_unreachable(change.chat.id)
