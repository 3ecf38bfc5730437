"""Deep-link payloads (`t.me/<bot>?start=guest_ar`) printed on posters and QR codes.

A payload names a role and optionally a language, so a poster in Arabic opens the bot in
Arabic on the guest's path. Anything else is treated as a plain /start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from dispatch.locales import SUPPORTED_LOCALES

MAX_PAYLOAD_LENGTH = 64
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class Intent(StrEnum):
    """What the person came to do."""

    HOST = "host"
    GUEST = "guest"


@dataclass(frozen=True)
class StartLink:
    intent: Intent | None = None
    locale: str | None = None


def parse_start_payload(payload: str | None) -> StartLink:
    """`host`, `guest`, `guest_fr`, `host_ar`… → intent and language; unknown → empty link."""
    if not payload or not _PAYLOAD.match(payload):
        return StartLink()
    role, _, language = payload.lower().partition("_")
    if role not in Intent.__members__.values():
        return StartLink()
    if language and language not in SUPPORTED_LOCALES:
        return StartLink(Intent(role))
    return StartLink(Intent(role), language or None)


def start_payload(intent: Intent, locale: str | None = None) -> str:
    """The payload that parse_start_payload reads back; used for posters and tests."""
    return f"{intent.value}_{locale}" if locale else intent.value


INVITE_PREFIX = "inv_"


def invite_payload(token: str) -> str:
    """The start payload of a one-time dispatcher invite (token: URL-safe base64)."""
    return INVITE_PREFIX + token


def invite_token(payload: str | None) -> str | None:
    """The token of an invite link, or None if the payload is something else."""
    if not payload or not _PAYLOAD.match(payload) or not payload.startswith(INVITE_PREFIX):
        return None
    return payload[len(INVITE_PREFIX) :] or None
