"""Texts of the evening round: who meets whom, where, when, and with which code.

A host learns a first name, the group's make-up, languages, the meeting point, a time and a
code; a guest learns the host's first name, the meeting point, a time and the code. Never an
address of a home.
"""

from __future__ import annotations

from html import escape

from bot.i18n import Translator
from dispatch.models import MatchStatus, Site
from dispatch.notices import Side
from dispatch.readmodels import MatchView
from usecases.rounds import RoundClosing
from views import summaries


def meeting_point(site: Site, locale: str) -> str:
    parts = [site.meeting_point_name or site.name_in(locale), site.meeting_point_address]
    return escape(", ".join(part for part in parts if part))


def _group(t: Translator, match: MatchView) -> str:
    return summaries.group(t, match.party)


def to_host(t: Translator, match: MatchView, site: Site, minutes: int) -> str:
    return t.gettext(
        "🛏 <b>Tonight's guests</b>: {name}, {group}.\nLanguages: {languages}\n\n"
        "Meeting point: {place}\nPlease meet {name} there by {time}.\n"
        "Pickup code: <b>{code}</b>. {name} will say the same code.\n\n"
        "Please confirm within {minutes} minutes.",
        name=escape(match.alias),
        group=_group(t, match),
        languages=summaries.languages(t, match.languages),
        place=meeting_point(site, t.locale),
        time=t.time(match.latest_pickup),
        code=match.code,
        minutes=t.number(minutes),
    )


def to_guest(t: Translator, match: MatchView, site: Site) -> str:
    return t.gettext(
        "🏠 <b>Someone can host you tonight</b>: {name}.\n\n"
        "Meeting point: {place}\nPlease be there by {time}.\n"
        "Your pickup code: <b>{code}</b>. {name} will say the same code: "
        "only go with someone who knows it.",
        name=escape(match.host_name),
        place=meeting_point(site, t.locale),
        time=t.time(match.latest_pickup),
        code=match.code,
    )


def to_registering_dispatcher(t: Translator, match: MatchView, site: Site) -> str:
    return t.gettext(
        "🏠 Host found for {name} (code {code}): {host}. Meeting point: {place}, by {time}.",
        name=escape(match.alias),
        code=match.code,
        host=escape(match.host_name),
        place=meeting_point(site, t.locale),
        time=t.time(match.latest_pickup),
    )


def waiting(t: Translator, alternatives: str) -> str:
    return t.gettext(
        "We have not found a host for you yet tonight. You are first in line if someone "
        "offers a bed later this evening: we will write to you here.\n\n{alternatives}",
        alternatives=alternatives,
    )


def waiting_walk_in(t: Translator, alias: str) -> str:
    return t.gettext(
        "No host yet tonight for {name}, who stays first in line for late offers.",
        name=escape(alias),
    )


def confirmed(t: Translator, alias: str) -> str:
    return t.gettext(
        "Thank you! {name} has been told where and when to meet you. When you are together, "
        "press the button below and type the code {name} tells you.",
        name=escape(alias),
    )


def cancelled_by_guest(t: Translator, alias: str) -> str:
    return t.gettext(
        "{name} no longer needs a bed tonight: there is no need to go to the meeting point. "
        "Thank you all the same.",
        name=escape(alias),
    )


def declined(t: Translator) -> str:
    return t.gettext("Thank you for telling us. We are looking for someone else.")


def expired(t: Translator, minutes: int) -> str:
    return t.gettext(
        "We did not hear from you within {minutes} minutes, so your guests were offered to "
        "another host and your offer for tonight was withdrawn. If you can still host, send "
        "/offer.",
        minutes=t.number(minutes),
    )


def no_longer_open(t: Translator) -> str:
    return t.gettext("This match is no longer open.")


def wrong_code(t: Translator) -> str:
    return t.gettext(
        "⚠️ That is not the code of this match. Check it with your guests and type it again."
    )


def picked_up(t: Translator) -> str:
    return t.gettext("✅ Thank you. Have a good night!")


def guest_status(t: Translator, match: MatchView, site: Site) -> str:
    if match.status is MatchStatus.PROPOSED:
        return t.gettext(
            "A host has been proposed for you tonight. We are waiting for their "
            "confirmation and will write to you here."
        )
    return to_guest(t, match, site)


def feedback_question(t: Translator, name: str) -> str:
    return t.gettext("Good morning. How did last night go with {name}?", name=escape(name))


def feedback_thanks(t: Translator) -> str:
    return t.gettext("Thank you for telling us.")


def problem_thanks(t: Translator) -> str:
    return t.gettext(
        "Thank you for telling us. A dispatcher will contact you. "
        "You will not be matched with this person again."
    )


def problem_alert(t: Translator, match_id: int, side: Side) -> str:
    reporter = t.gettext("the host") if side is Side.HOST else t.gettext("the guest")
    return t.gettext(
        "⚠️ A problem was reported by {reporter} after last night's stay (match {id}). "
        "This pair will not be matched again.",
        reporter=reporter,
        id=str(match_id),
    )


def round_closed(t: Translator, matched: int, waiting_groups: int) -> str:
    first = t.ngettext(
        "Round closed: {count} group matched.", "Round closed: {count} groups matched.", matched
    )
    second = t.ngettext(
        "{count} group still waiting.", "{count} groups still waiting.", waiting_groups
    )
    return f"{first} {second}"


def round_already_closed(t: Translator) -> str:
    return t.gettext("Tonight's round was already closed.")


def closing(t: Translator, done: RoundClosing) -> str:
    """The answer to a dispatcher who closed tonight's round early."""
    if done.outcome is None:
        return round_already_closed(t)
    return round_closed(t, len(done.outcome.matches), len(done.outcome.unplaced))


def stay_host(t: Translator, match: MatchView) -> str:
    return t.gettext(
        "🔁 {name} ({group}) stays with you again tonight. Same code: <b>{code}</b>.",
        name=escape(match.alias),
        group=_group(t, match),
        code=match.code,
    )


def stay_guest(t: Translator, match: MatchView, site: Site) -> str:
    return t.gettext(
        "🔁 Your stay with {name} continues tonight. Meeting point: {place}, by {time}. "
        "Same code: <b>{code}</b>.",
        name=escape(match.host_name),
        place=meeting_point(site, t.locale),
        time=t.time(match.latest_pickup),
        code=match.code,
    )


def stay_stopped(t: Translator) -> str:
    return t.gettext("Noted: the stay ends after tonight. Thank you for telling us.")
