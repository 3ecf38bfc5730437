"""Texts of trust: a report and its alert to the dispatchers, the open incidents, blocking.

A dispatcher must be able to act on an alert alone: it names the reporter, the stay (host,
guest, site, night, code), what was written, and the commands to use. What people wrote is
escaped here, once. Telegram ids are shown as typed, never as localized numbers, because
dispatchers copy them into /block.
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from bot.i18n import Translator
from dispatch.models import Reporter
from dispatch.readmodels import Incident, MatchView, guest_user
from views.common_texts import in_danger


def _user(user_id: int) -> str:
    return f"<code>{user_id}</code>"


def report_thanks(t: Translator, *, about_stay: bool) -> str:
    thanks = (
        t.gettext(
            "Thank you for telling us. A dispatcher will contact you. "
            "You will not be matched with this person again."
        )
        if about_stay
        else t.gettext("Thank you for telling us. A dispatcher will contact you.")
    )
    return f"{thanks}\n\n{in_danger(t)}"


def too_many_reports(t: Translator) -> str:
    """Past the day's reports: the dispatchers have them; a person, or 112, is the way now."""
    enough = t.gettext(
        "The dispatchers already have your reports of today and will contact you. "
        "To add something, please speak with a dispatcher at the meeting point."
    )
    return f"{enough}\n\n{in_danger(t)}"


def something_else(t: Translator) -> str:
    return t.gettext("Something else")


def stay_label(t: Translator, match: MatchView, reporter_id: int) -> str:
    """A button naming the other side of one of the reporter's stays."""
    other = match.alias if match.host_user_id == reporter_id else match.host_name
    return t.gettext("{name}, night of {night}", name=other, night=t.date(match.night, "short"))


def _reporter(t: Translator, incident: Incident, first_name: str) -> str:
    name = escape(incident.reporter_name or first_name)
    values = {"number": str(incident.id), "name": name, "user": _user(incident.reporter_id)}
    if incident.side is Reporter.HOST:
        return t.gettext(
            "⚠️ <b>Incident #{number}</b>: reported by the host {name} ({user}).", **values
        )
    if incident.side is Reporter.GUEST:
        return t.gettext(
            "⚠️ <b>Incident #{number}</b>: reported by the guest {name} ({user}).", **values
        )
    return t.gettext("⚠️ <b>Incident #{number}</b>: reported by {name} ({user}).", **values)


def _stay(t: Translator, match: MatchView | None, site_name: str) -> str:
    if match is None:
        return t.gettext("The report is about no particular stay.")
    guest_id = guest_user(match)
    guest = (
        t.gettext("{name} ({user})", name=escape(match.alias), user=_user(guest_id))
        if guest_id is not None
        else t.gettext("{name} (registered at the meeting point)", name=escape(match.alias))
    )
    return t.gettext(
        "Stay: host {host}, guest {guest}, {site}, night of {night}, pickup code {code}.",
        host=t.gettext(
            "{name} ({user})", name=escape(match.host_name), user=_user(match.host_user_id)
        ),
        guest=guest,
        site=escape(site_name),
        night=t.date(match.night),
        code=match.code,
    )


def card(
    t: Translator, incident: Incident, site_name: str, zone: tzinfo, first_name: str = ""
) -> str:
    """One incident as the dispatchers see it in /incidents (times in the site's zone)."""
    local = incident.created_at.astimezone(zone)
    parts = [
        _reporter(t, incident, first_name),
        _stay(t, incident.match, site_name),
        t.gettext(
            "Reported on {date} at {time}.", date=t.date(local.date(), "short"), time=t.time(local)
        ),
        t.gettext("What they wrote:") + f"\n<blockquote>{escape(incident.body)}</blockquote>",
    ]
    if incident.match is not None:
        parts.append(t.gettext("This pair will not be matched again."))
    return "\n".join(parts)


def alert(t: Translator, incident: Incident, site_name: str, zone: tzinfo, first_name: str) -> str:
    """Sent at once to the dispatch group (or the admins)."""
    act = t.gettext(
        "To act: /incidents lists the open reports; /block USER_ID followed by a reason "
        "suspends someone's access."
    )
    return f"{card(t, incident, site_name, zone, first_name)}\n\n{act}"


def open_heading(t: Translator, count: int) -> str:
    if count == 0:
        return t.gettext("No open incidents.")
    return t.ngettext("<b>{count} open incident</b>", "<b>{count} open incidents</b>", count)


def handled(t: Translator, incident: Incident, site_name: str, zone: tzinfo) -> str:
    done = t.gettext("✅ Incident #{number} marked as handled.", number=str(incident.id))
    return f"{card(t, incident, site_name, zone)}\n\n{done}"


def incident_gone(t: Translator) -> str:
    return t.gettext("This incident is already handled or no longer exists.")


def nobody_to_block(t: Translator) -> str:
    return t.gettext("There is nobody to block on this side: the guest was registered in person.")


def block_usage(t: Translator) -> str:
    return t.gettext(
        "Send /block followed by the person's number and the reason, for example: "
        "/block 123456789 Did not respect the charter."
    )


def unblock_usage(t: Translator) -> str:
    return t.gettext(
        "Send /unblock followed by the person's number, for example: /unblock 123456789."
    )


def no_such_user(t: Translator, user_id: int) -> str:
    return t.gettext("Nobody with the number {user} has written to this bot.", user=_user(user_id))


def staff_not_blocked(t: Translator) -> str:
    return t.gettext("Dispatchers and admins cannot be blocked. Remove their role first.")


def already_blocked(t: Translator, user_id: int, reason: str) -> str:
    return t.gettext(
        "{user} is already blocked. Reason: {reason}", user=_user(user_id), reason=escape(reason)
    )


def blocked_done(t: Translator, user_id: int, offers: int, requests: int) -> str:
    lines = [
        t.gettext(
            "⛔ {user} is blocked. They were told that their access is suspended.",
            user=_user(user_id),
        )
    ]
    if offers:
        lines.append(
            t.ngettext(
                "{count} offer withdrawn; its guests are back in the dispatch.",
                "{count} offers withdrawn; their guests are back in the dispatch.",
                offers,
            )
        )
    if requests:
        lines.append(
            t.ngettext("{count} request withdrawn.", "{count} requests withdrawn.", requests)
        )
    lines.append(t.gettext("To restore their access: /unblock {user}", user=str(user_id)))
    return "\n".join(lines)


def not_blocked(t: Translator, user_id: int) -> str:
    return t.gettext("{user} is not blocked.", user=_user(user_id))


def unblocked_done(t: Translator, user_id: int) -> str:
    return t.gettext("✅ {user} can use the bot again. They were told.", user=_user(user_id))


def to_blocked(t: Translator) -> str:
    """The notice a blocked person receives; the reason stays with the dispatchers, so that
    a report never exposes the person who made it."""
    return t.gettext(
        "⛔ The dispatchers have suspended your access to this bot. Your offers and requests "
        "from tonight on are withdrawn.\n\nTo talk about it, speak with a dispatcher at the "
        "meeting point, or write to them with /report."
    )


def to_unblocked(t: Translator) -> str:
    return t.gettext("✅ Your access to this bot is restored. Send /start to continue.")


def suspended(t: Translator) -> str:
    """The answer to anything a blocked person sends, instead of the usual features."""
    return t.gettext(
        "Your access to this bot is suspended. To talk about it, speak with a dispatcher at "
        "the meeting point, or write to them with /report."
    )
