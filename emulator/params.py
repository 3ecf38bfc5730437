"""Turn an HTTP request into the typed parameter dict a Bot API method works on.

Telegram accepts the same parameters as query string, urlencoded form, multipart form or
JSON body; PTB sends scalars as strings and complex values as JSON strings. Normalising here
means methods never care how a value arrived.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web

_INT_RE = re.compile(r"-?\d+")
_FLOAT_RE = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
_INT_KEYS = frozenset(
    [
        "chat_id",
        "message_id",
        "user_id",
        "from_chat_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "message_thread_id",
        "cache_time",
        "live_period",
        "heading",
        "proximity_alert_radius",
        "until_date",
        "duration",
        "width",
        "height",
        "max_connections",
    ]
)
_FLOAT_KEYS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
_JSON_KEYS = frozenset(
    [
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
        "menu_button",
        "media",
        "results",
        "rights",
        "permissions",
    ]
)
_BOOL_PREFIXES = (
    *("disable_", "protect_", "show_", "drop_", "is_", "allow_", "has_", "for_"),
    *("can_", "only_", "supports_", "send_"),
)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request; the bytes are kept for tests to inspect."""

    filename: str | None
    content_type: str | None
    data: bytes

    def describe(self) -> dict[str, Any]:
        """What ``emu.calls`` records instead of the raw bytes."""
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": len(self.data),
        }


def coerce(key: str, value: Any) -> Any:
    """Give a string value the type Telegram would parse it as, by parameter name."""
    if not isinstance(value, str):
        return value
    if key in _INT_KEYS and _INT_RE.fullmatch(value):
        return int(value)
    if key in _FLOAT_KEYS and _FLOAT_RE.fullmatch(value):
        return float(value)
    if value in ("true", "false") and key.startswith(_BOOL_PREFIXES):
        return value == "true"
    is_json_key = key in _JSON_KEYS or key.endswith(("_markup", "_entities", "_options"))
    if is_json_key and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


async def read_params(request: web.Request) -> dict[str, Any]:
    """Merge query string and body (form, multipart or JSON) into one coerced dict."""
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json" and request.can_read_body:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            raw.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                raw[key] = UploadedFile(value.filename, value.content_type, value.file.read())
            else:
                raw[key] = value
    return {key: coerce(key, value) for key, value in raw.items()}


def recordable(params: dict[str, Any]) -> dict[str, Any]:
    """A copy of the params fit for ``emu.calls`` (file parts summarised, not stored)."""
    return {
        key: value.describe() if isinstance(value, UploadedFile) else value
        for key, value in params.items()
    }
