"""Texts and buttons of an urgent appeal: what each host reads in their own language, and the
progress the dispatcher watches while it goes out."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from dispatch.appeals import Appeal, AppealProgress, AppealStatus
from views.appeal_keys import AppealBeds, AppealOptOut

BED_CHOICES = (1, 2, 3, 4)


def appeal_text(t: Translator, appeal: Appeal, site_name: str) -> str:
    """The headline with the live figures, the dispatchers' note as written, the invitation."""
    site = escape(site_name)
    if appeal.children:
        children = t.ngettext("{count} child", "{count} children", appeal.children)
        headline = t.ngettext(
            "🆘 <b>{count} person, including {children}, still needs a bed tonight at {site}.</b>",
            "🆘 <b>{count} people, including {children}, still need a bed tonight at {site}.</b>",
            appeal.people,
            children=children,
            site=site,
        )
    else:
        headline = t.ngettext(
            "🆘 <b>{count} person still needs a bed tonight at {site}.</b>",
            "🆘 <b>{count} people still need a bed tonight at {site}.</b>",
            appeal.people,
            site=site,
        )
    question = t.gettext(
        "Can you take someone in tonight? One tap tells the dispatchers how many; "
        "they will confirm with you before anyone comes."
    )
    return with_note(t, headline, appeal, question)


def with_note(t: Translator, headline: str, appeal: Appeal, question: str) -> str:
    """An appeal as its readers get it (hosts and drivers alike): the headline, the
    dispatchers' note as written when there is one, the question."""
    parts = [headline]
    if appeal.free_text.strip():
        label = t.gettext("From the dispatchers:")
        parts.append(f"<i>{label}</i>\n{escape(appeal.free_text.strip())}")
    parts.append(question)
    return "\n\n".join(parts)


def appeal_keyboard(t: Translator, appeal_id: int) -> InlineKeyboardMarkup:
    """Four one-tap answers (1 to 4 beds), two per row, then the opt-out."""
    beds = [
        InlineKeyboardButton(
            t.ngettext("🏠 I can take {count} tonight", "🏠 I can take {count} tonight", n),
            callback_data=AppealBeds(appeal_id, n).pack(),
        )
        for n in BED_CHOICES
    ]
    optout = InlineKeyboardButton(
        t.gettext("🔕 No more appeals"),
        callback_data=AppealOptOut(appeal_id).pack(),
    )
    return InlineKeyboardMarkup([beds[0:2], beds[2:4], [optout]])


def progress_text(t: Translator, progress: AppealProgress, now: datetime) -> str:
    """Sent of total, what went wrong, the answers so far and, while sending, the time left."""
    lines = [_title(t, progress.status)]
    if progress.drivers:  # an appeal to drivers too
        sent = t.ngettext(
            "Sent: {sent} of {count} person (hosts and drivers)",
            "Sent: {sent} of {count} people (hosts and drivers)",
            progress.total,
            sent=t.number(progress.sent),
        )
    else:
        sent = t.ngettext(
            "Sent: {sent} of {count} host",
            "Sent: {sent} of {count} hosts",
            progress.total,
            sent=t.number(progress.sent),
        )
    lines.append(sent)
    if progress.uncertain:
        lines.append(
            t.ngettext(
                "Interrupted, perhaps delivered: {count}",
                "Interrupted, perhaps delivered: {count}",
                progress.uncertain,
            )
        )
    if progress.failed:
        lines.append(t.ngettext("Failed: {count}", "Failed: {count}", progress.failed))
    if progress.unreachable:
        lines.append(
            t.ngettext("Blocked the bot: {count}", "Blocked the bot: {count}", progress.unreachable)
        )
    if progress.status is AppealStatus.CANCELLED and progress.pending:
        lines.append(t.ngettext("Not sent: {count}", "Not sent: {count}", progress.pending))
    lines.append(_answers(t, progress))
    if progress.status is AppealStatus.SENDING:
        lines.append(_time_left(t, progress.time_left(now)))
    return "\n".join(lines)


def whom(t: Translator, hosts: int, drivers: int) -> str:
    """ "12 hosts", "3 drivers" or "12 hosts and 3 drivers": whom an appeal goes out to."""
    host_part = t.ngettext("{count} host", "{count} hosts", hosts)
    driver_part = t.ngettext("{count} driver", "{count} drivers", drivers)
    if not drivers:
        return host_part
    if not hosts:
        return driver_part
    return t.gettext("{hosts} and {drivers}", hosts=host_part, drivers=driver_part)


def group_started(t: Translator, site_name: str, hosts: int, drivers: int) -> str:
    """One line for the dispatch group when an appeal starts going out (hosts and/or
    drivers)."""
    return t.gettext(
        "🆘 An urgent appeal for {site} is going out to {whom}.",
        site=escape(site_name),
        whom=whom(t, hosts, drivers),
    )


def group_finished(t: Translator, site_name: str, progress: AppealProgress) -> str:
    """One message for the dispatch group when an appeal is done or cancelled."""
    return "\n".join(
        [
            t.gettext("🆘 Urgent appeal for {site}:", site=escape(site_name)),
            progress_text(t, progress, progress.finished_at or progress.created_at),
        ]
    )


def _title(t: Translator, status: AppealStatus) -> str:
    if status is AppealStatus.DONE:
        return t.gettext("✅ <b>Appeal sent: done.</b>")
    if status is AppealStatus.CANCELLED:
        return t.gettext("⏹ <b>Appeal cancelled.</b>")
    return t.gettext("📤 <b>Sending the appeal…</b>")


def _answers(t: Translator, progress: AppealProgress) -> str:
    if not progress.answered:
        return t.gettext("No answer yet.")
    hosts = progress.answered - progress.drivers_answered
    lines = []
    if hosts:
        beds = t.ngettext("{count} bed", "{count} beds", progress.beds_answered)
        lines.append(
            t.ngettext(
                "🙋 {count} host answered, offering {beds}.",
                "🙋 {count} hosts answered, offering {beds}.",
                hosts,
                beds=beds,
            )
        )
    if progress.drivers_answered:
        lines.append(
            t.ngettext(
                "🚗 {count} driver can drive tonight: see the board.",
                "🚗 {count} drivers can drive tonight: see the board.",
                progress.drivers_answered,
            )
        )
    return "\n".join(lines)


def _time_left(t: Translator, left: timedelta | None) -> str:
    if left is None:
        return t.gettext("Time left: estimating…")
    seconds = round(left.total_seconds())
    if seconds >= 90:
        minutes = round(seconds / 60)
        return t.ngettext(
            "Time left: about {count} minute", "Time left: about {count} minutes", minutes
        )
    return t.ngettext(
        "Time left: about {count} second", "Time left: about {count} seconds", seconds
    )
