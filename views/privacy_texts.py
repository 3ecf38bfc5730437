"""Texts of /forget and of the notices it causes, in the reader's language (HTML).

User-supplied values are escaped here; everything else is a translated msgid.
"""

from __future__ import annotations

from datetime import date
from html import escape

from bot.i18n import Translator
from views import trust_texts

TELEGRAM_LIMIT = 4096


def forget_explanation(t: Translator, expected: bool) -> str:
    text = t.gettext(
        "<b>Erase my data</b>\n\n"
        "This deletes at once everything we keep about you: the name or nickname you gave, "
        "your requests and offers, your host profile, your matches and pickup codes, your "
        "settings and your language choice. It cannot be undone.\n\n"
        "Anonymous counts (how many people asked for a bed on a night) are kept: they say "
        "nothing about you."
    )
    text += "\n\n" + trust_texts.tombstone_note(t).removeprefix("• ")
    if expected:
        text += "\n\n" + t.gettext(
            "A host is expecting you tonight: we will tell them that you are not coming."
        )
    return text + "\n\n" + t.gettext("Do you want to erase everything now?")


def hand_over_first(t: Translator, hosting: int, walk_ins: int) -> str:
    """A person others depend on tonight: they pass their guests on before leaving."""
    lines = [t.gettext("<b>Not yet: people are counting on you tonight.</b>")]
    if hosting:
        lines.append(
            t.ngettext(
                "You have {count} group of guests tonight. Decline the proposal if you have "
                "not confirmed it yet; otherwise the dispatchers will move your guests to "
                "another host (we have told them).",
                "You have {count} groups of guests tonight. Decline the proposals you have "
                "not confirmed yet; otherwise the dispatchers will move your guests to "
                "another host (we have told them).",
                hosting,
            )
        )
    if walk_ins:
        lines.append(
            t.ngettext(
                "You registered {count} group at the meeting point tonight, and its notices "
                "come to you.",
                "You registered {count} groups at the meeting point tonight, and their "
                "notices come to you.",
                walk_ins,
            )
        )
    lines.append(
        t.gettext(
            "Send /forget again once that is done, or tomorrow afternoon: "
            "nothing about you is shared meanwhile."
        )
    )
    return "\n\n".join(lines)


def hand_over_alert(t: Translator, host_name: str, groups: int) -> str:
    return t.ngettext(
        "🔐 {name} wants to erase their data but hosts {count} group tonight. "
        "Please move it to another host on /board.",
        "🔐 {name} wants to erase their data but hosts {count} groups tonight. "
        "Please move them to other hosts on /board.",
        groups,
        name=escape(host_name),
    )


def forgotten(t: Translator) -> str:
    return t.gettext(
        "Everything we kept about you has been erased. Thank you for your trust. "
        "If you ever need us again, send /start."
    )


def kept(t: Translator) -> str:
    return t.gettext("Nothing was erased. You can see what we keep about you with /mydata.")


def to_host_guest_gone(t: Translator, night: date) -> str:
    return t.gettext(
        "ℹ️ The person or group you were to host on the night of {date} no longer needs a bed. "
        "You do not need to go to the meeting point. Thank you for your offer.",
        date=t.date(night, "full"),
    )


def split(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Cut at paragraph, then line boundaries, so no HTML tag is cut in two; a single line
    longer than the limit (never produced by our texts) is cut where it must be."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            candidate = line
        current = candidate
    if current.strip():
        chunks.append(current)
    return [chunk.strip("\n") for chunk in chunks if chunk.strip()]
