"""Texts of the drivers' side: registration, home, tonight's shift, the weekly pattern,
vetting cards and decisions, privacy. Everything a driver typed is escaped here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from html import escape

from bot.i18n import N_, Translator
from dispatch.drivers import DriverDetails, DriverProfile, DriverStatus, Shift
from views.form_texts import OPTION_LABELS
from views.summaries import group_types

STATUS = {
    DriverStatus.PENDING: N_("waiting for approval"),
    DriverStatus.VETTED: N_("approved"),
    DriverStatus.REJECTED: N_("not approved"),
    DriverStatus.SUSPENDED: N_("suspended"),
}


def _line(t: Translator, label: str, value: str) -> str:
    return t.gettext("<b>{label}</b>: {value}", label=label, value=value)


def intro(t: Translator) -> str:
    return t.gettext(
        "<b>Driving</b>\n\nDrivers take guests from the meeting point to their host's door, "
        "in the evening, when the host cannot come. Register once (about two minutes); then "
        "say on which evenings you can drive."
    )


def registered(t: Translator, name: str) -> str:
    return t.gettext(
        "Thank you, {name}. Your driver profile is registered.\n\n"
        "A dispatcher will now check it. You will get a message here as soon as it is "
        "approved; after that, you can declare your shifts in a few taps.",
        name=escape(name),
    )


def awaiting_vetting(t: Translator) -> str:
    return t.gettext(
        "Your driver profile is waiting for a dispatcher's approval. "
        "You will get a message here as soon as it is approved."
    )


def not_active(t: Translator) -> str:
    return t.gettext(
        "Your driving is on hold for now. Please contact the dispatchers if you think this "
        "is a mistake."
    )


def back_to_vetting(t: Translator) -> str:
    return t.gettext(
        "Saved. You changed whom you can drive or where: a dispatcher checks it again first, "
        "and your shifts from tonight on are withdrawn until then. You will get a message here."
    )


def profile_saved(t: Translator) -> str:
    return t.gettext("Your driver profile is saved.")


def home(t: Translator, name: str) -> str:
    return t.gettext("<b>Driving</b> – welcome back, {name}.", name=escape(name))


def no_shift(t: Translator, night: date) -> str:
    return t.gettext("You have no shift for {night}.", night=t.date(night, "full"))


def shift_tonight(t: Translator, night: date, summary: str) -> str:
    heading = t.gettext("<b>Your shift for {night}</b>", night=t.date(night, "full"))
    return heading + "\n" + summary


def shift(t: Translator, site: str, starts: time, ends: time, seats: int, trips: int) -> str:
    return "\n".join(
        [
            _line(t, t.gettext("Place"), escape(site)),
            _line(
                t,
                t.gettext("Hours"),
                t.gettext("{start}–{end}", start=t.time(starts), end=t.time(ends)),
            ),
            _line(t, t.gettext("Seats"), t.number(seats)),
            _line(t, t.gettext("Trips"), t.number(trips)),
        ]
    )


def shift_saved(t: Translator, cutoff: time) -> str:
    return t.gettext(
        "Your shift is saved. You can change or withdraw it until {cutoff}; after that the "
        "dispatchers count on you, and you will hear from us here.",
        cutoff=t.time(cutoff),
    )


def shift_locked(t: Translator) -> str:
    return t.gettext(
        "Tonight's cut-off has passed: your shift stands as it is. If you cannot drive after "
        "all, please tell the dispatchers at once."
    )


def confirm_withdraw(t: Translator) -> str:
    return t.gettext("Withdraw tonight's shift? The dispatchers will not count on you tonight.")


def shift_withdrawn(t: Translator) -> str:
    return t.gettext("Your shift is withdrawn. Thank you for saying so in time.")


def not_your_site(t: Translator) -> str:
    return t.gettext("You are not registered to drive for this place.")


def profile(t: Translator, details: DriverDetails, sites: Mapping[int, str]) -> str:
    crew = OPTION_LABELS[("crew", details.crew.value)]
    return "\n".join(
        [
            _line(t, t.gettext("Name"), escape(details.display_name)),
            _line(t, t.gettext("Phone (dispatchers only)"), escape(details.phone or "–")),
            _line(
                t,
                t.gettext("Places"),
                t.gettext(", ").join(escape(sites.get(s, "?")) for s in details.site_ids),
            ),
            _line(t, t.gettext("In the car"), t.gettext(crew)),
            _line(t, t.gettext("Can drive"), group_types(t, details.drives)),
            _line(t, t.gettext("Seats"), t.number(details.seats)),
            _line(t, t.gettext("Child seats"), t.number(details.child_seats)),
        ]
    )


def new_driver_alert(t: Translator, driver_id: int, name: str) -> str:
    return t.gettext(
        "🚗 A new driver is waiting for approval: {name} (no. {number}). Send /drivers.",
        name=escape(name),
        number=driver_id,
    )


def revet_alert(t: Translator, driver_id: int, name: str) -> str:
    return t.gettext(
        "🚗 {name} (driver no. {number}) changed whom they can drive or where: please check "
        "the profile again with /drivers.",
        name=escape(name),
        number=driver_id,
    )


def pattern_saved(t: Translator, days: str, reminder: time) -> str:
    return t.gettext(
        "Saved. On {days}, at {time}, I will ask whether you drive that evening.",
        days=days,
        time=t.time(reminder),
    )


def pattern_stopped(t: Translator) -> str:
    return t.gettext("Your weekly driving pattern is stopped.")


def pattern_reminder(t: Translator, starts: time, ends: time) -> str:
    return t.gettext(
        "🚗 Can you drive tonight, {start}–{end}, as usual?",
        start=t.time(starts),
        end=t.time(ends),
    )


def pattern_declined(t: Translator) -> str:
    return t.gettext("All right, not tonight. Thank you for answering.")


# --- The dispatchers' side -------------------------------------------------------------


def list_heading(t: Translator, site: str) -> str:
    return t.gettext("<b>Drivers of {site}</b>", site=escape(site))


def car_rule(t: Translator, on: bool) -> str:
    if on:
        return t.gettext(
            "Non-mixité in cars: on. A man driving alone does not drive women alone, and a woman "
            "driving alone does not drive men alone."
        )
    return t.gettext(
        "Non-mixité in cars: off at this place. Whoever is in the car may drive the groups "
        "they chose."
    )


def no_drivers(t: Translator) -> str:
    return t.gettext("No driver has registered for this place yet.")


def choose_site(t: Translator) -> str:
    return t.gettext("Drivers: for which place?")


def card(
    t: Translator, driver: DriverProfile, sites: Mapping[int, str], shift: Shift | None
) -> str:
    lines = [
        t.gettext("🚗 <b>Driver no. {number}</b>", number=driver.id),
        profile(t, driver.details, sites),
        _line(t, t.gettext("Status"), t.gettext(STATUS[driver.status])),
    ]
    if shift is not None:
        hours = t.gettext("{start}–{end}", start=t.time(shift.starts), end=t.time(shift.ends))
        lines.append(_line(t, t.gettext("Tonight"), hours))
    return "\n".join(lines)


def no_such_driver(t: Translator) -> str:
    return t.gettext("There is no driver with that number.")


def confirm_approval(t: Translator, name: str) -> str:
    return t.gettext(
        "Approve {name}? They will be able to declare shifts and drive guests.",
        name=escape(name),
    )


def decision_done(t: Translator, status: DriverStatus, name: str) -> str:
    name = escape(name)
    if status is DriverStatus.VETTED:
        return t.gettext("Approved: {name}. They have been told.", name=name)
    if status is DriverStatus.REJECTED:
        return t.gettext("Not accepted: {name}. They have been told.", name=name)
    return t.gettext(
        "Suspended: {name}. They have been told, and their shifts from tonight on are withdrawn.",
        name=name,
    )


def decision_stale(t: Translator) -> str:
    return t.gettext("This driver's status has changed in the meantime; nothing was done.")


def to_driver(t: Translator, status: DriverStatus, was: DriverStatus) -> str:
    """What the driver hears about a decision, in their language."""
    if status is DriverStatus.VETTED and was is DriverStatus.SUSPENDED:
        return t.gettext(
            "▶️ You can drive again: the dispatchers have lifted your suspension. "
            "Send /shift when you can drive an evening."
        )
    if status is DriverStatus.VETTED:
        return t.gettext(
            "Good news: your driver profile is approved. Thank you for your help.\n\n"
            "Whenever you can drive an evening, send /shift."
        )
    if status is DriverStatus.REJECTED:
        return t.gettext(
            "Your registration as a driver was not accepted. You can write to the dispatchers "
            "if you think this is a mistake."
        )
    return t.gettext(
        "⏸ The dispatchers have suspended your driving: your shifts from tonight on are "
        "withdrawn. You will be told when this changes."
    )


# --- Privacy ---------------------------------------------------------------------------


def hand_over_first(t: Translator) -> str:
    return t.gettext(
        "<b>Not yet: guests are counting on you tonight.</b>\n\n"
        "You still have a ride to drive tonight. The dispatchers have been told and will give "
        "it to another driver; send /forget again once that is done."
    )


def hand_over_alert(t: Translator, name: str) -> str:
    return t.gettext(
        "🔐 {name}, a driver, wants to erase their data but still has a ride tonight. "
        "Please give it to another driver.",
        name=escape(name),
    )
