"""Chat lookups and chat actions."""

from __future__ import annotations

from typing import Any

from emulator.errors import ApiError
from emulator.methods.registry import Params, api_method
from emulator.state import EmulatorState

_NO_GIFTS = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}
_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": False,
    "can_restrict_members": False,
    "can_promote_members": False,
    "can_change_info": False,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_pin_messages": True,
}


@api_method("getChat")
async def get_chat(state: EmulatorState, params: Params) -> dict[str, Any]:
    """A ChatFullInfo with the fields PTB requires."""
    chat = state.chat(params.get("chat_id"))
    return {
        **chat.as_dict(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": dict(_NO_GIFTS),
    }


@api_method("getChatMember")
async def get_chat_member(state: EmulatorState, params: Params) -> dict[str, Any]:
    """The bot is an administrator in groups; known users are plain members."""
    chat = state.chat(params.get("chat_id"))
    user_id = params.get("user_id")
    if user_id == state.bot_user["id"]:
        if chat.type == "private":
            return {"status": "member", "user": state.bot_user}
        return {"status": "administrator", "user": state.bot_user, **_ADMIN_RIGHTS}
    user = state.users.get(user_id) if isinstance(user_id, int) else None
    if user is None or (chat.user is not user and user.id not in chat.members):
        raise ApiError.bad_request("user not found")
    return {"status": "member", "user": user.as_dict()}


@api_method("sendChatAction")
async def send_chat_action(state: EmulatorState, params: Params) -> bool:
    """Only checks that the bot may write to the chat, as Telegram does."""
    state.writable_chat(params.get("chat_id"))
    return True
