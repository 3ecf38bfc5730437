"""Texts about delivery itself: a notice sent again after a restart, a person asked to slow down."""

from __future__ import annotations

from bot.i18n import Translator


def repeated(t: Translator, text: str) -> str:
    """A notice sent again because a restart cut its first send short: say so above it."""
    mark = t.gettext(
        "🔁 Sent again after a restart: if you already saw this message, ignore this copy."
    )
    return f"{mark}\n\n{text}"


def one_moment(t: Translator) -> str:
    return t.gettext(
        "⏳ One moment, please: you are writing faster than I can read. Wait a few seconds, "
        "then send your message again if I have not answered it."
    )
