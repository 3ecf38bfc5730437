"""Texts of the guests' side, written for someone tired, worried, and reading a second language."""

from __future__ import annotations

from datetime import date, time
from html import escape

from bot.i18n import Translator
from views import trust_texts


def privacy_notice(t: Translator, days: int) -> str:
    """The notice, with what outlives erasure added after its last point."""
    text = _notice(t, days)
    points, *closing = text.rsplit("\n\n", 2)
    return "\n\n".join([points + "\n" + trust_texts.tombstone_note(t), *closing])


def _notice(t: Translator, days: int) -> str:
    return t.gettext(
        "<b>Before we start: what we keep about you</b>\n\n"
        "• <b>What</b>: the first name or nickname you give, who is in your group, the "
        "languages you speak, and whether you need step-free access or have a medical need "
        "(no details). Never papers, photos or phone numbers.\n"
        "• <b>Why</b>: only to find you a bed and to tell you where to meet your host.\n"
        "• <b>For how long</b>: {period}, then it is deleted. We keep only anonymous counts.\n"
        "• <b>Who sees it</b>: the dispatchers who organise the night. Your host sees only "
        "your first name, who is in your group and the languages you speak.\n\n"
        "You can ask us to delete everything at any time.\n\nDo you agree?",
        period=t.ngettext("{count} day", "{count} days", days),
    )


def welcome(t: Translator, cutoff: time, days: int, *, consented: bool) -> str:
    """The first page a guest reads: what happens tonight and, before anything is stored, what
    we keep. Short on purpose (under 60 words with its buttons): the full notice is one tap away.
    """
    lines = [
        t.gettext("<b>A bed for tonight, in a volunteer's home.</b>"),
        t.gettext(
            "At {cutoff} we tell you here where and when to meet your host.",
            cutoff=t.time(cutoff),
        ),
    ]
    if not consented:
        lines.append(
            t.gettext(
                "We keep a first name, who is with you, your languages and needs, for {period}. "
                "No papers, photos or phone number.",
                period=t.ngettext("{count} day", "{count} days", days),
            )
        )
    return "\n\n".join(lines)


def declined(t: Translator, alternatives: str) -> str:
    return t.gettext(
        "We have kept nothing about you. If you change your mind, send /start.\n\n{alternatives}",
        alternatives=alternatives,
    )


def generic_alternatives(t: Translator) -> str:
    return t.gettext(
        "Tonight you can also go to the meeting point and speak with the dispatchers: "
        "they know the shelters that are open."
    )


def registered(t: Translator, alias: str, site: str, night: date, cutoff: time) -> str:
    return t.gettext(
        "Thank you, {name}. Your request for the night of {date} at {site} is registered.\n\n"
        "At {cutoff} we will write to you here: where and when to meet your host. "
        "Please keep Telegram open.",
        name=escape(alias),
        date=t.date(night, "full"),
        site=escape(site),
        cutoff=t.time(cutoff),
    )


def for_tomorrow(t: Translator) -> str:
    return t.gettext(
        "It is too late for tonight's dispatch, so your request is for tomorrow evening."
    )


def after_cutoff(t: Translator) -> str:
    return t.gettext(
        "Tonight's cut-off has passed, but we will still try to find you a host and will "
        "write to you here."
    )


def status_waiting(t: Translator, night: date, site: str, make_up: str) -> str:
    return t.gettext(
        "<b>Your request</b> for the night of {date} at {site} ({group}) is registered. "
        "We are looking for a host and will write to you here.",
        date=t.date(night, "full"),
        site=escape(site),
        group=make_up,
    )


def status_matched(t: Translator, night: date) -> str:
    return t.gettext(
        "A host has been found for the night of {date}. The meeting details are in the "
        "message we sent you.",
        date=t.date(night, "full"),
    )


def nothing_tonight(t: Translator) -> str:
    return t.gettext("You have no request or offer for tonight. Send /start to begin.")


def confirm_withdrawal(t: Translator) -> str:
    return t.gettext("Withdraw your request for tonight?")


def withdrawn(t: Translator) -> str:
    return t.gettext("Your request is withdrawn. If you need a bed after all, send /start again.")


def minors(t: Translator, service: str) -> str:
    return t.gettext(
        "You are under 18 and alone: you have the right to special protection, and a private "
        "home is not the right place for you tonight.\n\n{service}\n\n"
        "The dispatchers have been told and can help you at the meeting point.",
        service=service,
    )


def generic_minors_service(t: Translator) -> str:
    return t.gettext(
        "Please go to the dispatchers at the meeting point: they will take you to a service "
        "for young people, where you can sleep safely tonight."
    )


def minor_alert(t: Translator, site: str, user_id: int) -> str:
    # The link is built outside the message so that no isolate mark lands inside the URL.
    label = t.gettext("Write to them")
    link = f'<a href="tg://user?id={user_id}">{label}</a>'
    return t.gettext(
        "🧒 An unaccompanied minor asked for a bed through the bot ({site}). They were shown "
        "the minors' service. {link}",
        site=escape(site),
        link=link,
    )


def walkin_registered(t: Translator, alias: str, make_up: str, code: str) -> str:
    return t.gettext(
        "Registered for tonight: {name}, {group}.\n\n"
        "Pickup code: <b>{code}</b>\n"
        "Write it on paper and give it to them. Their notices will come to you.",
        name=escape(alias),
        group=make_up,
        code=code,
    )
