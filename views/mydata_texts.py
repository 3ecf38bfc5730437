"""/mydata: everything we keep about the reader, in their language, section by section.

Reads the plain export of storage.privacy; every value a person typed is escaped here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from html import escape
from typing import Any

from bot.i18n import N_, Translator
from dispatch.drivers import DriverDetails, RideStatus
from dispatch.groups import GroupType, Household
from dispatch.locales import NATIVE_NAMES
from dispatch.models import HostDetails
from dispatch.party import Party
from dispatch.retention import deleted_from
from views import drafts_texts, driver_texts, rides_texts, summaries
from views.form_texts import OPTION_LABELS

Export = Mapping[str, Any]

STATUSES = {
    "waiting": N_("waiting for a host"),
    "matched": N_("a host was found"),
    "withdrawn": N_("withdrawn"),
    "active": N_("open"),
    "proposed": N_("proposed to the host"),
    "confirmed": N_("confirmed"),
    "declined": N_("declined"),
    "expired": N_("not answered in time"),
    "picked_up": N_("picked up"),
    "cancelled": N_("cancelled"),
    "pending": N_("waiting for approval"),
    "vetted": N_("approved"),
    "rejected": N_("not approved"),
    "suspended": N_("suspended"),
    "open": N_("open"),
    "handled": N_("handled"),
}
VERDICTS = {"good": N_("all went well"), "problem": N_("a problem was reported")}
ROLES = {"dispatcher": N_("dispatcher"), "admin": N_("admin")}


def _status(t: Translator, value: str) -> str:
    return t.gettext(STATUSES[value]) if value in STATUSES else escape(value)


def _day(t: Translator, iso: str | None) -> str:
    if not iso:
        return "–"
    return t.date(datetime.fromisoformat(iso).date() if "T" in iso else date.fromisoformat(iso))


def _heading(text: str) -> str:
    return f"\n<b>{text}</b>"


def account(t: Translator, user: Mapping[str, Any], roles: list[dict[str, Any]]) -> list[str]:
    lines = [
        _heading(t.gettext("Your account")),
        t.gettext("Telegram number: {id}", id=user["id"]),
        t.gettext(
            "Language: {language}",
            language=NATIVE_NAMES.get(user["locale"] or "", "") or t.gettext("not chosen"),
        ),
        t.gettext("First message: {date}", date=_day(t, user["created_at"])),
    ]
    for role in roles:
        lines.append(t.gettext("Role: {role}", role=t.gettext(ROLES.get(role["role"], "?"))))
    return lines


def guest(t: Translator, data: Export, sites: Mapping[int, str], days: int) -> list[str]:
    if data["guest"] is None:
        return []
    profile = data["guest"]
    lines = [
        _heading(t.gettext("As a guest")),
        t.gettext("Name you gave: {name}", name=escape(profile["alias"] or "–")),
        t.gettext(
            "Privacy notice accepted on {date} (version {version})",
            date=_day(t, profile["consent_at"]),
            version=profile["consent_version"] or "–",
        ),
    ]
    for request in data["requests"]:
        night = date.fromisoformat(request["night"])
        party = Party(
            request["women"], request["men"], request["children"], tuple(request["children_ages"])
        )
        group = summaries.group(t, party)
        lines.append(
            t.gettext(
                "• Night of {date}, {site}: {group}; {languages}; {status}. Deleted on {deleted}.",
                date=t.date(night, "medium"),
                site=escape(sites.get(request["site_id"], "?")),
                group=group,
                languages=summaries.languages(t, request["languages"]),
                status=_status(t, request["status"]),
                deleted=t.date(deleted_from(night, days), "medium"),
            )
        )
    for match in data["guest_matches"]:
        lines.append(
            t.gettext(
                "• Host on the night of {date}: {name}, pickup code {code}, {status}.",
                date=_day(t, match["night"]),
                name=escape(match["host_name"]),
                code=match["pickup_code"],
                status=_status(t, match["status"]),
            )
        )
    return lines


def host(t: Translator, data: Export, sites: Mapping[int, str]) -> list[str]:
    profile = data["host"]
    if profile is None:
        return []
    details = HostDetails(
        profile["display_name"],
        profile["phone"],
        Household(profile["household"]),
        frozenset(GroupType(g) for g in profile["accepts"]),
        tuple(profile["languages"]),
        bool(profile["step_free"]),
        bool(profile["pets"]),
        bool(profile["can_fetch"]),
        tuple(profile["site_ids"]),
    )
    lines = [_heading(t.gettext("As a host")), summaries.host_profile(t, details, sites)]
    lines.append(t.gettext("Status: {status}", status=_status(t, profile["status"])))
    if profile["paused_until"]:
        lines.append(t.gettext("Paused until {date}", date=_day(t, profile["paused_until"])))
    appeals = OPTION_LABELS[("appeals", "yes" if profile["appeals"] else "no")]
    lines.append(t.gettext("Urgent appeals: {choice}", choice=t.gettext(appeals)))
    if profile["quiet_start"] and profile["quiet_end"]:
        lines.append(
            t.gettext(
                "Quiet hours: {start}–{end}",
                start=t.time(time.fromisoformat(profile["quiet_start"])),
                end=t.time(time.fromisoformat(profile["quiet_end"])),
            )
        )
    if data["pattern"]:
        lines.append(t.gettext("A weekly hosting pattern is saved."))
    for offer in data["offers"]:
        lines.append(
            t.ngettext(
                "• Offer for the night of {date}, {site}: {count} bed, {status}.",
                "• Offer for the night of {date}, {site}: {count} beds, {status}.",
                offer["beds"],
                date=_day(t, offer["night"]),
                site=escape(sites.get(offer["site_id"], "?")),
                status=_status(t, offer["status"]),
            )
        )
        if offer["note"]:
            lines.append(t.gettext("  Note: {note}", note=escape(offer["note"])))
    for match in data["host_matches"]:
        lines.append(
            t.ngettext(
                "• Guests on the night of {date}: {name} ({count} person), code {code}, {status}.",
                "• Guests on the night of {date}: {name} ({count} people), code {code}, {status}.",
                match["people"],
                date=_day(t, match["night"]),
                name=escape(match["guest_alias"] or "–"),
                code=match["pickup_code"],
                status=_status(t, match["status"]),
            )
        )
    for ride in data.get("host_rides", []):
        lines.append(_host_ride(t, ride))
    return lines


def _ride_status(t: Translator, value: str) -> str:
    status = RideStatus(value)
    return t.gettext(rides_texts.STATUSES[status])


def _host_ride(t: Translator, ride: Mapping[str, Any]) -> str:
    if ride["address"]:
        return t.gettext(
            "• Ride on the night of {date}: {status}. The address you gave the driver: "
            "{address} (deleted after the ride).",
            date=_day(t, ride["night"]),
            status=_ride_status(t, ride["status"]),
            address=escape(ride["address"]),
        )
    return t.gettext(
        "• Ride on the night of {date}: {status}. No address is stored.",
        date=_day(t, ride["night"]),
        status=_ride_status(t, ride["status"]),
    )


def driver(t: Translator, data: Export, sites: Mapping[int, str]) -> list[str]:
    profile = data.get("driver")
    if profile is None:
        return []
    details = DriverDetails(
        profile["display_name"],
        profile["phone"],
        Household(profile["crew"]),
        frozenset(GroupType(g) for g in profile["drives"]),
        int(profile["seats"]),
        int(profile["child_seats"]),
        tuple(profile["site_ids"]),
    )
    lines = [_heading(t.gettext("As a driver")), driver_texts.profile(t, details, sites)]
    lines.append(t.gettext("Status: {status}", status=_status(t, profile["status"])))
    if data["driver_pattern"]:
        lines.append(t.gettext("A weekly driving pattern is saved."))
    for shift in data["shifts"]:
        lines.append(
            t.gettext(
                "• Shift for the night of {date}, {site}: {start}–{end}; seats: {seats}; "
                "trips: {trips}; {status}.",
                date=_day(t, shift["night"]),
                site=escape(sites.get(shift["site_id"], "?")),
                start=t.time(time.fromisoformat(shift["starts"])),
                end=t.time(time.fromisoformat(shift["ends"])),
                seats=t.number(shift["seats"]),
                trips=t.number(shift["trips"]),
                status=_status(t, shift["status"]),
            )
        )
    for ride in data.get("driver_rides", []):
        lines.append(
            t.gettext(
                "• Ride you drove or were asked to drive on the night of {date}: {status}.",
                date=_day(t, ride["night"]),
                status=_ride_status(t, ride["status"]),
            )
        )
    return lines


def other(t: Translator, data: Export) -> list[str]:
    """Answers after a night, reports, walk-ins and an unfinished form."""
    lines: list[str] = []
    for answer in data["feedback"]:
        verdict = t.gettext(VERDICTS.get(answer["verdict"], "?"))
        lines.append(
            t.gettext(
                "• After the night of {date}: {verdict}.",
                date=_day(t, answer["night"]),
                verdict=verdict,
            )
        )
    for report in data["incidents"]:
        lines.append(
            t.gettext(
                "• Your report of {date} ({status}): {text}",
                date=_day(t, report["created_at"]),
                status=_status(t, report["status"]),
                text=escape(report["body"]) or "–",
            )
        )
    if data["walk_ins"]:
        lines.append(
            t.ngettext(
                "You registered {count} group at the meeting point.",
                "You registered {count} groups at the meeting point.",
                data["walk_ins"],
            )
        )
    if data["draft"]:
        lines.append(drafts_texts.unfinished(t, str(data["draft"]["form"])))
    return [_heading(t.gettext("Other records")), *lines] if lines else []


def everything(t: Translator, data: Export, sites: Mapping[int, str], days: int) -> str:
    lines = [t.gettext("🗂 <b>What we keep about you</b>")]
    if data["user"] is not None:
        lines += account(t, data["user"], data["roles"])
    lines += guest(t, data, sites, days) + host(t, data, sites) + driver(t, data, sites)
    lines += other(t, data)
    lines += [
        _heading(t.gettext("How long we keep it")),
        t.ngettext(
            "Requests, matches, pickup codes and reports are deleted {count} day after the "
            "night; only anonymous counts remain.",
            "Requests, matches, pickup codes and reports are deleted {count} days after the "
            "night; only anonymous counts remain.",
            days,
        ),
        t.gettext(
            "Your account, your settings and a host profile stay until you erase them. "
            "Send /forget to erase everything now."
        ),
    ]
    return "\n".join(lines)
