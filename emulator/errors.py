"""The one exception type the emulator uses to answer a call with a Bot API error.

Every failure a method can hit is raised as an ``ApiError`` and turned into the exact JSON
envelope Telegram sends, so PTB maps it to the same exception class it would in production.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

CONFLICT_POLLING = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


class ApiError(Exception):
    """A Bot API error answer: HTTP status, Telegram's description and optional retry_after."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram would send for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body

    @classmethod
    def bad_request(cls, detail: str) -> ApiError:
        """A 400 with Telegram's ``Bad Request:`` prefix."""
        return cls(400, f"Bad Request: {detail}")

    @classmethod
    def forbidden(cls, detail: str) -> ApiError:
        """A 403 with Telegram's ``Forbidden:`` prefix."""
        return cls(403, f"Forbidden: {detail}")

    @classmethod
    def too_many_requests(cls, retry_after: int) -> ApiError:
        """A 429 flood-control answer carrying ``parameters.retry_after``."""
        return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    @classmethod
    def for_status(cls, status: int, retry_after: int | None = None) -> ApiError:
        """A generic error for fault injection, worded like Telegram for that status."""
        if status == 429:
            return cls.too_many_requests(retry_after if retry_after is not None else 1)
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Unknown Error"
        return cls(status, phrase, retry_after)
