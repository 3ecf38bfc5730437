"""The page's words, translated on the server from the catalogs: the page itself holds no text.

Counts are shown as bare numbers beside a label, so the page needs no plural rules; sentences
with a count (the answers to an override) are rendered here with the chat's own functions.
"""

from __future__ import annotations

from bot.i18n import N_, Translator
from dispatch.board import STATES, BoardState
from dispatch.drivers import RideStatus
from dispatch.groups import GroupType
from dispatch.matching.model import Reason
from views import board_rides_texts, board_texts, common_texts, round_texts
from views.form_texts import OPTION_LABELS

# Keys the page looks up; English msgids, extracted by pybabel like any other.
LABELS = {
    "title": N_("Tonight's board"),
    "site": N_("Site"),
    "beds_offered": N_("Beds offered"),
    "beds_free": N_("Beds still free"),
    "hosts": N_("Hosts"),
    "people_asking": N_("People asking"),
    "groups_asking": N_("Groups asking"),
    "groups": N_("Groups"),
    "status": N_("Status"),
    "group_type": N_("Group type"),
    "language": N_("Language"),
    "waited_at_least": N_("Waiting for at least (minutes)"),
    "all": N_("All"),
    "name": N_("Name"),
    "people": N_("People"),
    "waited": N_("Waiting (min)"),
    "host": N_("Host"),
    "why": N_("Why"),
    "phone": N_("Phone"),
    "beds": N_("Beds"),
    "taken": N_("Taken"),
    "free": N_("Free"),
    "collects_by": N_("Collects by"),
    "move": N_("Move"),
    "take_out": N_("Take out tonight"),
    "note": N_("Why this change? (kept in the log)"),
    "cancel": N_("Cancel"),
    "confirm": N_("Confirm"),
    "rerun": N_("▶️ Run the matching again"),
    "close": N_("🔒 Close the round now"),
    "confirm_close": N_("Close tonight's round now and match at once?"),
    "confirm_rerun": N_("Run the matching again for everyone still waiting?"),
    "round_open": N_("round open"),
    "round_closed": N_("round closed"),
    "live": N_("Live"),
    "reconnecting": N_("Connection lost, trying again…"),
    "nothing": N_("Nothing to show."),
    "more": N_("Show more"),
    "walk_in": N_("walk-in"),
    "drivers": N_("Drivers tonight"),
    "shift": N_("Shift"),
    "seats": N_("Seats"),
    "trips_used": N_("Trips used"),
    "trips_left": N_("Trips left"),
    "rides": N_("Rides to act on"),
    "driver": N_("Driver"),
    "meeting": N_("Meeting"),
    "trouble": N_("What is wrong"),
    "no_driver": N_("no driver"),
    "volunteer": N_("answered the appeal, no shift yet"),
    "late": N_("late: nobody picked up"),
    "declined": N_("declined by drivers"),
    "unanswered": N_("left unanswered by drivers"),
}
STATUS_LABELS: dict[BoardState, str] = {
    BoardState.WAITING: N_("Waiting"),
    BoardState.PROPOSED: N_("Proposed to a host"),
    BoardState.CONFIRMED: N_("Confirmed"),
    BoardState.PICKED_UP: N_("Picked up"),
    BoardState.NO_SHOW: N_("Not picked up after the agreed time"),
}
REASONS = ("vulnerable_first", "waited_before", "same_host_again", "shared_language")
RULES = ("no_place_at_site", "no_host_accepting", "no_step_free_place", "not_enough_beds")


def page_strings(t: Translator) -> dict[str, object]:
    """Every string the page shows, in this dispatcher's language, and its direction."""
    assert tuple(STATUS_LABELS) == STATES
    return {
        "locale": t.locale,
        "dir": "rtl" if t.right_to_left else "ltr",
        "labels": {key: t.gettext(msgid) for key, msgid in LABELS.items()},
        "statuses": {key.value: t.gettext(msgid) for key, msgid in STATUS_LABELS.items()},
        "ride_statuses": {s.value: board_rides_texts.ride_status(t, s) for s in RideStatus},
        "types": {g.value: t.gettext(OPTION_LABELS[("accepts", g.value)]) for g in GroupType},
        "reasons": {
            code: board_texts.reason_label(t, code) for code in (*REASONS, "dispatcher_move")
        },
        "rules": {code: board_texts.rule_refusal(t, Reason(code)) for code in RULES},
        # Sentences with a name in them: the page fills {name} with text, never with HTML.
        "choose_host": t.gettext("Move {name} to which host?"),
        "no_target": t.gettext(
            "No host tonight can take {name} under our rules, with enough free beds."
        ),
        "confirm_take_out": t.gettext(
            "Take {name} out for tonight? Their offer is withdrawn and the groups proposed to them"
            " go back into the dispatch."
        ),
        "not_allowed": common_texts.not_allowed(t),
        "already_closed": round_texts.round_already_closed(t),
    }


def conflict(t: Translator) -> str:
    return t.gettext(
        "Someone changed this in the meantime, so nothing was done. The board now shows the"
        " latest state: check it and try again if still needed."
    )
