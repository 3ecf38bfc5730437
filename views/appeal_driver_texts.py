"""Texts of urgent appeals to drivers: what a driver reads, the driver's answers, and the
dispatcher's preview with how many hosts and drivers it reaches."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.i18n import Translator
from dispatch.appeals import Appeal, NewAppeal, Recipient
from views import appeal_message_texts, appeal_texts


def appeal_text(t: Translator, appeal: Appeal, site_name: str) -> str:
    """The live figure, the dispatchers' note as written, the question."""
    headline = t.ngettext(
        "🚗 <b>Drivers needed tonight at {site}: {count} person is still waiting.</b>",
        "🚗 <b>Drivers needed tonight at {site}: {count} people are still waiting.</b>",
        appeal.people,
        site=escape(site_name),
    )
    question = t.gettext(
        "Some hosts cannot come to the meeting point. Can you drive guests to them tonight?"
        " One tap tells the dispatchers; they will call you before anything is settled."
    )
    return appeal_message_texts.with_note(t, headline, appeal, question)


def counts(recipients: list[Recipient]) -> tuple[int, int]:
    """How many hosts and how many drivers an audience holds."""
    drivers = sum(1 for r in recipients if r.driver_id is not None)
    return len(recipients) - drivers, drivers


def audience_counts(t: Translator, hosts: int, drivers: int) -> str:
    """The dispatcher sees, before sending, whom the appeal reaches."""
    return "\n".join(
        [
            t.gettext("📣 <b>Preview</b>: who would receive this appeal now:"),
            "   • " + t.ngettext("🏠 {count} host", "🏠 {count} hosts", hosts),
            "   • " + t.ngettext("🚗 {count} driver", "🚗 {count} drivers", drivers),
        ]
    )


def drivers_read(t: Translator) -> str:
    return t.gettext("What each driver reads, in their own language:")


def send_label(t: Translator, total: int) -> str:
    return t.ngettext("📣 Send to {count} person", "📣 Send to {count} people", total)


def sent(t: Translator, hosts: int, drivers: int) -> str:
    return t.gettext(
        "📣 The appeal is going out to {whom}. Progress below.",
        whom=appeal_message_texts.whom(t, hosts, drivers),
    )


def nobody(t: Translator, site_name: str) -> str:
    return t.gettext(
        "📣 <b>Nobody at {site} can receive this appeal right now.</b> Each approved driver"
        " already has a shift tonight, has turned appeals off or cannot be reached.",
        site=escape(site_name),
    )


def thanks(t: Translator, site_name: str) -> str:
    return t.gettext(
        "Thank you! The dispatchers of {site} now know you can drive tonight. They will call"
        " you or write to you here.",
        site=escape(site_name),
    )


def opted_out(t: Translator) -> str:
    return t.gettext(
        "You will not receive urgent appeals for drivers any more. Send /appeals to change"
        " this at any time."
    )


def settings(t: Translator, wanted: bool) -> str:
    """/appeals for a driver: what they receive now, and the choice."""
    now = (
        t.gettext("You receive urgent appeals when drivers are needed.")
        if wanted
        else t.gettext("You do not receive urgent appeals at the moment.")
    )
    return (
        now
        + "\n\n"
        + t.gettext(
            "When some hosts cannot come to the meeting point, the dispatchers may send an urgent"
            " appeal to drivers. Do you want to receive these appeals?"
        )
    )


def settings_saved(t: Translator, wanted: bool) -> str:
    if wanted:
        return t.gettext("Saved: you will receive urgent appeals when drivers are needed.")
    return opted_out(t)


def preview(
    t: Translator, appeal: NewAppeal, site_name: str, hosts: int, drivers: int, now: datetime
) -> str:
    """The counts first, then what hosts (if any are asked) and drivers will read."""
    sample = appeal.as_sent(now)
    parts = [audience_counts(t, hosts, drivers)]
    if appeal.filters.to_hosts:
        parts += [
            appeal_texts.audience_line(t, appeal.filters),
            "―――",
            appeal_message_texts.appeal_text(t, sample, site_name),
        ]
    parts += ["―――", drivers_read(t), appeal_text(t, sample, site_name)]
    return "\n\n".join(parts)
