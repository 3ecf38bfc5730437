"""Texts of the hosts' side: home, registration result, vetting, offers, patterns, pauses."""

from __future__ import annotations

from datetime import date, time
from html import escape

from bot.i18n import Translator


def register_invitation(t: Translator) -> str:
    return t.gettext("To host, register once: it takes about two minutes.")


def registered(t: Translator, name: str) -> str:
    return t.gettext(
        "Thank you, {name}. Your profile is registered.\n\n"
        "A dispatcher will now check it. You will get a message here as soon as it is "
        "approved; after that, you can offer beds in a few taps.",
        name=escape(name),
    )


def awaiting_vetting(t: Translator) -> str:
    return t.gettext(
        "Your profile is waiting for a dispatcher's approval. "
        "You will get a message here as soon as it is approved."
    )


def not_active(t: Translator) -> str:
    return t.gettext(
        "Your hosting is on hold for now. Please contact the dispatchers if you think this "
        "is a mistake."
    )


def approved(t: Translator) -> str:
    return t.gettext(
        "Good news: your host profile is approved. Thank you for opening your door.\n\n"
        "Whenever you have room, send /offer to offer beds for the night."
    )


def home(t: Translator, name: str) -> str:
    return t.gettext("<b>Hosting</b> – welcome back, {name}.", name=escape(name))


def no_offer_tonight(t: Translator, night: date) -> str:
    return t.gettext("You have no offer for {night}.", night=t.date(night, "full"))


def offer_tonight(t: Translator, night: date, summary: str) -> str:
    return t.gettext("<b>Your offer for {night}</b>", night=t.date(night, "full")) + "\n" + summary


def offer_saved(t: Translator, cutoff: time) -> str:
    return t.gettext(
        "Your offer is registered. You can change or withdraw it until {cutoff}; "
        "after that the dispatch is made and you will hear from us here.",
        cutoff=t.time(cutoff),
    )


def offer_result(t: Translator, late: bool, cutoff: time) -> str:
    """What follows a saved offer: matched at once (after the cut-off) or at the cut-off."""
    return offer_after_cutoff(t) if late else offer_saved(t, cutoff)


def offer_after_cutoff(t: Translator) -> str:
    return t.gettext(
        "Your offer is registered. Tonight's cut-off has passed: it will be used for people "
        "still waiting, and you will hear from us here."
    )


def confirm_withdrawal(t: Translator) -> str:
    return t.gettext("Withdraw your offer for tonight?")


def offer_withdrawn(t: Translator) -> str:
    return t.gettext("Your offer for tonight is withdrawn. Thank you for letting us know.")


def offer_locked(t: Translator) -> str:
    return t.gettext(
        "Tonight's cut-off has passed, so your offer can no longer be changed here. "
        "If you cannot host after all, press “Report a problem” below: the dispatchers read "
        "it at once."
    )


def paused(t: Translator, until: date) -> str:
    return t.gettext(
        "Hosting is paused until {date} included. You will not be asked to host until then.",
        date=t.date(until, "full"),
    )


def paused_offer_refused(t: Translator, until: date) -> str:
    return t.gettext(
        "Your hosting is paused until {date}. Resume it first to offer beds.",
        date=t.date(until, "full"),
    )


def resumed(t: Translator) -> str:
    return t.gettext("Welcome back: hosting is active again.")


def pattern_saved(t: Translator, days: str, reminder: time) -> str:
    return t.gettext(
        "Saved. Every {days}, at {time}, I will ask you to confirm tonight's offer in one tap.",
        days=days,
        time=t.time(reminder),
    )


def pattern_stopped(t: Translator) -> str:
    return t.gettext("Your weekly pattern is stopped.")


def pattern_reminder(t: Translator, beds: int, pickup: time) -> str:
    return t.ngettext(
        "Do you host tonight, as on other weeks? {count} bed, pickup until {time}.",
        "Do you host tonight, as on other weeks? {count} beds, pickup until {time}.",
        beds,
        time=t.time(pickup),
    )


def pattern_declined(t: Translator) -> str:
    return t.gettext("Noted: no offer tonight. Thank you for telling us.")


def profile_heading(t: Translator) -> str:
    return t.gettext("<b>Your profile</b>")


def profile_saved(t: Translator) -> str:
    return t.gettext("Saved.")


def new_host_alert(t: Translator, host_id: int, name: str) -> str:
    return t.gettext(
        "🆕 A new host is waiting for approval: {name} (number {id}). "
        "Send /approve to see the hosts waiting.",
        name=escape(name),
        id=str(host_id),
    )


def pending_list_heading(t: Translator, count: int) -> str:
    return t.ngettext(
        "{count} host is waiting for approval.", "{count} hosts are waiting for approval.", count
    )


def no_such_host(t: Translator) -> str:
    return t.gettext("There is no host waiting with that number.")
