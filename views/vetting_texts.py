"""Texts of vetting: the queue a dispatcher works through, and what the host is told."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from bot.i18n import Translator
from dispatch.models import HostProfile, HostStatus
from views import host_texts, summaries


def status_label(t: Translator, status: HostStatus) -> str:
    return {
        HostStatus.PENDING: t.gettext("waiting for approval"),
        HostStatus.VETTED: t.gettext("approved"),
        HostStatus.REJECTED: t.gettext("not accepted"),
        HostStatus.SUSPENDED: t.gettext("suspended"),
    }[status]


def host_card(t: Translator, host: HostProfile, site_names: Mapping[int, str], reason: str) -> str:
    heading = t.gettext(
        "<b>#{id}</b> · {status}", id=str(host.id), status=status_label(t, host.status)
    )
    parts = [heading, summaries.host_profile(t, host.details, site_names)]
    if reason and host.status in (HostStatus.REJECTED, HostStatus.SUSPENDED):
        parts.append(t.gettext("Reason: {reason}", reason=escape(reason)))
    return "\n".join(parts)


def confirm_approval(t: Translator, host: HostProfile) -> str:
    return t.gettext(
        "Approve {name}? From tonight on, the dispatch may send them guests, and they are told "
        "at once.",
        name=escape(host.details.display_name),
    )


def overview(t: Translator, counts: Mapping[HostStatus, int]) -> str:
    lines = [t.gettext("<b>Hosts</b>")]
    lines += [
        t.gettext(
            "{status}: {count}",
            status=status_label(t, status),
            count=t.number(counts.get(status, 0)),
        )
        for status in HostStatus
    ]
    lines += ["", t.gettext("Send /hosts followed by a name or a number to find a host.")]
    return "\n".join(lines)


def none_found(t: Translator, text: str) -> str:
    return t.gettext("No host matches “{text}”.", text=escape(text))


def decision_done(t: Translator, status: HostStatus, name: str) -> str:
    name = escape(name)
    return {
        HostStatus.VETTED: t.gettext("Approved: {name}. They have been told.", name=name),
        HostStatus.REJECTED: t.gettext("Not accepted: {name}. They have been told.", name=name),
        HostStatus.SUSPENDED: t.gettext(
            "Suspended: {name}. They have been told, and their offers from tonight on are"
            " withdrawn.",
            name=name,
        ),
    }[status]


def reinstated_done(t: Translator, name: str) -> str:
    return t.gettext("Reinstated: {name}. They have been told.", name=escape(name))


def decision_stale(t: Translator) -> str:
    return t.gettext("This host's status has changed in the meantime; nothing was done.")


def to_host(t: Translator, status: HostStatus, was: HostStatus, reason: str) -> str:
    """What the host hears about a decision on their hosting, in their language."""
    if status is HostStatus.VETTED and was is HostStatus.SUSPENDED:
        return t.gettext(
            "▶️ You can host again: the dispatchers have lifted your suspension. "
            "Send /offer when you have a bed for a night."
        )
    if status is HostStatus.VETTED:
        return host_texts.approved(t)
    because = t.gettext("Reason given by the dispatchers: {reason}", reason=escape(reason))
    if status is HostStatus.REJECTED:
        text = t.gettext(
            "Your registration as a host was not accepted. You can write to the dispatchers "
            "if you think this is a mistake."
        )
    else:
        text = t.gettext(
            "⏸ The dispatchers have suspended your hosting: you will not receive guests for now, "
            "and your offers from tonight on are withdrawn. You will be told when this changes."
        )
    return f"{text}\n\n{because}" if reason else text
