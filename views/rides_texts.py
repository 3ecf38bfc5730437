"""Texts of the rides: the driver's offer and card, the host's questions, the dispatchers'
alerts and /ride. The host's address appears in the driver's card and nowhere else."""

from __future__ import annotations

from html import escape

from bot.i18n import N_, Translator
from dispatch.drivers import RideStatus
from dispatch.models import Site
from dispatch.rides import RideView
from views import meeting_texts, round_texts, summaries

STATUSES = {
    RideStatus.PLANNED: N_("planned, the driver is asked once the host confirms"),
    RideStatus.UNASSIGNED: N_("no driver"),
    RideStatus.ASSIGNED: N_("driver asked, no answer yet"),
    RideStatus.CONFIRMED: N_("driver confirmed"),
    RideStatus.PICKED_UP: N_("guests picked up"),
    RideStatus.ARRIVED: N_("arrived"),
    RideStatus.CANCELLED: N_("cancelled"),
}


def _when(t: Translator, view: RideView, site: Site) -> str:
    at = view.ride.meet_at
    return meeting_texts.local_time(t, at, site) if at else "—"


def _trip(t: Translator, view: RideView, site: Site) -> dict[str, str]:
    match = view.match
    return {
        "name": escape(match.alias),
        "group": summaries.group(t, match.party),
        "place": round_texts.meeting_point(site, t.locale),
        "time": _when(t, view, site),
        "host": escape(match.host_name),
    }


def offer(t: Translator, view: RideView, site: Site) -> str:
    return t.gettext(
        "🚗 <b>Can you drive tonight?</b>\n\nGuests: {name}, {group}\nFrom: {place}, at "
        "<b>{time}</b>\nTo: the home of {host} (you get the address once you take the ride)\n\n"
        "Please answer within 15 minutes; without an answer we ask another driver.",
        **_trip(t, view, site),
    )


def card(t: Translator, view: RideView, site: Site) -> str:
    """The driver's ride in full: the only text that holds the host's address."""
    address = view.ride.address
    where = (
        t.gettext("Address: <b>{address}</b>", address=escape(address))
        if address
        else t.gettext("Address: the host has not typed it yet; it will come in this chat.")
    )
    text = t.gettext(
        "🚗 <b>Your ride tonight</b>\n\nGuests: {name}, {group}\nMeeting point: {place}, at "
        "<b>{time}</b>\nPickup code: <b>{code}</b>\nTo: the home of {host}",
        code=view.match.code,
        **_trip(t, view, site),
    )
    return f"{text}\n{where}\n\n{meeting_texts.code_rule(t)}"


def ride_state(t: Translator, status: RideStatus, driver: str | None) -> str:
    """The host's line: where their guests' ride stands."""
    state = t.gettext(STATUSES[status])
    if driver:
        return t.gettext(
            "🚗 Your guests' ride: {driver}, {state}.", driver=escape(driver), state=state
        )
    return t.gettext("🚗 Your guests' ride: {state}.", state=state)


def trips_line(t: Translator, used: int, left: int) -> str:
    """Under a driver's shift in /status while no ride is theirs."""
    return t.gettext(
        "Trips: {used} taken, {left} left. When a ride is yours, it shows here in full.",
        used=t.number(used),
        left=t.number(left),
    )


def picked_up(t: Translator, view: RideView) -> str:
    return t.gettext(
        "✅ The pickup of {name} is marked. The host taps “They are here” when you arrive.",
        name=escape(view.match.alias),
    )


def on_the_way(t: Translator, view: RideView) -> str:
    return t.gettext(
        "🚗 {driver} picked up {name}: they are on their way to you. Tap the button when they "
        "have arrived.",
        driver=escape(view.driver_name or ""),
        name=escape(view.match.alias),
    )


def arrived(t: Translator) -> str:
    return t.gettext("🏠 Thank you! Have a good night.")


def declined(t: Translator) -> str:
    return t.gettext("Thank you for telling us. We ask another driver.")


def withdrawn(t: Translator, view: RideView) -> str:
    return t.gettext(
        "The ride for {name} went to another driver. Thank you all the same.",
        name=escape(view.match.alias),
    )


def cancelled(t: Translator, view: RideView) -> str:
    return t.gettext(
        "The ride for {name} is cancelled: the stay has ended. Thank you all the same.",
        name=escape(view.match.alias),
    )


def not_open(t: Translator) -> str:
    return t.gettext("This ride is no longer yours to answer.")


def address_saved(t: Translator) -> str:
    return t.gettext("✅ Thank you. Only your driver will see this address.")


def come_after_all(t: Translator, view: RideView, site: Site) -> str:
    return t.gettext(
        "🚗 No driver is free tonight for {name}. Can you come to the meeting point ({place}) "
        "at {time} after all?",
        **_trip(t, view, site),
    )


def cannot_come(t: Translator) -> str:
    return t.gettext("Thank you for telling us. The dispatchers know and will contact you.")


def no_driver_alert(t: Translator, view: RideView, site: Site) -> str:
    return t.gettext(
        "🚗 <b>No driver left</b> for ride {id}: {name} ({group}) from {place} at {time} to "
        "{host}. The host is asked whether they can come. /ride {id} gives it to a driver.",
        id=t.number(view.id),
        **_trip(t, view, site),
    )


def host_cannot_come_alert(t: Translator, view: RideView, site: Site) -> str:
    return t.gettext(
        "🚗 <b>{host} cannot come</b> to the meeting point for {name} (ride {id}) and no driver "
        "is free. /ride {id} gives it to a driver.",
        id=t.number(view.id),
        **_trip(t, view, site),
    )


def handed_back_alert(t: Translator, view: RideView, site: Site) -> str:
    return t.gettext(
        "🚗 <b>A driver handed ride {id} back</b>: {name} ({group}) from {place} at {time} to "
        "{host}. We ask the next driver; /ride {id} gives it to a driver.",
        id=t.number(view.id),
        **_trip(t, view, site),
    )


def hand_back_question(t: Translator) -> str:
    return t.gettext(
        "Can you no longer drive this ride? We then ask another driver, and the guests and "
        "the host are told that a new driver is being found."
    )


def handed_back(t: Translator) -> str:
    return t.gettext("Thank you for telling us in time. We ask another driver.")


def ride_summary(t: Translator, view: RideView, site: Site) -> str:
    """A dispatcher's view of one ride: never the address."""
    return t.gettext(
        "🚗 <b>Ride {id}</b>: {name} ({group}), from {place} at {time} to {host}.\n"
        "Status: {status}\nDriver: {driver}",
        id=t.number(view.id),
        status=t.gettext(STATUSES[view.status]),
        driver=escape(view.driver_name or "—"),
        **_trip(t, view, site),
    )


def move_to(t: Translator) -> str:
    return t.gettext("Give it to one of these drivers (seats and trips left):")


def nobody_to_move_to(t: Translator) -> str:
    return t.gettext("No other driver can take this group tonight.")


def driver_label(t: Translator, name: str, seats: int, trips: int) -> str:
    return f"{name} ({t.number(seats)} 💺, {t.number(trips)} 🚗)"


def moved(t: Translator, view: RideView) -> str:
    return t.gettext(
        "✅ Ride {id} is now offered to {driver}; they have 15 minutes to answer.",
        id=t.number(view.id),
        driver=escape(view.driver_name or ""),
    )


def cannot_move(t: Translator) -> str:
    return t.gettext(
        "This driver cannot take this ride (seats, trips left or whom they drive), or the ride "
        "has moved on."
    )


def ride_usage(t: Translator) -> str:
    return t.gettext("Write /ride and the ride's number, for example: /ride 12")


def no_such_ride(t: Translator) -> str:
    return t.gettext("There is no ride with this number.")
