"""Bot-level settings: identity, command menus, descriptions, name and menu button.

The emulator only records these so tests can assert what the bot configured per language.
"""

from __future__ import annotations

import re
from typing import Any

from emulator.errors import ApiError
from emulator.methods.registry import Params, api_method, language_key
from emulator.state import EmulatorState

_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_MAX_COMMANDS = 100


@api_method("getMe")
async def get_me(state: EmulatorState, params: Params) -> dict[str, Any]:
    """The bot's User object with the bot-only capability flags."""
    return {
        **state.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@api_method("logOut")
async def log_out(state: EmulatorState, params: Params) -> bool:
    """Accepted and ignored: there is no cloud server to log out from."""
    return True


@api_method("close")
async def close(state: EmulatorState, params: Params) -> bool:
    """Accepted and ignored, like logOut."""
    return True


def _scope_type(params: Params) -> str:
    scope = params.get("scope")
    if isinstance(scope, dict) and isinstance(scope.get("type"), str):
        return str(scope["type"])
    return "default"


def _validated_commands(raw: object) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise ApiError.bad_request("commands must be an array")
    if len(raw) > _MAX_COMMANDS:
        raise ApiError.bad_request("BOT_COMMANDS_TOO_MUCH")
    commands: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict) or not _COMMAND_RE.fullmatch(str(item.get("command"))):
            raise ApiError.bad_request("BOT_COMMAND_INVALID")
        description = item.get("description")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise ApiError.bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        commands.append({"command": item["command"], "description": description})
    return commands


@api_method("setMyCommands")
async def set_my_commands(state: EmulatorState, params: Params) -> bool:
    """Store the command list for (scope type, language); an empty list clears it."""
    commands = _validated_commands(params.get("commands"))
    key = (_scope_type(params), language_key(params))
    if commands:
        state.commands[key] = commands
    else:
        state.commands.pop(key, None)
    return True


@api_method("getMyCommands")
async def get_my_commands(state: EmulatorState, params: Params) -> list[dict[str, Any]]:
    """The stored list for exactly this scope and language (no fallback)."""
    return list(state.commands.get((_scope_type(params), language_key(params)), []))


@api_method("deleteMyCommands")
async def delete_my_commands(state: EmulatorState, params: Params) -> bool:
    """Forget the list for this scope and language."""
    state.commands.pop((_scope_type(params), language_key(params)), None)
    return True


def _store(target: dict[str, str], params: Params, key: str) -> bool:
    value = params.get(key)
    if isinstance(value, str) and value:
        target[language_key(params)] = value
    else:
        target.pop(language_key(params), None)
    return True


@api_method("setMyDescription")
async def set_my_description(state: EmulatorState, params: Params) -> bool:
    """Store (or clear, when empty) the description shown before /start."""
    return _store(state.descriptions, params, "description")


@api_method("getMyDescription")
async def get_my_description(state: EmulatorState, params: Params) -> dict[str, str]:
    """The description for this language, "" when unset."""
    return {"description": state.descriptions.get(language_key(params), "")}


@api_method("setMyShortDescription")
async def set_my_short_description(state: EmulatorState, params: Params) -> bool:
    """Store (or clear) the profile's short description."""
    return _store(state.short_descriptions, params, "short_description")


@api_method("getMyShortDescription")
async def get_my_short_description(state: EmulatorState, params: Params) -> dict[str, str]:
    """The short description for this language, "" when unset."""
    return {"short_description": state.short_descriptions.get(language_key(params), "")}


@api_method("setMyName")
async def set_my_name(state: EmulatorState, params: Params) -> bool:
    """Store (or clear) the bot's display name for a language."""
    return _store(state.names, params, "name")


@api_method("getMyName")
async def get_my_name(state: EmulatorState, params: Params) -> dict[str, str]:
    """The name for this language, falling back to the bot's first name."""
    language = language_key(params)
    return {"name": state.names.get(language, str(state.bot_user["first_name"]))}


@api_method("setChatMenuButton")
async def set_chat_menu_button(state: EmulatorState, params: Params) -> bool:
    """Record the menu button for one chat, or the default when chat_id is absent."""
    chat_id = params.get("chat_id")
    key = chat_id if isinstance(chat_id, int) else None
    button = params.get("menu_button")
    state.menu_buttons[key] = button if isinstance(button, dict) else {"type": "default"}
    return True


@api_method("getChatMenuButton")
async def get_chat_menu_button(state: EmulatorState, params: Params) -> dict[str, Any]:
    """The chat's menu button, else the default one."""
    chat_id = params.get("chat_id")
    key = chat_id if isinstance(chat_id, int) else None
    return state.menu_buttons.get(key) or state.menu_buttons.get(None) or {"type": "default"}
