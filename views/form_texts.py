"""The questions of every form and the labels of their options, marked for translation.

Keys are (form, field); a ("*", field) entry serves every form that has no entry of its own.
"""

from __future__ import annotations

from bot.i18n import N_
from dispatch.inputs import Problem
from views import driver_form_texts

CHARTER = N_(
    "<b>The hosting charter</b>\n\n"
    "By hosting, you agree to:\n"
    "• welcome your guests with respect, whatever their origin, religion, gender or story;\n"
    "• offer a clean bed, a bathroom and a safe, quiet night, and breakfast if you can;\n"
    "• never ask for papers, money, work or any favour in return;\n"
    "• never photograph your guests or share anything about them, online or elsewhere;\n"
    "• not question your guests about their journey or their papers: they talk if they wish;\n"
    "• never offer alcohol or drugs, and never put pressure on anyone;\n"
    "• be at the meeting point at the agreed time, or warn the dispatchers in advance;\n"
    "• tell the dispatchers at once about any problem.\n\n"
    "The dispatchers may stop working with a host who does not respect this charter."
)

PROMPTS: dict[tuple[str, str], str] = {
    ("host", "charter"): CHARTER,
    ("*", "display_name"): N_(
        "What name should we show to the dispatchers and to your guests? A first name is enough."
    ),
    ("*", "phone"): N_(
        "Your phone number, for the dispatchers only: it is never given to guests. "
        "You can skip this question."
    ),
    ("*", "sites"): N_("Where can you host? Choose one or more places, then press Done."),
    ("*", "household"): N_("Who lives in your home? Our safety rules depend on it."),
    ("*", "accepts"): N_("Whom can you host? Choose one or more, then press Done."),
    ("*", "languages"): N_("Which languages do you speak? Choose all that apply, then press Done."),
    ("*", "step_free"): N_("Can your home be reached without stairs (step-free access)?"),
    ("*", "pets"): N_("Are there pets in your home?"),
    ("*", "can_fetch"): N_("Can you collect your guests at the meeting point yourself?"),
    ("host", "confirm"): N_("Is everything right?"),
    ("offer", "beds"): N_("How many beds can you offer tonight?"),
    ("offer", "site"): N_("For which place?"),
    ("offer", "latest_pickup"): N_(
        "Until what time can you collect guests at the meeting point? "
        "Choose a time or type one (for example 21:30)."
    ),
    ("offer", "nights"): N_(
        "For how many nights can your guests stay? They stay with you each of those nights."
    ),
    ("offer", "note"): N_(
        "Anything the dispatchers should know (for example: one of the beds is a sofa)? "
        "Type a short note, or skip."
    ),
    ("offer", "confirm"): N_("Shall I publish this offer?"),
    ("pattern", "weekdays"): N_(
        "On which days of the week do you usually host? Choose them, then press Done."
    ),
    ("pattern", "reminder"): N_(
        "At what time on those days should I ask you to confirm? "
        "Choose a time or type one (for example 16:00)."
    ),
    ("pattern", "beds"): N_("How many beds do you usually offer?"),
    ("pattern", "site"): N_("For which place?"),
    ("pattern", "latest_pickup"): N_(
        "Until what time can you usually collect guests at the meeting point? "
        "Choose a time or type one (for example 21:30)."
    ),
    ("pause", "days"): N_("For how long do you want to pause hosting?"),
    ("reject", "reason"): N_(
        "Why is this host not accepted? Type the reason: the host will read it as you write it."
    ),
    ("suspend", "reason"): N_(
        "Why is this host suspended? Type the reason: the host will read it as you write it."
    ),
    ("move", "note"): N_("Why this change? Type a short reason for the log."),
    ("pickup", "code"): N_("Type the pickup code your guests tell you."),
    ("report", "match"): N_("Which stay is it about?"),
    ("report", "body"): N_(
        "What happened? Write it in a few lines, in your language: only the dispatchers read it."
    ),
    ("block", "reason"): N_(
        "Why is this person blocked? Type the reason for the dispatchers: "
        "the person will not see it."
    ),
    ("appeal", "site"): N_("An urgent appeal to hosts: for which site?"),
    ("appeal", "audience"): N_(
        "Whom should the appeal reach: hosts (beds), drivers (rides), or both?"
    ),
    ("appeal", "within"): N_("To which hosts? You can reach those who hosted recently first."),
    ("appeal", "languages"): N_("Only hosts who speak one of these languages?"),
    ("appeal", "accepts"): N_("Only hosts who accept one of these groups?"),
    ("appeal", "text"): N_(
        "Add a message of your own? It is sent as you write it, under the live figures."
        " Type it, or skip."
    ),
    ("appeal_settings", "appeals"): N_(
        "When beds are short, the dispatchers send urgent appeals to hosts."
        " Do you want to receive them?"
    ),
    ("appeal_settings", "quiet"): N_("Quiet hours: when should appeals never reach you?"),
    ("request", "who"): N_("Who needs a bed tonight?"),
    ("request", "gender"): N_("Woman or man? We ask only to follow our safety rules."),
    ("request", "women"): N_("How many women (18 or older) are in your group, you included?"),
    ("request", "men"): N_("How many men (18 or older) are in your group, you included?"),
    ("*", "children"): N_("How many children (under 18)?"),
    ("*", "ages"): N_("How old are the children, roughly? Choose all that apply, then press Done."),
    ("request", "site"): N_("Where are you tonight?"),
    ("request", "needs"): N_("Do you need any of these? We do not need any details."),
    ("request", "alias"): N_(
        "What name should we use for you? A first name or a nickname is enough."
    ),
    ("request", "confirm"): N_("Shall I send your request?"),
    ("walkin", "alias"): N_(
        "Walk-in intake. First name or nickname of the person or group contact?"
    ),
    ("walkin", "who"): N_("Is the person alone or with others?"),
    ("walkin", "gender"): N_("Woman or man?"),
    ("walkin", "women"): N_("How many women (18 or older)?"),
    ("walkin", "men"): N_("How many men (18 or older)?"),
    ("walkin", "site"): N_("At which place?"),
    ("walkin", "languages"): N_("Which languages do they speak? Choose, then press Done."),
    ("walkin", "needs"): N_("Any of these needs?"),
    ("walkin", "confirm"): N_("Register this group for tonight?"),
    ("*", "site_name"): N_("What is the site called? Usually its city, for example Liège."),
    ("*", "timezone"): N_(
        "In which time zone is the site? Choose one, or type its name (for example Europe/Lisbon)."
    ),
    ("*", "cutoff"): N_(
        "What is the evening cut-off, in local time? Offers and requests close then. "
        "Choose a time or type one (for example 19:30)."
    ),
    ("*", "evening_end"): N_(
        "When does the evening end, in local time? After it, a new request or offer is for "
        "the next night. Choose a time or type one (for example 23:00)."
    ),
    ("*", "meeting_point"): N_(
        "What is the meeting point called? For example: Central Station, main hall."
    ),
    ("*", "address"): N_("What is the meeting point's public address? You can skip this question."),
    ("*", "location"): N_(
        "Where exactly is the meeting point? Share its location (📎 → Location), or type its "
        "latitude and longitude, for example 50.8466, 4.3528. You can skip this question."
    ),
    ("site", "confirm"): N_("Shall I create this site?"),
    ("site_text", "text_kind"): N_("Which text do you want to write?"),
    ("site_text", "text_locale"): N_("In which language?"),
    ("site_text", "text_body"): N_(
        "Type the text as people will read it (1,000 characters at most). "
        "It replaces the current one."
    ),
    ("sign", "sign"): N_(
        "How will your guests recognise you tonight? A few words, for example: red coat, "
        "grey cap. Nothing that says where you live."
    ),
    ("ride_address", "address"): N_(
        "Where should the driver bring your guests tonight? Type your address: street, number, "
        "doorbell. Only the driver who takes the ride will see it, and it is deleted after "
        "tonight."
    ),
    ("ride_code", "code"): N_("Type the pickup code your guests tell you."),
    ("slots", "site"): N_("Meeting slots: for which site?"),
    ("slots", "slot_minutes"): N_(
        "How many minutes should each meeting slot last? Hosts are given times on this grid."
    ),
    ("slots", "per_slot"): N_(
        "How many meetings at most in one slot, so the meeting point is not crowded?"
    ),
    ("help_place", "site"): N_("Help nearby: for which site?"),
    ("help_place", "category"): N_("What kind of help does this place give?"),
    ("help_place", "name_fr"): N_(
        "The name of the place and a few words about it, in French, as guests will read them."
    ),
    ("help_place", "name_nl"): N_("The same in Dutch."),
    ("help_place", "name_en"): N_("The same in English."),
    ("help_place", "name_ar"): N_("The same in Arabic."),
    ("help_place", "hours"): N_("Its opening hours, for example: Mon–Fri 9:00–17:00."),
    ("help_place", "pin"): N_(
        "Where is it? Share its location (📎 → Location), or type its latitude and longitude, "
        "for example 50.8466, 4.3528."
    ),
}

OPTION_LABELS: dict[tuple[str, str], str] = {
    ("category", "medical"): N_("🩺 Medical care"),
    ("category", "legal"): N_("⚖️ Legal advice"),
    ("category", "food"): N_("🍲 Food"),
    ("category", "showers"): N_("🚿 Showers"),
    ("category", "charging"): N_("🔌 Charge a phone"),
    ("charter", "accept"): N_("✅ I accept the charter"),
    ("household", "single_woman"): N_("A woman living alone"),
    ("household", "single_man"): N_("A man living alone"),
    ("household", "couple"): N_("A couple"),
    ("household", "family"): N_("A family with children"),
    ("household", "shared_flat"): N_("A shared flat"),
    ("accepts", "men"): N_("Single men"),
    ("accepts", "women"): N_("Single women"),
    ("accepts", "mothers"): N_("Women with children"),
    ("accepts", "families"): N_("Families"),
    ("accepts", "couples"): N_("Couples"),
    ("step_free", "yes"): N_("Yes"),
    ("step_free", "no"): N_("No"),
    ("pets", "yes"): N_("Yes"),
    ("pets", "no"): N_("No"),
    ("can_fetch", "yes"): N_("Yes, I come myself"),
    ("can_fetch", "no"): N_("No, I need a driver"),
    ("confirm", "confirm"): N_("✅ Confirm"),
    ("who", "woman"): N_("👩 Me, a woman alone"),
    ("who", "man"): N_("👨 Me, a man alone"),
    ("who", "group"): N_("Me and other people (family, friends)"),
    ("who", "minor"): N_("I am under 18 and alone"),
    ("gender", "woman"): N_("Woman"),
    ("gender", "man"): N_("Man"),
    ("ages", "0-2"): N_("Babies (0–2)"),
    ("ages", "3-11"): N_("Children (3–11)"),
    ("ages", "12-17"): N_("Teenagers (12–17)"),
    ("needs", "step_free"): N_("Step-free access (no stairs)"),
    ("needs", "medical"): N_("A medical need"),
    ("text_kind", "name"): N_("Name of the site"),
    ("text_kind", "alternatives"): N_("Emergency alternatives"),
    ("text_kind", "minors"): N_("Service for unaccompanied minors"),
    ("audience", "hosts"): N_("🏠 Hosts"),
    ("audience", "drivers"): N_("🚗 Drivers"),
    ("audience", "both"): N_("🏠🚗 Hosts and drivers"),
    ("within", "any"): N_("All hosts"),
    ("within", "7"): N_("Hosts who hosted in the last 7 days"),
    ("within", "30"): N_("Hosts who hosted in the last 30 days"),
    ("appeals", "yes"): N_("Yes, send me appeals"),
    ("appeals", "no"): N_("No appeals, thank you"),
    ("quiet", "none"): N_("Any time"),
    ("quiet", "21-08"): N_("Not between 21:00 and 08:00"),
    ("quiet", "22-08"): N_("Not between 22:00 and 08:00"),
    ("quiet", "23-07"): N_("Not between 23:00 and 07:00"),
}

# Where the same option reads differently in one form (a dispatcher, not the guest, answers).
FORM_OPTION_LABELS: dict[tuple[str, str, str], str] = {
    ("walkin", "who", "alone"): N_("Alone"),
    ("walkin", "who", "group"): N_("With others (family, friends)"),
    ("offer", "confirm", "confirm"): N_("✅ Publish my offer"),
    ("request", "confirm", "confirm"): N_("✅ Send my request"),
    ("walkin", "confirm", "confirm"): N_("✅ Register the group"),
    ("site", "confirm", "confirm"): N_("✅ Create the site"),
}

# A rule across questions re-asks the question just answered, saying which rule it broke.
FIELD_PROBLEMS: dict[tuple[str, Problem], str] = {
    ("site_name", Problem.NOT_AN_OPTION): N_(
        "Another site already has this name. Please choose another one."
    ),
    ("cutoff", Problem.OUT_OF_RANGE): N_(
        "The cut-off must be earlier than the end of the evening. Please choose an earlier time."
    ),
    ("evening_end", Problem.OUT_OF_RANGE): N_(
        "The end of the evening must be later than the cut-off. Please choose a later time."
    ),
}

# An optional multiple choice with nothing ticked offers its own "no" instead of "press Done".
NOTHING_TICKED: dict[tuple[str, str], str] = {
    ("request", "needs"): N_("No"),
    ("walkin", "needs"): N_("No"),
    ("appeal", "languages"): N_("Any language"),
    ("appeal", "accepts"): N_("Any host"),
}

# The drivers' forms keep their words in their own module.
PROMPTS |= driver_form_texts.PROMPTS
OPTION_LABELS |= driver_form_texts.OPTION_LABELS
FORM_OPTION_LABELS |= driver_form_texts.FORM_OPTION_LABELS
FIELD_PROBLEMS |= driver_form_texts.FIELD_PROBLEMS

DONE = N_("✔️ Done")
SKIP = N_("⏭ Skip")
BACK = N_("↩️ Back")
CANCEL = N_("✖️ Cancel")
