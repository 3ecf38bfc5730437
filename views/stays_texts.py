"""Answers to a host's Confirm and Decline, the same however often the button is pressed."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.i18n import Translator
from dispatch.models import MatchStatus, Site
from dispatch.readmodels import MatchView
from views import round_keys, round_texts, summaries


def already_confirmed(t: Translator, match: MatchView, site: Site) -> str:
    """A second Confirm (a double tap, a repeated proposal): the stay as it stands."""
    return t.gettext(
        "✅ You have already confirmed. Tonight's guests: {name}, {group}.\n"
        "Meeting point: {place}, by {time}.\nPickup code: <b>{code}</b>.",
        name=escape(match.alias),
        group=summaries.group(t, match.party),
        place=round_texts.meeting_point(site, t.locale),
        time=t.time(match.latest_pickup),
        code=match.code,
    )


def already_declined(t: Translator) -> str:
    return t.gettext("You have already declined. Thank you for telling us.")


def open_stays(
    t: Translator, stays: list[tuple[MatchView, Site]], minutes: int
) -> list[tuple[str, InlineKeyboardMarkup]]:
    """/status repeats what tonight's notices said, with the same (idempotent) buttons:
    a proposal still to answer, a stay confirmed and its pickup code."""
    shown = []
    for match, site in stays:
        if match.status is MatchStatus.PROPOSED:
            text = round_texts.to_host(t, match, site, minutes)
            shown.append((text, round_keys.proposal(t, match.id)))
        else:
            shown.append((already_confirmed(t, match, site), round_keys.pickup(t, match.id)))
    return shown
