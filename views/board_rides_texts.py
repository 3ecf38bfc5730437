"""Texts of tonight's drivers and rides on the board: a short summary under the figures, and
the drill-down list of shifts and of the rides a dispatcher must act on."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from dispatch.board_rides import RIDE_STATES, RideBoard, RideLine, ShiftLine, Volunteer
from dispatch.drivers import RideStatus
from views import summaries

LIST_LIMIT = 25


def ride_status(t: Translator, status: RideStatus) -> str:
    return {
        RideStatus.PLANNED: t.gettext("planned"),
        RideStatus.UNASSIGNED: t.gettext("without a driver"),
        RideStatus.ASSIGNED: t.gettext("driver asked"),
        RideStatus.CONFIRMED: t.gettext("driver confirmed"),
        RideStatus.PICKED_UP: t.gettext("on the way"),
        RideStatus.ARRIVED: t.gettext("arrived"),
        RideStatus.CANCELLED: t.gettext("cancelled"),
    }[status]


def _drivers_line(t: Translator, board: RideBoard) -> str:
    return (
        t.ngettext("🚗 {count} driver tonight", "🚗 {count} drivers tonight", len(board.shifts))
        + " · "
        + t.ngettext("{count} seat", "{count} seats", board.seats)
        + " · "
        + t.ngettext("{count} trip left", "{count} trips left", board.trips_left)
    )


def _counts(t: Translator, board: RideBoard) -> str:
    return t.gettext(", ").join(
        t.gettext("{label}: {value}", label=ride_status(t, s), value=t.number(board.count(s)))
        for s in RIDE_STATES
        if board.count(s)
    )


def _trouble(t: Translator, board: RideBoard) -> list[str]:
    return [
        t.ngettext(
            "⚠️ {count} ride without a driver",
            "⚠️ {count} rides without a driver",
            len(board.unassigned),
        ),
        t.ngettext(
            "⏰ {count} ride late (nobody picked up)",
            "⏰ {count} rides late (nobody picked up)",
            len(board.late),
        ),
        t.ngettext(
            "🙅 {count} ride declined or unanswered",
            "🙅 {count} rides declined or unanswered",
            len(board.refused),
        ),
    ]


def summary(t: Translator, board: RideBoard) -> str:
    """The board's lines about drivers and rides; empty on a night without either."""
    if board.empty:
        return ""
    lines = [_drivers_line(t, board)]
    if board.volunteers:
        lines.append(
            t.ngettext(
                "🙋 {count} more driver can drive tonight (answered the appeal)",
                "🙋 {count} more drivers can drive tonight (answered the appeal)",
                len(board.volunteers),
            )
        )
    if board.counts:
        rides = t.ngettext("🚙 {count} ride", "🚙 {count} rides", sum(board.counts.values()))
        lines.append(t.gettext("{label}: {value}", label=rides, value=_counts(t, board)))
        lines += _trouble(t, board)
    return "\n".join(lines)


def shift_line(t: Translator, shift: ShiftLine) -> str:
    line = t.ngettext(
        "{name}: {starts}–{ends} · {seats} seats · {used} of {count} trip used, {left} left",
        "{name}: {starts}–{ends} · {seats} seats · {used} of {count} trips used, {left} left",
        shift.trips,
        name=escape(shift.driver_name),
        starts=t.time(shift.starts),
        ends=t.time(shift.ends),
        seats=t.number(shift.seats),
        used=t.number(shift.trips_used),
        left=t.number(shift.trips_left),
    )
    if shift.phone:
        line += f" · {t.isolate(escape(shift.phone))}"
    return line


def _volunteer(t: Translator, volunteer: Volunteer) -> str:
    line = escape(volunteer.name)
    return line + f" · {t.isolate(escape(volunteer.phone))}" if volunteer.phone else line


def ride_line(t: Translator, ride: RideLine, zone: ZoneInfo) -> str:
    values = {
        "id": str(ride.request_id),
        "name": escape(ride.alias),
        "group": summaries.group(t, ride.party),
        "host": escape(ride.host_name),
        "status": ride_status(t, ride.status),
    }
    if ride.driver_name:
        line = t.gettext(
            "#{id} {name} ({group}) → {host} · {driver}: {status}",
            driver=escape(ride.driver_name),
            **values,
        )
    else:  # the status says there is no driver
        line = t.gettext("#{id} {name} ({group}) → {host}: {status}", **values)
    if ride.meet_at is not None:
        line += " · " + t.gettext("meeting at {time}", time=t.time(ride.meet_at.astimezone(zone)))
    if ride.declined:
        line += " · " + t.ngettext(
            "{count} driver declined", "{count} drivers declined", ride.declined
        )
    if ride.unanswered:
        line += " · " + t.ngettext(
            "{count} driver did not answer", "{count} drivers did not answer", ride.unanswered
        )
    return line


def _section(t: Translator, title: str, rides: tuple[RideLine, ...], zone: ZoneInfo) -> list[str]:
    if not rides:
        return []
    lines = ["", title] + [ride_line(t, r, zone) for r in rides[:LIST_LIMIT]]
    hidden = len(rides) - LIST_LIMIT
    if hidden > 0:
        lines.append(t.ngettext("… and {count} more", "… and {count} more", hidden))
    return lines


def drill_down(t: Translator, board: RideBoard, zone: ZoneInfo) -> str:
    """Tonight's shifts, the rides by state, then the three lists to act on."""
    lines = [
        t.ngettext(
            "🚗 <b>{count} driver tonight</b>",
            "🚗 <b>{count} drivers tonight</b>",
            len(board.shifts),
        )
    ]
    lines += [shift_line(t, s) for s in board.shifts[:LIST_LIMIT]]
    if not board.shifts:
        lines.append(t.gettext("No driver has a shift tonight."))
    if board.volunteers:
        lines += ["", t.gettext("🙋 <b>Can drive tonight</b>: answered the appeal, no shift yet")]
        lines += [_volunteer(t, v) for v in board.volunteers[:LIST_LIMIT]]
    lines += ["", t.ngettext("🚙 <b>{count} ride tonight</b>", "🚙 <b>{count} rides tonight</b>",
                             sum(board.counts.values()))]  # fmt: skip
    if board.counts:
        lines.append(_counts(t, board))
    lines += _section(t, t.gettext("⚠️ <b>Without a driver</b>"), board.unassigned, zone)
    late = t.gettext(
        "⏰ <b>Late</b>: the meeting time passed more than 15 minutes ago and nobody"
        " picked the guests up"
    )
    lines += _section(t, late, board.late, zone)
    refused = t.gettext("🙅 <b>Declined or unanswered</b>: drivers who said no or stayed silent")
    lines += _section(t, refused, board.refused, zone)
    if board.counts and not (board.unassigned or board.late or board.refused):
        lines += ["", t.gettext("✅ No ride needs you right now.")]
    return "\n".join(lines)
