"""Texts about a form someone left half-way: where it stands, and what they can do with it."""

from __future__ import annotations

from bot.i18n import Translator


def unfinished(t: Translator, form: str) -> str:
    """Said wherever a person looks for what they have (/status, /mydata, the host's home)."""
    what = {
        "request": t.gettext("You have not finished your request for a bed: it is not sent yet."),
        "offer": t.gettext("Your offer for tonight is not published yet: you stopped half-way."),
        "host": t.gettext("You have not finished your host registration."),
    }.get(form) or t.gettext("You have not finished a form you began.")
    return what


def choose(t: Translator) -> str:
    return t.gettext("Carry on where you stopped, or drop it?")


def resumed(t: Translator) -> str:
    """Above the question a returning person stopped at, so the jump is not a surprise."""
    return t.gettext("You began this earlier. Here is where you stopped:")


def dropped(t: Translator) -> str:
    return t.gettext("Dropped. Your answers to that form are deleted. Send /start to begin again.")
