"""Logging that never carries the bot token or what users wrote."""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class RedactSecrets(logging.Filter):
    """Defence in depth: even if a library logs a URL, the token is replaced before output."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self._secrets):
            for secret in self._secrets:
                message = message.replace(secret, "<redacted>")
            record.msg, record.args = message, None
        return True


class WithholdMessages(logging.Formatter):
    """Tracebacks keep their frames and exception types, never the exceptions' messages:
    `int("Amina")` fails with the name in its message, and so would a parse of any text."""

    def format(self, record: logging.LogRecord) -> str:
        cached, record.exc_text = record.exc_text, None  # another handler's full traceback
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: ExcInfo) -> str:
        error = ei[1]
        parts: list[str] = []
        for exc in _chain(error):
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(exc.__traceback__))
            parts.append(f"{type(exc).__module__}.{type(exc).__qualname__} (message withheld)\n")
        return "".join(parts).rstrip("\n")


def _chain(error: BaseException | None) -> list[BaseException]:
    """The exception and the ones that caused it, oldest first, as Python prints them."""
    seen: list[BaseException] = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    return seen[::-1]


def configure_logging(token: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(WithholdMessages("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # At DEBUG, PTB logs every Bot API call with its parameters (message texts, names) and
    # aiosqlite every statement with its values: our own modules may debug, they may not.
    for chatty in ("telegram", "aiosqlite"):
        logging.getLogger(chatty).setLevel(max(level, logging.INFO))
    # The emulator's HTTP server logs request paths, which hold the token.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
