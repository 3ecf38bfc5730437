"""The test-facing snapshot of one message the bot sent (or one edit of it)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from emulator.markup import find_button, inline_rows, labels


@dataclass(frozen=True)
class BotMessage:
    """A bot message as the user sees it; ``edited`` marks an edit event in the timeline.

    For photos and documents ``text``/``plain_text`` hold the caption and ``file`` describes
    the attachment (file_id, and file_name/mime_type/file_size when uploaded).
    """

    message_id: int
    chat_id: int
    text: str | None
    plain_text: str | None
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    edited: bool = False
    kind: str = "text"
    location: dict[str, Any] | None = None
    venue: dict[str, Any] | None = None
    file: dict[str, Any] | None = None

    @property
    def buttons(self) -> list[list[str]]:
        """Inline button labels by row, or the reply keyboard's labels."""
        return labels(self.reply_markup)

    def button_data(self, label: str) -> str | None:
        """The callback_data of the inline button with this exact label, if any."""
        button = find_button(inline_rows(self.reply_markup), label)
        data = button.get("callback_data") if button else None
        return data if isinstance(data, str) else None

    def as_edit(self, **changes: Any) -> BotMessage:
        """A copy marked as an edit event with the given fields replaced."""
        return replace(self, edited=True, **changes)

    def describe(self) -> str:
        """One line for assertion messages: id, kind, text and buttons."""
        flag = " (edit)" if self.edited else ""
        body = self.plain_text if self.plain_text is not None else ""
        if self.kind == "location" and self.location:
            body = f"{self.location.get('latitude')},{self.location.get('longitude')}"
        elif self.kind == "venue" and self.venue:
            body = f"{self.venue.get('title')} / {self.venue.get('address')}"
        buttons = f" buttons={self.buttons}" if self.buttons else ""
        return f"#{self.message_id} [{self.kind}{flag}] {body!r}{buttons}"
