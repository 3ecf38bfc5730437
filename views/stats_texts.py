"""Texts of the dispatchers' statistics and of the round summary sent to the dispatch group.

Every count goes through ngettext (Arabic has six forms); dates, intervals and shares are
formatted by Babel in the reader's locale. Chart texts carry no HTML and no emoji: they are
drawn, not sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from babel.dates import format_interval, format_skeleton
from babel.numbers import format_percent
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData
from bot.i18n import Translator
from dispatch.stats import DailyFigures, KeyFigures
from views.charts import ChartText


def period(t: Translator, first: date, last: date) -> str:
    return format_interval(first, last, "yMMMd", locale=t.babel_locale)


def short_night(t: Translator, night: date) -> str:
    return format_skeleton("MMMd", night, locale=t.babel_locale)


def chart_text(t: Translator, nights: Sequence[date], shown: int, total: int) -> ChartText:
    note = ""
    if shown < total:
        note = t.ngettext(
            "The {shown} busiest of {count} site are shown.",
            "The {shown} busiest of {count} sites are shown.",
            total,
            shown=t.number(shown),
        )
    return ChartText(
        title=t.ngettext(
            "Beds and people per night, last {count} night",
            "Beds and people per night, last {count} nights",
            len(nights),
        ),
        beds_offered=t.gettext("Beds offered"),
        people_asking=t.gettext("People asking"),
        people_housed=t.gettext("People housed"),
        dates=[short_night(t, night) for night in nights],
        note=note,
        right_to_left=t.right_to_left,
    )


def caption(t: Translator, key: KeyFigures, site_names: Sequence[str], total_sites: int) -> str:
    """The photo's caption: the period, its totals and the latest night (under 1,024 chars)."""
    lines = [
        t.ngettext(
            "📊 <b>Last {count} night</b>, {period}",
            "📊 <b>Last {count} nights</b>, {period}",
            key.nights,
            period=period(t, key.first, key.last),
        ),
        _sites(t, site_names, total_sites),
        "",
        _asked_and_housed(t, key),
        t.ngettext("{count} bed offered in all.", "{count} beds offered in all.", key.beds_offered),
        _left_waiting(t, key.nights_with_waiting, key.nights),
        "",
        latest(t, key.latest),
    ]
    return "\n".join(lines)


def _left_waiting(t: Translator, nights_with_waiting: int, nights: int) -> str:
    """A night count of zero reads as words, not as "0 nights of 30"."""
    if nights_with_waiting == 0:
        return t.ngettext(
            "Nobody was left waiting on that night.",
            "Nobody was left waiting on any of the {count} nights.",
            nights,
        )
    return t.ngettext(
        "People were left waiting on {count} night of {nights}.",
        "People were left waiting on {count} nights of {nights}.",
        nights_with_waiting,
        nights=t.number(nights),
    )


def _sites(t: Translator, names: Sequence[str], total: int) -> str:
    listed = escape(", ".join(names))
    if len(names) >= total:
        return listed
    more = t.ngettext(
        "the {shown} busiest of {count} site",
        "the {shown} busiest of {count} sites",
        total,
        shown=t.number(len(names)),
    )
    return t.gettext("{sites} ({which})", sites=listed, which=more)


def _asked_and_housed(t: Translator, key: KeyFigures) -> str:
    asked = t.ngettext(
        "{count} person asked for a bed (counted each night)",
        "{count} people asked for a bed (counted each night)",
        key.people_asking,
    )
    housed = t.ngettext("{count} was housed", "{count} were housed", key.people_housed)
    if key.share_housed is None:
        return t.gettext("{asked}; {housed}.", asked=asked, housed=housed)
    share = format_percent(key.share_housed, locale=t.babel_locale)
    return t.gettext("{asked}; {housed} ({share}).", asked=asked, housed=housed, share=share)


def latest(t: Translator, figures: DailyFigures) -> str:
    """One night in a line: what was offered, who asked, who was housed, who still waits."""
    return t.gettext(
        "<b>{night}</b>: {beds}, {asking}, {housed}, {waiting}.",
        night=t.date(figures.night, "medium"),
        beds=t.ngettext("{count} bed offered", "{count} beds offered", figures.beds_offered),
        asking=t.ngettext("{count} person asking", "{count} people asking", figures.people_asking),
        housed=t.ngettext("{count} housed", "{count} housed", figures.people_housed),
        waiting=t.ngettext("{count} waiting", "{count} waiting", figures.people_waiting),
    )


@dataclass(frozen=True)
class StatsCsv(CallbackData, prefix="stats:csv"):
    """Kept beside its texts: the statistics' only button, carrying no ids at all (the
    presser's own sites are looked up again)."""


def csv_keyboard(t: Translator) -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(
        t.gettext("⬇️ Daily figures (CSV)"), callback_data=StatsCsv().pack()
    )
    return InlineKeyboardMarkup([[button]])


def csv_caption(t: Translator, first: date, last: date) -> str:
    return t.gettext(
        "Daily figures per site, {period}. Counts only: no names, no personal data.",
        period=period(t, first, last),
    )


def round_summary(
    t: Translator, site_name: str, night: date, figures: DailyFigures, matched: int
) -> str:
    """For the dispatch group, when a round closes: where the evening stands."""
    lines = [
        t.gettext(
            "🌙 <b>Round closed</b>: {site}, {night}",
            site=escape(site_name),
            night=t.date(night, "medium"),
        ),
        t.ngettext("{count} bed offered", "{count} beds offered", figures.beds_offered),
        t.ngettext("{count} person asking", "{count} people asking", figures.people_asking),
        t.ngettext("{count} person matched so far", "{count} people matched so far", matched),
        t.ngettext(
            "{count} person still waiting", "{count} people still waiting", figures.people_waiting
        ),
    ]
    return "\n".join(lines)
