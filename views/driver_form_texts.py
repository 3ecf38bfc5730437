"""The questions of the drivers' forms and the labels of their options (merged into
views/form_texts, whose keys they follow)."""

from __future__ import annotations

from bot.i18n import N_
from dispatch.inputs import Problem

DRIVER_CHARTER = N_(
    "<b>The driving charter</b>\n\n"
    "By driving, you agree to:\n"
    "• drive carefully, sober and rested, in a car that is insured and in good order;\n"
    "• take your passengers straight from the meeting point to their host's door, and nowhere "
    "else;\n"
    "• respect your passengers, whatever their origin, religion, gender or story;\n"
    "• never ask for papers, money or any favour, and never question them about their journey;\n"
    "• keep the host's address to yourself and forget it after the ride;\n"
    "• never photograph your passengers or share anything about them;\n"
    "• have a child seat for every child you drive;\n"
    "• be at the meeting point at the agreed time, or warn the dispatchers in advance.\n\n"
    "The dispatchers may stop working with a driver who does not respect this charter."
)

PROMPTS: dict[tuple[str, str], str] = {
    ("driver", "charter"): DRIVER_CHARTER,
    ("driver", "phone"): N_(
        "Your phone number, so that the dispatchers can reach you on the road. It is never "
        "given to guests or hosts. Send it with its country code, for example +32 470 12 34 56."
    ),
    ("driver", "sites"): N_("Where can you drive? Choose one or more places, then press Done."),
    ("*", "crew"): N_("Who is in the car when you drive? Our safety rules depend on it."),
    ("*", "drives"): N_("Whom can you drive? Choose one or more, then press Done."),
    ("driver", "seats"): N_("How many passengers can your car take, not counting the driver?"),
    ("*", "child_seats"): N_("How many child seats do you have in the car?"),
    ("driver", "confirm"): N_("Is everything right?"),
    ("shift", "site"): N_("For which place?"),
    ("drive_pattern", "site"): N_("For which place?"),
    ("*", "starts"): N_(
        "From what time can you drive? Choose a time or type one (for example 20:30)."
    ),
    ("*", "ends"): N_("Until what time? Choose a time or type one (for example 23:30)."),
    ("shift", "seats"): N_("How many passengers can you take tonight?"),
    ("drive_pattern", "seats"): N_("How many passengers can you usually take?"),
    ("*", "trips"): N_(
        "How many trips can you make? One trip takes one group from the meeting point to one home."
    ),
    ("shift", "confirm"): N_("Shall I save this shift?"),
    ("drive_pattern", "weekdays"): N_(
        "On which days of the week do you usually drive? Choose them, then press Done."
    ),
    ("drive_pattern", "reminder"): N_(
        "At what time on those days should I ask you to confirm? "
        "Choose a time or type one (for example 16:00)."
    ),
}

OPTION_LABELS: dict[tuple[str, str], str] = {
    ("crew", "single_woman"): N_("A woman, driving alone"),
    ("crew", "single_man"): N_("A man, driving alone"),
    ("crew", "couple"): N_("Two of us, a woman and a man"),
    ("drives", "men"): N_("Single men"),
    ("drives", "women"): N_("Single women"),
    ("drives", "mothers"): N_("Women with children"),
    ("drives", "families"): N_("Families"),
    ("drives", "couples"): N_("Couples"),
}

FORM_OPTION_LABELS: dict[tuple[str, str, str], str] = {
    ("shift", "confirm", "confirm"): N_("✅ Save my shift"),
}

FIELD_PROBLEMS: dict[tuple[str, Problem], str] = {
    ("ends", Problem.OUT_OF_RANGE): N_(
        "The end must not be the same as the start. Please choose another time."
    ),
}
