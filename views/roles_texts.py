"""Texts of roles: the dispatchers' list, invites, and what the person named is told."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape

from bot.i18n import Translator
from storage.users import Grant


def where(t: Translator, site_id: int | None, names: Mapping[int, str]) -> str:
    if site_id is None:
        return t.gettext("every site")
    return escape(names.get(site_id, "?"))


def dispatchers(t: Translator, grants: list[Grant], names: Mapping[int, str]) -> str:
    by_user: dict[int, list[str]] = {}
    for grant in grants:
        by_user.setdefault(grant.user_id, []).append(where(t, grant.site_id, names))
    lines = [t.ngettext("<b>{count} dispatcher</b>", "<b>{count} dispatchers</b>", len(by_user))]
    lines += [
        t.gettext("• {user}: {sites}", user=t.isolate(str(user)), sites=t.gettext(", ").join(s))
        for user, s in by_user.items()
    ]
    lines += [
        "",
        t.gettext(
            "To name a dispatcher, send an invite link below, or send /dispatchers add"
            " followed by their Telegram number (and a site number). /dispatchers remove"
            " followed by the number takes the role away."
        ),
    ]
    return "\n".join(lines)


def invite(t: Translator, link: str, site: str, expires: datetime) -> str:
    return t.gettext(
        "🔗 Invite link for a dispatcher at {site}:\n{link}\n\nIt works once, until {date}."
        " Send it only to the person you mean.",
        site=site,
        link=escape(link),
        date=t.date(expires.date(), "d MMMM"),
    )


def granted(t: Translator, user_id: int, site: str) -> str:
    return t.gettext(
        "{user} is now a dispatcher for {site}.", user=t.isolate(str(user_id)), site=site
    )


def revoked(t: Translator, user_id: int) -> str:
    return t.gettext("{user} is no longer a dispatcher.", user=t.isolate(str(user_id)))


def not_a_dispatcher(t: Translator, user_id: int) -> str:
    return t.gettext("{user} is not a dispatcher.", user=t.isolate(str(user_id)))


def usage(t: Translator) -> str:
    return t.gettext(
        "Use /dispatchers add NUMBER [SITE], or /dispatchers remove NUMBER, with the person's"
        " Telegram number (they must have written to the bot once)."
    )


def welcome_dispatcher(t: Translator, site: str) -> str:
    return t.gettext(
        "🧭 You are now a dispatcher for {site}. Send /help to see your commands, and /board"
        " for tonight's board.",
        site=site,
    )


def role_removed(t: Translator) -> str:
    return t.gettext("Your dispatcher role has been removed. Thank you for your help.")


def invite_invalid(t: Translator) -> str:
    return t.gettext(
        "This invite link has already been used or has expired. Ask an admin for a new one."
    )
