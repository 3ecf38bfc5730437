"""Texts around urgent appeals: the dispatcher's preview and confirmations, the host's answers
and settings. (What each host receives, and the progress, are in appeal_message_texts.)"""

from __future__ import annotations

from datetime import datetime, time

from bot.i18n import Translator
from dispatch.appeals import AppealFilters, NewAppeal
from views import appeal_message_texts, summaries
from views.form_texts import OPTION_LABELS


def preview(t: Translator, appeal: NewAppeal, site_name: str, audience: int, now: datetime) -> str:
    """The dispatcher reads what hosts will read, and how many will read it."""
    sample = appeal.as_sent(now)
    heading = t.ngettext(
        "📣 <b>Preview</b>: this appeal would reach {count} host now.",
        "📣 <b>Preview</b>: this appeal would reach {count} hosts now.",
        audience,
    )
    return "\n\n".join(
        [
            heading,
            audience_line(t, appeal.filters),
            "―――",
            appeal_message_texts.appeal_text(t, sample, site_name),
            "―――",
            t.gettext("Each host reads it in their own language, with buttons to answer."),
        ]
    )


def audience_line(t: Translator, filters: AppealFilters) -> str:
    who = (
        t.gettext(OPTION_LABELS[("within", str(filters.hosted_within_days))])
        if filters.hosted_within_days
        else t.gettext(OPTION_LABELS[("within", "any")])
    )
    parts = [who]
    if filters.languages:
        parts.append(
            t.gettext(
                "speaking {languages}", languages=summaries.languages(t, sorted(filters.languages))
            )
        )
    if filters.accepts:
        kinds = t.gettext(", ").join(
            t.gettext(OPTION_LABELS[("accepts", kind)]) for kind in sorted(filters.accepts)
        )
        parts.append(t.gettext("accepting: {groups}", groups=kinds))
    return t.gettext("Audience: {audience}", audience=t.gettext("; ").join(parts))


def send_label(t: Translator, audience: int) -> str:
    return t.ngettext("📣 Send to {count} host", "📣 Send to {count} hosts", audience)


def drop_label(t: Translator) -> str:
    return t.gettext("✖️ Do not send")


def nobody_in_audience(t: Translator, filters: AppealFilters, everyone: int) -> str:
    """The audience chosen is what leaves the appeal empty: say so, and what widening gives."""
    return t.ngettext(
        "📣 <b>No host matches this audience right now</b> ({audience}). Sent to every host of "
        "the site, it would reach {count} host.",
        "📣 <b>No host matches this audience right now</b> ({audience}). Sent to every host of "
        "the site, it would reach {count} hosts.",
        everyone,
        audience=audience_line(t, filters),
    )


def widen_label(t: Translator, everyone: int) -> str:
    return t.ngettext(
        "🔓 Send to every host ({count})", "🔓 Send to every host ({count})", everyone
    )


def nobody_reachable(t: Translator, site_name: str) -> str:
    """Even with every host of the site, nobody can be reached now."""
    return t.gettext(
        "📣 <b>No host of {site} can receive an appeal right now.</b> The site has no approved "
        "host, or each one already offers beds tonight, is paused, has turned appeals off, "
        "cannot be reached or is in their quiet hours. Widening the audience would not help.",
        site=site_name,
    )


def nobody_waiting(t: Translator, site_name: str) -> str:
    return t.gettext(
        "Nobody is waiting for a bed at {site} right now: there is nothing to appeal for.",
        site=site_name,
    )


def sent(t: Translator, recipients: int) -> str:
    return t.ngettext(
        "📣 The appeal is going out to {count} host. Progress below.",
        "📣 The appeal is going out to {count} hosts. Progress below.",
        recipients,
    )


def dropped(t: Translator) -> str:
    return t.gettext("The appeal was not sent.")


def already_sent(t: Translator) -> str:
    return t.gettext("This appeal has already been sent or dropped.")


def not_yours(t: Translator) -> str:
    return t.gettext("This button is not meant for you, or is no longer valid.")


def too_late(t: Translator) -> str:
    return t.gettext("This appeal was for an earlier evening. Thank you all the same!")


def cannot_host_now(t: Translator) -> str:
    return t.gettext(
        "Thank you! Your hosting is paused or not approved at the moment, so the dispatchers"
        " cannot send you guests tonight."
    )


def opted_out(t: Translator) -> str:
    return t.gettext(
        "You will not receive urgent appeals any more. Send /appeals to change this at any time."
    )


def hosts_only(t: Translator) -> str:
    return t.gettext("Urgent appeals are for registered hosts. Send /offer to become one.")


def settings_saved(t: Translator, wanted: bool, start: time | None, end: time | None) -> str:
    if not wanted:
        return opted_out(t)
    if start is None or end is None:
        return t.gettext("Saved: you will receive urgent appeals at any time.")
    return t.gettext(
        "Saved: you will receive urgent appeals, but never between {start} and {end}.",
        start=t.time(start),
        end=t.time(end),
    )
