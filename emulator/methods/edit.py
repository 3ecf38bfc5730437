"""Methods that change or remove existing messages, and callback query answers."""

from __future__ import annotations

from emulator.bot_message import BotMessage
from emulator.errors import ApiError
from emulator.markup import validate_markup
from emulator.methods.registry import Params, api_method
from emulator.state import ChatRecord, EmulatorState, JsonDict
from emulator.text_rules import check_message_text

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


def _target(state: EmulatorState, params: Params) -> tuple[ChatRecord, JsonDict, BotMessage]:
    """The bot message an edit refers to, with Telegram's errors when there is none."""
    if params.get("inline_message_id") is not None:
        raise ApiError.bad_request("message to edit not found")
    chat = state.writable_chat(params.get("chat_id"))
    message_id = params.get("message_id")
    stored = chat.stored.get(message_id) if isinstance(message_id, int) else None
    if stored is None:
        raise ApiError.bad_request("message to edit not found")
    current = chat.bot_messages.get(stored["message_id"])
    if current is None:
        raise ApiError.bad_request("message can't be edited")
    return chat, stored, current


def _inline(markup: JsonDict | None) -> JsonDict | None:
    return markup if markup is not None and "inline_keyboard" in markup else None


def _apply(stored: JsonDict, key: str, value: object) -> None:
    if value:
        stored[key] = value
    else:
        stored.pop(key, None)


@api_method("editMessageText", rate_limited=True)
async def edit_message_text(state: EmulatorState, params: Params) -> JsonDict:
    """Replace text and inline keyboard (omitting reply_markup removes the keyboard)."""
    chat, stored, current = _target(state, params)
    parse_mode = params.get("parse_mode")
    parsed = check_message_text(params.get("text"), parse_mode)
    markup = _inline(validate_markup(params.get("reply_markup")))
    if current.kind != "text":
        raise ApiError.bad_request("there is no text in the message to edit")
    entities = [dict(e) for e in parsed.entities]
    unchanged = (
        stored.get("text") == parsed.plain
        and stored.get("entities", []) == entities
        and stored.get("reply_markup") == markup
    )
    if unchanged:
        raise ApiError.bad_request(NOT_MODIFIED)
    stored["text"] = parsed.plain
    _apply(stored, "entities", entities)
    _apply(stored, "reply_markup", markup)
    stored["edit_date"] = state.now()
    edit = current.as_edit(
        text=params["text"], plain_text=parsed.plain, parse_mode=parse_mode, reply_markup=markup
    )
    chat.add_event(edit)
    return dict(stored)


@api_method("editMessageReplyMarkup", rate_limited=True)
async def edit_message_reply_markup(state: EmulatorState, params: Params) -> JsonDict:
    """Replace or remove the inline keyboard of any bot message."""
    chat, stored, current = _target(state, params)
    markup = _inline(validate_markup(params.get("reply_markup")))
    if stored.get("reply_markup") == markup:
        raise ApiError.bad_request(NOT_MODIFIED)
    _apply(stored, "reply_markup", markup)
    stored["edit_date"] = state.now()
    chat.add_event(current.as_edit(reply_markup=markup))
    return dict(stored)


@api_method("deleteMessage")
async def delete_message(state: EmulatorState, params: Params) -> bool:
    """Remove a message (the bot's or a user's) from the chat."""
    chat = state.chat(params.get("chat_id"))
    message_id = params.get("message_id")
    if not isinstance(message_id, int) or message_id not in chat.stored:
        raise ApiError.bad_request("message to delete not found")
    del chat.stored[message_id]
    chat.bot_messages.pop(message_id, None)
    return True


@api_method("answerCallbackQuery")
async def answer_callback_query(state: EmulatorState, params: Params) -> bool:
    """Accept one answer per pressed button; record it for the pressing user."""
    query_id = str(params.get("callback_query_id") or "")
    user_id = state.pending_callbacks.pop(query_id, None)
    if user_id is None:
        raise ApiError.bad_request(QUERY_TOO_OLD)
    state.callback_answers.setdefault(user_id, []).append(dict(params))
    return True
