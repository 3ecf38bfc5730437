"""Methods that post a new message: text, location, venue, photo, document.

Each validates like Telegram (access, text, markup, reply target), stores the Message it
returns, and appends a BotMessage to the chat's timeline for the driver.
"""

from __future__ import annotations

from typing import Any

from emulator.bot_message import BotMessage
from emulator.errors import ApiError
from emulator.html_check import ParsedText
from emulator.markup import validate_markup
from emulator.methods.registry import Params, api_method, float_param, text_param
from emulator.params import UploadedFile
from emulator.state import ChatRecord, EmulatorState, JsonDict
from emulator.text_rules import check_caption, check_message_text


def _check_reply_target(chat: ChatRecord, params: Params) -> None:
    reply = params.get("reply_parameters")
    target = reply.get("message_id") if isinstance(reply, dict) else None
    target = target if target is not None else params.get("reply_to_message_id")
    lenient = params.get("allow_sending_without_reply") is True or (
        isinstance(reply, dict) and reply.get("allow_sending_without_reply") is True
    )
    if isinstance(target, int) and target not in chat.stored and not lenient:
        raise ApiError.bad_request("message to be replied not found")


def _prepare(state: EmulatorState, params: Params) -> tuple[ChatRecord, JsonDict | None]:
    chat = state.writable_chat(params.get("chat_id"))
    markup = validate_markup(params.get("reply_markup"))
    _check_reply_target(chat, params)
    return chat, markup


def _text_fields(parsed: ParsedText | None, key: str, entities_key: str) -> JsonDict:
    if parsed is None:
        return {}
    fields: JsonDict = {key: parsed.plain}
    if parsed.entities:
        fields[entities_key] = [dict(e) for e in parsed.entities]
    return fields


def _publish(
    state: EmulatorState,
    chat: ChatRecord,
    markup: JsonDict | None,
    fields: JsonDict,
    **snapshot: Any,
) -> JsonDict:
    """Store the Message (inline markup only, as Telegram) and add the timeline event."""
    if markup is not None and "inline_keyboard" in markup:
        fields["reply_markup"] = markup
    message = state.bot_message_dict(chat, **fields)
    snapshot.setdefault("text", None)
    snapshot.setdefault("plain_text", None)
    snapshot.setdefault("parse_mode", None)
    chat.add_event(
        BotMessage(
            message_id=message["message_id"], chat_id=chat.id, reply_markup=markup, **snapshot
        )
    )
    return message


@api_method("sendMessage", rate_limited=True)
async def send_message(state: EmulatorState, params: Params) -> JsonDict:
    """Post a text message."""
    chat, markup = _prepare(state, params)
    parse_mode = params.get("parse_mode")
    parsed = check_message_text(params.get("text"), parse_mode)
    fields = _text_fields(parsed, "text", "entities")
    return _publish(
        state,
        chat,
        markup,
        fields,
        text=params["text"],
        plain_text=parsed.plain,
        parse_mode=parse_mode,
        kind="text",
    )


@api_method("sendLocation", rate_limited=True)
async def send_location(state: EmulatorState, params: Params) -> JsonDict:
    """Post a map point."""
    chat, markup = _prepare(state, params)
    location = {
        "latitude": float_param(params, "latitude"),
        "longitude": float_param(params, "longitude"),
    }
    return _publish(state, chat, markup, {"location": location}, kind="location", location=location)


@api_method("sendVenue", rate_limited=True)
async def send_venue(state: EmulatorState, params: Params) -> JsonDict:
    """Post a venue; Telegram's Message carries both ``venue`` and ``location``."""
    chat, markup = _prepare(state, params)
    location = {
        "latitude": float_param(params, "latitude"),
        "longitude": float_param(params, "longitude"),
    }
    venue = {
        "location": location,
        "title": text_param(params, "title"),
        "address": text_param(params, "address"),
    }
    fields = {"venue": venue, "location": location}
    return _publish(state, chat, markup, fields, kind="venue", venue=venue, location=location)


def _file_info(state: EmulatorState, value: object, key: str) -> JsonDict:
    """Describe an upload (bytes kept in ``state.files``) or a re-sent file_id/URL."""
    number = state.next_id()
    if isinstance(value, UploadedFile):
        file_id = f"emu-{key}-{number}"
        state.files[file_id] = value.data
        info: JsonDict = {"file_id": file_id, "file_size": len(value.data)}
        if value.filename:
            info["file_name"] = value.filename
        if value.content_type:
            info["mime_type"] = value.content_type
        return info
    if not isinstance(value, str) or not value:
        raise ApiError.bad_request(f"there is no {key} in the request")
    is_url = value.startswith(("http://", "https://"))
    return {"file_id": f"emu-{key}-{number}" if is_url else value}


def _send_media(state: EmulatorState, params: Params, key: str) -> JsonDict:
    chat, markup = _prepare(state, params)
    parse_mode = params.get("parse_mode")
    parsed = check_caption(params.get("caption"), parse_mode)
    info = _file_info(state, params.get(key), key)
    unique = f"u{info['file_id']}"
    if key == "photo":
        sizes = [(90, 90), (800, 800)]
        media: Any = [
            {
                "file_id": info["file_id"],
                "file_unique_id": unique,
                "width": w,
                "height": h,
                "file_size": info.get("file_size", 0),
            }
            for w, h in sizes
        ]
    else:
        media = {"file_unique_id": unique, **info}
    fields = {key: media, **_text_fields(parsed, "caption", "caption_entities")}
    caption = params.get("caption") if parsed else None
    return _publish(
        state,
        chat,
        markup,
        fields,
        text=caption,
        parse_mode=parse_mode,
        plain_text=parsed.plain if parsed else None,
        kind=key,
        file=info,
    )


@api_method("sendPhoto", rate_limited=True)
async def send_photo(state: EmulatorState, params: Params) -> JsonDict:
    """Post a photo (multipart upload or file_id/URL) with an optional caption."""
    return _send_media(state, params, "photo")


@api_method("sendDocument", rate_limited=True)
async def send_document(state: EmulatorState, params: Params) -> JsonDict:
    """Post a document (multipart upload or file_id/URL) with an optional caption."""
    return _send_media(state, params, "document")
