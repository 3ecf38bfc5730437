"""Texts of the trust and site checks: a profile change back to vetting, which site to close,
an edited message, a repeated alert."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.i18n import Translator


def profile_back_to_vetting(t: Translator) -> str:
    return t.gettext(
        "Saved. A dispatcher checks this change before you are sent guests again; your offer "
        "waits until then. You will get a message here."
    )


def revet_alert(t: Translator, host_id: int, name: str, changed: Sequence[str]) -> str:
    labels = {
        "household": t.gettext("household"),
        "accepts": t.gettext("whom they welcome"),
        "sites": t.gettext("sites"),
    }
    return t.gettext(
        "⚠️ The host {name} (number {id}) changed: {changes}. They wait for approval again; "
        "send /approve to see them.",
        name=escape(name),
        id=str(host_id),
        changes=t.gettext(", ").join(labels[c] for c in changed),
    )


def choose_site_to_close(t: Translator) -> str:
    return t.gettext("Which site's round do you close now?")


def edited_message(t: Translator) -> str:
    return t.gettext(
        "I cannot read a changed message. Please send your answer again as a new message."
    )


def alert_already_sent(t: Translator) -> str:
    return t.gettext(
        "The dispatchers already have your report. They will look at it as soon as they can."
    )


def tombstone_note(t: Translator) -> str:
    """What erasing keeps when a dispatcher suspended or blocked someone (the privacy notice)."""
    return t.gettext(
        "• <b>After erasing</b>: if the dispatchers suspended or blocked you, we keep only a "
        "coded trace of your Telegram account (never your name or your messages), so that "
        "erasing your data does not lift it."
    )
