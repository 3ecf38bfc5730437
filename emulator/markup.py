"""Reply markup checks and lookups shared by the methods and the driver.

Telegram rejects oversized callback data at send time; catching that here keeps a keyboard
that works in tests from failing in production. The lookups let the driver press buttons the
way a user sees them: by label.
"""

from __future__ import annotations

from typing import Any

from emulator.errors import ApiError

MAX_CALLBACK_DATA_BYTES = 64
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)

Markup = dict[str, Any]


def validate_markup(markup: object) -> Markup | None:
    """Return the markup if Telegram would accept it, else raise the matching ApiError."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError.bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _validate_inline(markup["inline_keyboard"])
    elif "keyboard" in markup:
        _validate_rows(markup["keyboard"], "reply keyboard")
    elif not ({"remove_keyboard", "force_reply"} & markup.keys()):
        raise ApiError.bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _validate_rows(rows: object, what: str) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError.bad_request(f"{what} must be an array of arrays")
    return rows


def _validate_inline(rows: object) -> None:
    for row in _validate_rows(rows, "inline keyboard"):
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise ApiError.bad_request("can't parse inline keyboard button: Text is missing")
            if not any(key in button for key in _INLINE_ACTIONS):
                raise ApiError.bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and (
                not isinstance(data, str)
                or not data
                or len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES
            ):
                raise ApiError.bad_request("BUTTON_DATA_INVALID")


def _label(button: object) -> str:
    if isinstance(button, dict):
        return str(button.get("text", ""))
    return str(button)


def inline_rows(markup: Markup | None) -> list[list[dict[str, Any]]]:
    """The inline keyboard's buttons by row, or [] when the markup is not inline."""
    if not markup or not isinstance(markup.get("inline_keyboard"), list):
        return []
    return [[b for b in row if isinstance(b, dict)] for row in markup["inline_keyboard"]]


def reply_rows(markup: Markup | None) -> list[list[dict[str, Any]]]:
    """A reply keyboard's buttons by row (plain string buttons become ``{"text": ...}``)."""
    if not markup or not isinstance(markup.get("keyboard"), list):
        return []
    return [
        [b if isinstance(b, dict) else {"text": _label(b)} for b in row]
        for row in markup["keyboard"]
    ]


def labels(markup: Markup | None) -> list[list[str]]:
    """Button labels by row, inline keyboard first, else reply keyboard."""
    rows = inline_rows(markup) or reply_rows(markup)
    return [[_label(b) for b in row] for row in rows]


def find_button(rows: list[list[dict[str, Any]]], label: str) -> dict[str, Any] | None:
    """The first button whose label equals ``label`` exactly."""
    for row in rows:
        for button in row:
            if _label(button) == label:
                return button
    return None
