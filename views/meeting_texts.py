"""Texts of the meeting: the time, who comes, where, the code and its one rule.

The code rule is one sentence, the same for the guest and for whoever comes, in every
language. Never a home's address: the meeting point is a public place.
"""

from __future__ import annotations

from datetime import datetime, time
from html import escape

from bot.i18n import Translator
from dispatch.meeting import Comer, Meeting
from dispatch.models import Site
from dispatch.readmodels import MatchView
from views import round_texts, summaries


def local_time(t: Translator, at: datetime, site: Site) -> str:
    return t.time(at.astimezone(site.zone).time())


def code_rule(t: Translator) -> str:
    return t.gettext(
        "🔑 The code rule, the same for everyone: the guest says the code; whoever comes to "
        "collect them checks it against the code in their own message and types it in this "
        "chat (“👥 My guests are with me”). Then we tell the guest that the pickup is marked."
    )


def _group(t: Translator, match: MatchView) -> str:
    return summaries.group(t, match.party)


def _who(t: Translator, match: MatchView, meeting: Meeting, driver: str | None = None) -> str:
    if meeting.comer is Comer.DRIVER and driver:
        who = t.gettext(
            "{name}, a volunteer driver who brings you to your host {host}",
            name=escape(driver),
            host=escape(match.host_name),
        )
        if meeting.sign:
            who += "\n" + t.gettext("How to recognise them: {sign}", sign=escape(meeting.sign))
        return who
    if meeting.comer is Comer.HOST:
        who = t.gettext("{name}, your host", name=escape(match.host_name))
        if meeting.sign:
            who += "\n" + t.gettext("How to recognise them: {sign}", sign=escape(meeting.sign))
        return who
    return t.gettext(
        "a volunteer sent by the dispatchers, who are arranging the ride to {name}",
        name=escape(match.host_name),
    )


def guest_card(
    t: Translator, match: MatchView, site: Site, meeting: Meeting, driver: str | None = None
) -> str:
    """Everything the guest needs tonight, in one message."""
    card = t.gettext(
        "🏠 <b>Tonight's meeting</b>\n\nTime: <b>{time}</b>\nWho comes: {who}\n"
        "Meeting point: {place}\nYour pickup code: <b>{code}</b>",
        time=local_time(t, meeting.meet_at, site),
        who=_who(t, match, meeting, driver),
        place=round_texts.meeting_point(site, t.locale),
        code=match.code,
    )
    return f"{card}\n\n{code_rule(t)}"


def _ride_line(t: Translator, driver: str | None) -> str:
    if driver:
        return t.gettext(
            "{driver}, a volunteer driver, brings them from the meeting point to your home.",
            driver=escape(driver),
        )
    return t.gettext(
        "You told us you need a driver: we are asking our drivers and will tell you who comes."
    )


def host_card(
    t: Translator, match: MatchView, site: Site, meeting: Meeting, driver: str | None = None
) -> str:
    """What the host needs tonight; the code stays in it after they confirmed."""
    if meeting.comer is not Comer.HOST:
        card = t.gettext(
            "✅ <b>Thank you.</b> Tonight's guests: {name}, {group}.\n\n{ride}\n"
            "Meeting time at {place}: <b>{time}</b>\nPickup code: <b>{code}</b>",
            ride=_ride_line(t, driver),
            name=escape(match.alias),
            group=_group(t, match),
            place=round_texts.meeting_point(site, t.locale),
            time=local_time(t, meeting.meet_at, site),
            code=match.code,
        )
        return f"{card}\n\n{code_rule(t)}"
    card = t.gettext(
        "✅ <b>Tonight's meeting</b>\n\nGuests: {name}, {group}\nTime: <b>{time}</b>\n"
        "Meeting point: {place}\nPickup code: <b>{code}</b>",
        name=escape(match.alias),
        group=_group(t, match),
        time=local_time(t, meeting.meet_at, site),
        place=round_texts.meeting_point(site, t.locale),
        code=match.code,
    )
    sign = (
        t.gettext("How your guests will recognise you: {sign}", sign=escape(meeting.sign))
        if meeting.sign
        else t.gettext("Tell your guests how to recognise you with the button below.")
    )
    return f"{card}\n{sign}\n\n{code_rule(t)}"


def walk_in_time(t: Translator, at: datetime, site: Site) -> str:
    return t.gettext("Meeting time: <b>{time}</b>", time=local_time(t, at, site))


def picked_up_line(t: Translator, match: MatchView) -> str:
    return t.gettext("✅ The pickup of {name} is marked.", name=escape(match.alias))


def to_host_needs_driver(t: Translator, match: MatchView, site: Site, minutes: int) -> str:
    """The proposal to a host who cannot collect: honest about who brings the guests."""
    return t.gettext(
        "🛏 <b>Tonight's guests</b>: {name}, {group}.\nLanguages: {languages}\n\n"
        "You told us you need a driver: if you confirm, a volunteer driver brings them from "
        "the meeting point ({place}) to your home. We will ask you for tonight's address, "
        "which only the driver sees.\nPickup code: <b>{code}</b>\n\n"
        "Please confirm within {minutes} minutes.",
        name=escape(match.alias),
        group=_group(t, match),
        languages=summaries.languages(t, match.languages),
        place=round_texts.meeting_point(site, t.locale),
        code=match.code,
        minutes=t.number(minutes),
    )


def choose_slot(t: Translator, match: MatchView, latest: time) -> str:
    return t.gettext(
        "At what time will you be at the meeting point for {name}? You said you can come "
        "until {time}. Times still free:",
        name=escape(match.alias),
        time=t.time(latest),
    )


def no_slot_left(t: Translator) -> str:
    return t.gettext("This proposal is no longer open, or no time is free any more.")


def here_to_comer(t: Translator, match: MatchView, site: Site) -> str:
    return t.gettext(
        "📍 {name} is at the meeting point ({place}).",
        name=escape(match.alias),
        place=round_texts.meeting_point(site, t.locale),
    )


def here_to_guest(t: Translator, match: MatchView, comer: str | None = None) -> str:
    return t.gettext(
        "📍 {name} is at the meeting point and looking for you. Say your code to them.",
        name=escape(comer or match.host_name),
    )


def here_to_dispatchers(t: Translator, match: MatchView, site: Site) -> str:
    return t.gettext(
        "📍 {name} (code {code}) is at {place}, waiting for the ride you are arranging to {host}.",
        name=escape(match.alias),
        code=match.code,
        place=round_texts.meeting_point(site, t.locale),
        host=escape(match.host_name),
    )


def here_noted(t: Translator) -> str:
    return t.gettext("Thank you: we told the other side that you are here.")


def here_already(t: Translator) -> str:
    return t.gettext("You already told us that you are here.")


def late_to_guest(t: Translator, time_text: str) -> str:
    return t.gettext(
        "⏰ Your meeting was at {time} and no pickup is marked yet. Are "
        "you at the meeting point? Press “📍 I am here”. The dispatchers have been told and "
        "will help.",
        time=time_text,
    )


def late_to_host(t: Translator, match: MatchView, time_text: str) -> str:
    return t.gettext(
        "⏰ Your meeting with {name} was at {time} and no pickup is marked yet. "
        "If they are with you, press “👥 My guests are with me” and type their code. If you "
        "cannot come, tell the dispatchers at once.",
        name=escape(match.alias),
        time=time_text,
    )


def late_to_driver(t: Translator, match: MatchView, time_text: str) -> str:
    return t.gettext(
        "⏰ Your ride with {name} was to start at {time} and no pickup is marked yet. "
        "If they are with you, press “👥 My guests are with me” and type their code. If you "
        "cannot come, press “↩️ I can no longer drive it”: we ask another driver.",
        name=escape(match.alias),
        time=time_text,
    )


def late_alert(
    t: Translator, match: MatchView, site: Site, meeting: Meeting, driver: str | None = None
) -> str:
    yes, no = t.gettext("yes"), t.gettext("no")
    if driver:  # the dispatchers call the driver who took the ride, not the host at home
        return t.gettext(
            "⏰ <b>Late pickup</b> (match {id}): {driver}, the driver taking {name} to {host}, "
            "was to meet them at {time} at {place}, code {code}. No pickup is marked. Guest "
            "here: {guest_here}. Driver here: {driver_here}.",
            id=str(match.id),
            driver=escape(driver),
            name=escape(match.alias),
            host=escape(match.host_name),
            time=local_time(t, meeting.meet_at, site),
            place=round_texts.meeting_point(site, t.locale),
            code=match.code,
            guest_here=yes if meeting.guest_here_at else no,
            driver_here=yes if meeting.comer_here_at else no,
        )
    return t.gettext(
        "⏰ <b>Late pickup</b> (match {id}): {host} and {name} were to meet at {time} at "
        "{place}, code {code}. No pickup is marked. Guest here: {guest_here}. "
        "Host here: {host_here}.",
        id=str(match.id),
        host=escape(match.host_name),
        name=escape(match.alias),
        time=local_time(t, meeting.meet_at, site),
        place=round_texts.meeting_point(site, t.locale),
        code=match.code,
        guest_here=yes if meeting.guest_here_at else no,
        host_here=yes if meeting.comer_here_at else no,
    )


def ride_needed(t: Translator, match: MatchView, site: Site, meeting: Meeting) -> str:
    return t.gettext(
        "🚗 <b>A ride is needed</b> (match {id}): {host} confirmed {name} ({group}) but needs "
        "a driver. Meeting at {place} at {time}, code {code}. Please arrange the ride and "
        "contact the host.",
        id=str(match.id),
        host=escape(match.host_name),
        name=escape(match.alias),
        group=_group(t, match),
        place=round_texts.meeting_point(site, t.locale),
        time=local_time(t, meeting.meet_at, site),
        code=match.code,
    )


def picked_up_to_guest(t: Translator, match: MatchView, comer: str | None = None) -> str:
    return t.gettext(
        "✅ {name} checked your code: your pickup is marked. Have a good night!",
        name=escape(comer or match.host_name),
    )


def hear_by(t: Translator, end: time) -> str:
    return t.gettext(
        "We will write to you again by {time} at the latest: with a host, or to tell you that "
        "the search has ended.",
        time=t.time(end),
    )


def no_bed(t: Translator, site: Site, alternatives: str, directory: str) -> str:
    return t.gettext(
        "🌙 <b>We are sorry: the search has ended for tonight and we found no host for "
        "you.</b>\n\n{alternatives}\n\nMeeting point: {place}\n\n{directory}\n\n"
        "You can ask again tomorrow from {command}.",
        command="/start",
        alternatives=alternatives,
        place=round_texts.meeting_point(site, t.locale),
        directory=directory,
    )


def sign_saved(t: Translator) -> str:
    return t.gettext("Thank you: your guests will read it.")
