"""What /start does for a given person: which language to use, and whether to ask for it."""

from __future__ import annotations

from dataclasses import dataclass

from dispatch.deeplinks import Intent, StartLink


@dataclass(frozen=True)
class StartPlan:
    save_locale: str | None  # a language the link chose, to remember
    ask_language: bool  # we cannot tell which language this person reads
    intent: Intent | None  # the path to open once the language is settled


def plan_start(link: StartLink, saved_locale: str | None, telegram_locale: str | None) -> StartPlan:
    """A poster's language wins (the person scanned it), then their saved choice, then Telegram's.

    `telegram_locale` is Telegram's language already mapped to one we support, or None; when
    nothing tells us the language we ask rather than guess.
    """
    if link.locale:
        return StartPlan(save_locale=link.locale, ask_language=False, intent=link.intent)
    known = saved_locale or telegram_locale
    return StartPlan(save_locale=None, ask_language=known is None, intent=link.intent)
