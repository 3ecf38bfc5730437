"""Hypothesis strategies for the fuzz test: what any Telegram client, group or channel may send.

An action is a plain tuple (kind, actor, details…); which message it edits, presses or
redelivers is an index resolved against the live chat when it is played.
"""

from __future__ import annotations

import secrets
from typing import Any

from hypothesis import strategies as st

from emulator import BotApiEmulator, FakeUser
from emulator.state import ChatRecord, JsonDict

# Private chats: each user's Telegram language; None and pt-br are languages we cannot tell.
PEOPLE: dict[int, str | None] = {
    7101: "fr",
    7102: "nl",
    7103: "en",
    7104: "ar",
    7105: "pt-br",
    7106: None,
    9000: "en",  # the admin of tests/e2e/conftest.py
}
GROUP_ID = -1001234
CHANNEL_ID = -1009876
TELEGRAM_MAX_TEXT = 4096

KNOWN_COMMANDS = [
    "start", "language", "help", "cancel", "status", "offer", "profile", "walkin", "vetting",
    "approve", "hosts", "board", "dispatchers", "appeal", "appeals", "sites", "close", "stats",
]  # fmt: skip
AREAS = [
    "lang", "role", "menu", "f", "host", "guest", "walkin", "vet", "admin", "board", "roles",
    "appeal", "site", "match", "stats", "nope",
]  # fmt: skip
VERBS = [
    "set", "show", "open", "to", "yes", "no", "add", "approve", "reject", "close", "csv", "menu",
    "pattern", "unpattern", "revoke", "move", "drop", "pickup", "confirmed", "out", "outyes",
    "beds", "optout", "send", "stop", "rerun", "suspend", "reinstate", "invite", "new", "fr",
    "ar", "guest", "host", "dispatch", "name", "beds", "site", "accept", "decline", "ok",
]  # fmt: skip

# Any character JSON and UTF-8 can carry (lone surrogates cannot travel over the wire).
ANY_CHAR = st.characters(exclude_categories=("Cs",))
RTL = st.characters(min_codepoint=0x0590, max_codepoint=0x06FF) | st.sampled_from(
    "\u200f\u202b\u202e\u2067\u2069 ٠١٢٣٤٥٦٧٨٩"
)
ODD = st.sampled_from("\u200b\u200c\u200d\u2060\ufeff\x00\x07\x1b\t\r\n\u0301\u202e\u2028")
EMOJI = st.sampled_from(["😀", "🛏", "🌙", "👨‍👩‍👧", "🏳️‍🌈", "🇧🇪", "\ufe0f", "✅", "🔥"])
NUMBERS = st.sampled_from(
    ["0", "1", "2", "-1", "٣", "۴", "१", "1.5", "03", " 7 ", "99999999999999999999", "1e9"]
) | st.integers(-(10**20), 10**20).map(str)

SHORT_TEXT = st.one_of(
    st.text(ANY_CHAR, min_size=1, max_size=40),
    st.text(RTL, min_size=1, max_size=40),
    st.lists(st.one_of(ANY_CHAR, ODD, EMOJI), min_size=1, max_size=30).map("".join),
    st.lists(EMOJI, min_size=1, max_size=8).map("".join),
    NUMBERS,
    st.sampled_from(["Amira", "Jean-Luc", "Ana María", "أحمد", "Jo", "x" * 64, "<b>hi</b> &amp;"]),
)


class Long:
    """A text of thousands of characters that prints short in a failing example."""

    def __init__(self, seed: str, size: int) -> None:
        self.seed, self.size = seed, size

    def __str__(self) -> str:
        return (self.seed * (self.size // len(self.seed) + 1))[: self.size]

    def __repr__(self) -> str:
        return f"Long({self.seed!r}, {self.size})"


LONG_TEXT = st.builds(Long, st.text(ANY_CHAR, min_size=1, max_size=12), st.integers(4000, 10_000))
TEXT = st.one_of(SHORT_TEXT, SHORT_TEXT, SHORT_TEXT, LONG_TEXT)

PAYLOAD = st.one_of(
    st.none(),
    st.from_regex(r"[A-Za-z0-9_-]{0,64}", fullmatch=True),
    st.sampled_from(["guest_ar", "host_fr", "guest", "host_nl_2", "site_1", "inv_abc"]),
    SHORT_TEXT,
)
COMMAND_NAME = st.one_of(
    st.sampled_from(KNOWN_COMMANDS),
    st.sampled_from(KNOWN_COMMANDS).map(lambda name: f"{name}@nightdispatch_bot"),
    st.sampled_from(KNOWN_COMMANDS).map(lambda name: f"{name}@some_other_bot"),
    st.from_regex(r"[A-Za-z0-9_]{1,32}", fullmatch=True),
)
ARG = st.one_of(
    st.integers(-(2**63), 2**63).map(str),
    st.integers(0, 50).map(str),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters=":"), max_size=12),
)


def _cap(data: str) -> str:
    """Telegram refuses callback data over 64 bytes."""
    return data.encode()[:64].decode(errors="ignore") or "x"


FORGED_DATA = st.one_of(
    st.binary(min_size=1, max_size=64).map(lambda raw: _cap(raw.decode(errors="replace"))),
    st.text(ANY_CHAR, min_size=1, max_size=64).map(_cap),
    st.builds(
        lambda area, verb, args: _cap(":".join(["v1", area, verb, *args])),
        st.sampled_from(AREAS),
        st.sampled_from(VERBS) | st.text(ANY_CHAR, max_size=6),
        st.lists(ARG, max_size=3),
    ),
    st.builds(
        lambda version, area, verb: f"{version}:{area}:{verb}:1",
        st.sampled_from(["v0", "v2", "V1", ""]),
        st.sampled_from(AREAS),
        st.sampled_from(VERBS),
    ),
)

# Actors are slots in the example's cast (a permutation of PEOPLE): slot 0 acts most, so one
# person gets deep into a form while the others interrupt.
SLOT = st.sampled_from([0, 0, 0, 0, 0, 1, 1, 2])
INDEX = st.integers(0, 10**6)
RARELY = st.sampled_from([False, False, False, True])  # a message over 48 hours old
ANSWER = st.sampled_from(
    ["1", "2", "3", "0", "12", "٣", "Amira", "Jo", "20:30", "+32 470 12 34 56", "-", "x" * 300]
)
BUTTON = st.tuples(st.just("button"), SLOT, INDEX, INDEX, RARELY)

ACTION: st.SearchStrategy[tuple[Any, ...]] = st.one_of(
    st.tuples(st.just("command"), SLOT, st.sampled_from(KNOWN_COMMANDS), st.none()),
    *[BUTTON] * 6,
    st.tuples(st.just("text"), SLOT, ANSWER),
    st.tuples(st.just("text"), SLOT, ANSWER),
    st.tuples(st.just("text"), SLOT, TEXT),
    st.tuples(st.just("command"), SLOT, COMMAND_NAME, PAYLOAD),
    st.tuples(st.just("forged"), SLOT, INDEX, FORGED_DATA, RARELY),
    st.tuples(st.just("edit"), SLOT, INDEX, TEXT),
    st.tuples(st.just("sticker"), SLOT),
    st.tuples(st.just("photo"), SLOT, st.none() | SHORT_TEXT),
    st.tuples(
        st.just("location"),
        SLOT,
        st.floats(-90, 90, allow_nan=False),
        st.floats(-180, 180, allow_nan=False),
    ),
    st.tuples(st.just("group_text"), SLOT, TEXT),
    st.tuples(st.just("group_command"), SLOT, COMMAND_NAME, PAYLOAD),
    st.tuples(st.just("group_sticker"), SLOT),
    st.tuples(st.just("group_forged"), SLOT, INDEX, FORGED_DATA),
    st.tuples(st.just("channel_post"), SHORT_TEXT),
    st.tuples(st.just("duplicate"), INDEX),
)
CAST = st.permutations(sorted(PEOPLE))


def delivered_texts(typed: str | Long) -> list[str]:
    """What Telegram delivers for what a user typed: trimmed, split at 4,096 characters."""
    text = str(typed).strip()
    if not text:
        return []
    return [text[i : i + TELEGRAM_MAX_TEXT] for i in range(0, len(text), TELEGRAM_MAX_TEXT)]


def media_fields(kind: str, number: int, *args: Any) -> JsonDict:
    file_id = f"fuzz-{kind}-{number}"
    ids = {"file_id": file_id, "file_unique_id": f"u{file_id}"}
    if kind == "sticker":
        sticker = {**ids, "width": 512, "height": 512, "is_animated": False}
        return {"sticker": {**sticker, "is_video": False, "type": "regular", "emoji": "👍"}}
    if kind == "photo":
        photo: JsonDict = {"photo": [{**ids, "width": 640, "height": 480}]}
        return {**photo, "caption": args[0]} if args and args[0] else photo
    return {"location": {"latitude": args[0], "longitude": args[1]}}


def button_data(markup: JsonDict | None, index: int) -> str | None:
    """The callback data of one inline button of a message, if it has any."""
    rows = (markup or {}).get("inline_keyboard") or []
    data = [b["callback_data"] for row in rows for b in row if "callback_data" in b]
    return data[index % len(data)] if data else None


def press_button(
    emulator: BotApiEmulator,
    user: FakeUser,
    message_id: int,
    data: str,
    *,
    old: bool = False,
    chat: ChatRecord | None = None,
) -> JsonDict:
    """A button press; on a message over 48 hours old Telegram sends an inaccessible stub."""
    state = emulator.state
    chat = chat or state.chats[user.id]
    stored = dict(chat.stored[message_id])
    message = {"chat": stored["chat"], "message_id": message_id, "date": 0} if old else stored
    # Telegram never reuses a query id, not even across bots (handlers.replies remembers them).
    query_id = str(secrets.randbits(63))
    state.pending_callbacks[query_id] = user.id
    payload = {
        "id": query_id,
        "from": user.record.as_dict(),
        "message": message,
        "chat_instance": str(abs(chat.id) * 7919 % 10**12),
        "data": data,
    }
    return state.updates.push("callback_query", payload)
