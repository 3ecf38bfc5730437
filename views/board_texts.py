"""Texts of tonight's board: the figures, the drill-down lists, and the overrides' answers."""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from dispatch.board import BoardFigures, BoardState
from dispatch.matching.model import Reason
from dispatch.models import MatchStatus
from dispatch.readmodels import MatchView, OfferLine, WaitingGroup
from views import summaries
from views.form_texts import OPTION_LABELS

LIST_LIMIT = 25


def board(t: Translator, site_name: str, night: date, figures: BoardFigures, closed: bool) -> str:
    """The figures of one site tonight; refreshed in place while the evening runs."""
    state = t.gettext("round closed") if closed else t.gettext("round open")
    lines = [
        t.gettext(
            "📋 <b>{site}</b> · {night} · {state}",
            site=escape(site_name),
            night=t.date(night, "EEEE d MMMM"),
            state=state,
        ),
        "",
        t.ngettext("🛏 {count} bed offered", "🛏 {count} beds offered", figures.beds_offered)
        + " · "
        + t.ngettext("{count} still free", "{count} still free", figures.beds_free)
        + " · "
        + t.ngettext("{count} host", "{count} hosts", figures.hosts),
        t.ngettext("🙋 {count} person asking", "🙋 {count} people asking", figures.people_asking)
        + " · "
        + t.ngettext("{count} group", "{count} groups", figures.groups_asking),
    ]
    for kind, people in figures.by_type.items():
        label = t.gettext(OPTION_LABELS[("accepts", kind.value)])
        lines.append("   • " + t.gettext("{label}: {value}", label=label, value=t.number(people)))
    lines += [
        "",
        t.ngettext(
            "⏳ Waiting: {count} person",
            "⏳ Waiting: {count} people",
            figures.count(BoardState.WAITING),
        ),
        t.ngettext(
            "📨 Proposed to a host: {count} person",
            "📨 Proposed to a host: {count} people",
            figures.count(BoardState.PROPOSED),
        ),
        t.ngettext(
            "✅ Confirmed: {count} person",
            "✅ Confirmed: {count} people",
            figures.count(BoardState.CONFIRMED),
        ),
        t.ngettext(
            "🏠 Picked up: {count} person",
            "🏠 Picked up: {count} people",
            figures.count(BoardState.PICKED_UP),
        ),
        t.ngettext(
            "❓ Not picked up after the agreed time: {count} person",
            "❓ Not picked up after the agreed time: {count} people",
            figures.count(BoardState.NO_SHOW),
        ),
    ]
    return "\n".join(lines)


def updated_at(t: Translator, moment: datetime) -> str:
    return t.gettext("<i>Updated at {time}</i>", time=t.time(moment))


def waiting_list(
    t: Translator, groups: list[WaitingGroup], blocked: dict[int, Reason], zone: ZoneInfo
) -> str:
    lines = [
        t.ngettext(
            "⏳ <b>{count} group waiting</b>", "⏳ <b>{count} groups waiting</b>", len(groups)
        )
    ]
    for group in groups[:LIST_LIMIT]:
        make_up = summaries.group(t, group.party)
        line = t.gettext(
            "#{id} {name}: {group}, since {time}",
            id=str(group.request_id),
            name=escape(group.alias),
            group=make_up,
            time=t.time(group.asked_at.astimezone(zone)),
        )
        if group.walk_in:
            line += " · " + t.gettext("walk-in")
        if group.request_id in blocked:
            line += "\n   ⚠️ " + rule_refusal(t, blocked[group.request_id])
        lines.append(line)
    return "\n".join(lines + _more(t, len(groups)))


def match_list(t: Translator, matches: list[tuple[MatchView, list[str]]]) -> str:
    lines = [
        t.ngettext(
            "🤝 <b>{count} match tonight</b>", "🤝 <b>{count} matches tonight</b>", len(matches)
        )
    ]
    for view, codes in matches[:LIST_LIMIT]:
        make_up = summaries.group(t, view.party)
        line = t.gettext(
            "#{id} {name} ({group}) → {host}: {status}",
            id=str(view.request_id),
            name=escape(view.alias),
            group=make_up,
            host=escape(view.host_name),
            status=match_status(t, view.status),
        )
        why = [reason_label(t, code) for code in codes if reason_label(t, code)]
        if why:
            line += "\n   " + t.gettext("Why: {reasons}", reasons=t.gettext(", ").join(why))
        lines.append(line)
    return "\n".join(lines + _more(t, len(matches)))


def offer_list(t: Translator, offers: list[OfferLine]) -> str:
    lines = [
        t.ngettext("🏠 <b>{count} host tonight</b>", "🏠 <b>{count} hosts tonight</b>", len(offers))
    ]
    for offer in offers[:LIST_LIMIT]:
        line = t.ngettext(
            "{name}: {used} of {count} bed taken, collects by {time}",
            "{name}: {used} of {count} beds taken, collects by {time}",
            offer.beds,
            name=escape(offer.host_name),
            used=t.number(offer.used),
            time=t.time(offer.latest_pickup),
        )
        if offer.phone:
            line += f" · {t.isolate(escape(offer.phone))}"
        lines.append(line)
    return "\n".join(lines + _more(t, len(offers)))


def _more(t: Translator, total: int) -> list[str]:
    hidden = total - LIST_LIMIT
    return [t.ngettext("… and {count} more", "… and {count} more", hidden)] if hidden > 0 else []


def match_status(t: Translator, status: MatchStatus) -> str:
    return {
        MatchStatus.PROPOSED: t.gettext("waiting for the host's answer"),
        MatchStatus.CONFIRMED: t.gettext("confirmed"),
        MatchStatus.PICKED_UP: t.gettext("picked up"),
    }.get(status, status.value)


def reason_label(t: Translator, code: str) -> str:
    """Why a match was made, as a dispatcher reads it; unknown codes are left out."""
    return {
        "vulnerable_first": t.gettext("vulnerable people first"),
        "waited_before": t.gettext("without a bed on recent nights"),
        "same_host_again": t.gettext("same host as last night"),
        "shared_language": t.gettext("a shared language"),
        "dispatcher_move": t.gettext("moved by a dispatcher"),
    }.get(code, "")


def rule_refusal(t: Translator, reason: Reason) -> str:
    """Which hard rule stands between a group and a place (or every place)."""
    return {
        "no_place_at_site": t.gettext("no approved host offers a bed at this site"),
        "no_host_accepting": t.gettext("no host tonight may take this kind of group"),
        "no_step_free_place": t.gettext("needs step-free access, which no free place has"),
        "not_enough_beds": t.gettext("no host has enough free beds for the whole group"),
        "blocked_pair": t.gettext("this host and this guest must not be matched again"),
    }.get(reason.code, reason.code)


def choose_host(t: Translator, name: str, count: int) -> str:
    if count == 0:
        return t.gettext(
            "No host tonight can take {name} under our rules, with enough free beds.",
            name=escape(name),
        )
    return t.gettext("Move {name} to which host?", name=escape(name))


def moved(t: Translator, name: str, host: str) -> str:
    return t.gettext(
        "↪️ {name} is now proposed to {host}. The host has been asked to confirm.",
        name=escape(name),
        host=escape(host),
    )


def move_refused(t: Translator, reason: Reason | None) -> str:
    if reason is None:
        return t.gettext("This change is no longer possible: the group or the offer has changed.")
    return t.gettext("Not allowed: {rule}.", rule=rule_refusal(t, reason))


def confirm_take_out(t: Translator, name: str) -> str:
    return t.gettext(
        "Take {name} out for tonight? Their offer is withdrawn and the groups proposed to them"
        " go back into the dispatch.",
        name=escape(name),
    )


def taken_out(t: Translator, name: str, released: int) -> str:
    return t.ngettext(
        "{name} is out for tonight; {count} group went back into the dispatch.",
        "{name} is out for tonight; {count} groups went back into the dispatch.",
        released,
        name=escape(name),
    )


def rerun_done(t: Translator, matched: int, waiting: int) -> str:
    return (
        t.ngettext(
            "Matching run again: {count} new match.",
            "Matching run again: {count} new matches.",
            matched,
        )
        + " "
        + t.ngettext(
            "{count} group is still waiting.", "{count} groups are still waiting.", waiting
        )
    )


def rerun_before_cutoff(t: Translator) -> str:
    return t.gettext(
        "The round is still open: the matching runs at the cut-off. Close the round to match now."
    )


def choose_site(t: Translator) -> str:
    return t.gettext("Which site?")


def to_host_taken_out(t: Translator) -> str:
    return t.gettext(
        "The dispatchers have taken your offer for tonight out of the dispatch: you do not need"
        " to collect anyone tonight. Thank you, and send /offer on another night."
    )


def to_host_moved_away(t: Translator, name: str) -> str:
    return t.gettext(
        "Change of plan: the dispatchers have found another place for {name} tonight."
        " You do not need to go to the meeting point for {name}.",
        name=escape(name),
    )


def to_guest_host_changed(t: Translator) -> str:
    return t.gettext(
        "Change of plan: your host for tonight has changed. Please stay at the meeting point:"
        " we will send you the new details and a new code as soon as the new host confirms."
    )
