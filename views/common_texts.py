"""The texts of the first slice, rendered in one user's language (HTML parse mode).

Values that come from users are escaped here, once, before they reach a template.
"""

from __future__ import annotations

from html import escape

from bot.i18n import N_, Translator, Translators
from dispatch.locales import NATIVE_NAMES, SUPPORTED_LOCALES

EMERGENCY_NUMBER = "112"

# The command menu, in the order Telegram shows it; descriptions are translated per language.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("Begin, or choose what you want to do")),
    ("status", N_("Where I stand tonight")),
    ("language", N_("Change the language")),
    ("help", N_("What this bot can do")),
    ("nearby", N_("Help nearby: care, food, showers, legal advice")),
    ("drive", N_("Drive guests to their host: register, tonight's shift")),
    ("report", N_("Report a problem to the dispatchers")),
    ("cancel", N_("Stop what you are doing")),
    ("mydata", N_("See everything we keep about me")),
    ("forget", N_("Erase my data")),
)


def bot_description(t: Translator) -> str:
    return t.gettext(
        "This bot connects people who need a bed tonight with citizens who offer one. "
        "Hosts offer beds in a few taps; guests ask for a bed in their own language. "
        "No address is ever shared through the bot. Press Start to begin."
    )


def bot_short_description(t: Translator) -> str:
    return t.gettext("A bed for tonight: hosts offer, guests ask, volunteers match.")


def language_prompt(translators: Translators) -> str:
    """Asked before we know the language, so it is written in all of them at once."""
    lines = [translators[code].gettext("Choose your language") for code in SUPPORTED_LOCALES]
    return "🌐 " + "\n".join(lines)


def language_saved(t: Translator) -> str:
    return t.gettext("Language saved: {language}.", language=NATIVE_NAMES[t.locale])


def welcome(t: Translator) -> str:
    return t.gettext("<b>Welcome.</b> What would you like to do?")


def host_intro(t: Translator) -> str:
    return t.gettext(
        "<b>Thank you for opening your home.</b>\n\n"
        "How hosting works:\n"
        "1. You register once and accept the hosting charter.\n"
        "2. A dispatcher checks your profile and approves it.\n"
        "3. On an evening when you have room, you offer beds in a few taps, before the cut-off.\n"
        "4. You receive your guests' first names, a meeting point, a time and a pickup code.\n\n"
        "Your address is never shared through this bot."
    )


def dispatcher_intro(t: Translator, people: int) -> str:
    heading = t.gettext("<b>Dispatch</b>")
    count = t.ngettext(
        "{count} person has written to the bot so far.",
        "{count} people have written to the bot so far.",
        people,
    )
    return f"{heading}\n\n{count}"


HOST_COMMANDS: tuple[tuple[str, str], ...] = (
    ("offer", N_("Offer beds for tonight")),
    ("profile", N_("Your host profile")),
    ("appeals", N_("Urgent appeals: receive them or not, quiet hours")),
)
DISPATCHER_COMMANDS: tuple[tuple[str, str], ...] = (
    ("board", N_("Tonight's board: figures, lists, corrections")),
    ("walkin", N_("Register a group at the meeting point")),
    ("appeal", N_("Send an urgent appeal to hosts")),
    ("vetting", N_("Hosts waiting for approval")),
    ("hosts", N_("Find a host; suspend or reinstate")),
    ("drivers", N_("Drivers of a site: approve, suspend, tonight's shifts")),
    ("close", N_("Close tonight's round now")),
    ("slots", N_("Meeting times: slot length, meetings per slot")),
    ("ride", N_("A ride, its driver, and moving it to another: /ride NUMBER")),
    ("directory", N_("Help nearby: the site's directory")),
    ("incidents", N_("Problems reported by hosts and guests")),
    ("block", N_("Block someone: /block USER_ID reason")),
    ("unblock", N_("Restore someone's access: /unblock USER_ID")),
    ("stats", N_("Chart and daily figures of the last nights")),
    ("sites", N_("Sites, meeting points and their texts")),
    ("dispatchers", N_("Name or remove dispatchers (admins)")),
)


def help_text(t: Translator, *, host: bool = False, dispatcher: bool = False) -> str:
    """Everyone's commands, then those of the roles this person holds."""
    commands = list(COMMANDS)
    commands += HOST_COMMANDS if host else ()
    commands += DISPATCHER_COMMANDS if dispatcher else ()
    lines = [t.gettext("<b>What I can do</b>"), ""]
    lines += [f"{t.isolate('/' + name)} – {t.gettext(text)}" for name, text in commands]
    lines += ["", in_danger(t)]
    return "\n".join(lines)


def unknown_command(t: Translator, command: str, *, host: bool, dispatcher: bool) -> str:
    intro = t.gettext("I do not know the command {command}.", command=escape(command))
    return f"{intro}\n\n{help_text(t, host=host, dispatcher=dispatcher)}"


def free_text(t: Translator) -> str:
    return t.gettext(
        "I work with buttons and a few commands. "
        "Send /start to begin, or /help to see everything I can do."
    )


def not_text(t: Translator) -> str:
    return t.gettext("I can only read text and buttons here. Send /start to begin.")


def nothing_to_cancel(t: Translator) -> str:
    return t.gettext("There is nothing to cancel. Send /start to see what you can do.")


def cancelled(t: Translator) -> str:
    return t.gettext(
        "Stopped. The answers you were giving are deleted; what you had already sent stays "
        "as it was. Send /start to begin again."
    )


def expired_button(t: Translator) -> str:
    return t.gettext("This button is no longer active. Send /start to begin again.")


def not_allowed(t: Translator) -> str:
    return t.gettext("This is reserved for dispatchers.")


def apology(t: Translator) -> str:
    return t.gettext(
        "Sorry, something went wrong on our side. Please try again in a moment, or send /start."
    )


def error_alert(t: Translator, error_name: str) -> str:
    return t.gettext(
        "⚠️ The bot hit an error ({error}) while handling a message. Details are in the logs.",
        error=escape(error_name),
    )


def in_danger(t: Translator) -> str:
    """The emergency number, for wherever someone may be in danger (texts and posters)."""
    return t.gettext("In danger right now? Call {number}.", number=EMERGENCY_NUMBER)
