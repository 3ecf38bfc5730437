"""The outbox sender: render each notice in its recipient's language, send it exactly once.

Sending runs in the background (one courier per application), so a handler that queued a
notice, or the tick, never waits for Telegram; chats are served in parallel, so one slow or
failing chat holds up nobody else, and each chat's notices keep their order. A notice is
claimed just before its request leaves: a crash can only lose the few sends in flight.
A 429, a 5xx or a timeout means Telegram did not deliver it: it is sent again after a pause,
for as long as the night's notice still matters (NOTICE_LIFETIME), never given up sooner.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot import (
    keyboards_round,
    render_board,
    render_incidents,
    render_privacy,
    render_roles,
    render_round,
    render_vetting,
)
from bot.context import BotContext
from bot.i18n import Translator, resolve_locale
from dispatch.models import HostStatus
from handlers.courier import courier_for
from handlers.sites import alternatives_for
from storage.outbox import Notice

log = logging.getLogger(__name__)
DELIVERY_INTERVAL_SECONDS = 2
BATCH = 60
CHATS_IN_PARALLEL = 8
RETRY_CAP_SECONDS = 60
NOTICE_LIFETIME = timedelta(hours=6)  # past the end of the evening, a notice is stale


async def deliver_outbox(context: BotContext) -> int:
    """Start sending what is due and return at once (0); without a running application
    (a script, a unit test) send now and return how many went out."""
    application = context.application
    if not application.running:
        return await send_due(context)
    courier_for(application, "outbox").kick(application, lambda: send_due(BotContext(application)))
    return 0


async def delivered(application: Any) -> None:
    """Wait until every notice due now has been sent (the demo reads what people got)."""
    await courier_for(application, "outbox").idle()


async def send_due(context: BotContext) -> int:
    """Send every due notice: chats in parallel, each chat's notices in order."""
    slots, sent = asyncio.Semaphore(CHATS_IN_PARALLEL), 0

    async def one_chat(notices: list[Notice]) -> int:
        async with slots:
            done = 0
            for notice in notices:
                outcome = await _deliver(context, notice)
                if outcome < 0:
                    break  # this chat is failing now: keep its later notices in order
                done += outcome
            return done

    while True:
        due = await context.store.outbox.due(context.now(), BATCH)
        chats: dict[int, list[Notice]] = {}
        for notice in due:
            chats.setdefault(notice.chat_id, []).append(notice)
        sent += sum(await asyncio.gather(*(one_chat(n) for n in chats.values())))
        if len(due) < BATCH:
            return sent


async def _deliver(context: BotContext, notice: Notice) -> int:
    """1 sent, 0 nothing to send, -1 not sent now (it will be retried)."""
    store = context.store
    try:
        rendered = await render_notice(context, notice)
    except LookupError:
        await store.outbox.failed(notice.id, "gone", context.now())
        return 0
    if rendered is None:
        await store.outbox.sent(notice.id, None, context.now())
        return 0
    if not await store.outbox.claim(notice.id):
        return 0  # another sender took it
    delivered = await _send(context, notice, *rendered)
    if delivered > 0 and notice.kind in ("match_host", "match_guest"):
        await _send_pin(context, notice)
    return delivered


async def _send_pin(context: BotContext, notice: Notice) -> None:
    """The meeting point as a venue pin under the notice; best effort, the text says it all."""
    match = await context.store.evening.view(int(notice.payload["match"]))
    site = await context.store.sites.get(match.site_id) if match else None
    if site is None or site.latitude is None or site.longitude is None:
        return
    try:
        await context.bot.send_venue(
            notice.chat_id,
            site.latitude,
            site.longitude,
            title=site.meeting_point_name or site.name,
            address=site.meeting_point_address or site.name,
        )
    except TelegramError as error:
        log.warning("venue pin for notice %s failed: %s", notice.id, type(error).__name__)


async def _send(
    context: BotContext, notice: Notice, text: str, markup: InlineKeyboardMarkup | None
) -> int:
    store = context.store
    try:
        message = await context.bot.send_message(notice.chat_id, text, reply_markup=markup)
    except Forbidden:
        await store.users.mark_unreachable(notice.chat_id)
        await store.outbox.failed(notice.id, "forbidden", context.now())
        return 0
    except RetryAfter as error:  # refused, so not delivered: after the pause Telegram asks for
        wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        return await _later(context, notice, seconds, "429")
    except BadRequest as error:
        log.warning("notice %s refused: %s", notice.id, error.message)
        await store.outbox.failed(notice.id, "bad request", context.now())
        return 0
    except NetworkError as error:  # a 5xx or no answer: Telegram did not deliver it
        return await _later(context, notice, backoff(notice.attempts), type(error).__name__)
    except TelegramError as error:
        log.warning("notice %s failed: %s", notice.id, type(error).__name__)
        await store.outbox.failed(notice.id, type(error).__name__, context.now())
        return 0
    except Exception:
        log.exception("notice %s", notice.id)
        return await _later(context, notice, backoff(notice.attempts), "unexpected")
    await store.outbox.sent(notice.id, message.message_id, context.now())
    return 1


def backoff(attempts: int) -> float:
    """Seconds before the next try: 2, 4, 8 ... capped at a minute."""
    return float(min(RETRY_CAP_SECONDS, 2 ** min(attempts, 6)))


async def _later(context: BotContext, notice: Notice, seconds: float, error: str) -> int:
    """Try again after `seconds`, unless the notice has outlived its evening."""
    now = context.now()
    if notice.created_at is not None and now - notice.created_at > NOTICE_LIFETIME:
        log.warning("notice %s given up after %d attempts: %s", notice.id, notice.attempts, error)
        await context.store.outbox.failed(notice.id, f"expired after {error}", now)
    else:
        await context.store.outbox.retry_at(notice.id, now + timedelta(seconds=seconds), error)
    return -1


async def translator_for(context: BotContext, chat_id: int) -> Translator:
    """Jobs have no update: each recipient's saved language is looked up."""
    account = await context.store.users.get(chat_id)
    locale = resolve_locale(
        account.locale if account else None, None, context.config.default_locale
    )
    return context.bot_data.translators[locale]


async def render_notice(
    context: BotContext, notice: Notice
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """The text and buttons of one notice; None when it no longer needs sending."""
    t = await translator_for(context, notice.chat_id)
    store = context.store
    if notice.kind == "waiting":
        request_id = int(notice.payload["request"])
        return await _waiting(context, t, request_id)
    if notice.kind == "vetting":
        return await _vetting(context, t, notice.payload), None
    if notice.kind == "role_granted":
        granted = notice.payload.get("site")
        names = {s.id: s.name for s in await store.sites.all()}
        where = render_roles.where(t, int(granted) if granted is not None else None, names)
        return render_roles.welcome_dispatcher(t, where), None
    if notice.kind == "role_removed":
        return render_roles.role_removed(t), None
    if notice.kind == "taken_out":
        return render_board.to_host_taken_out(t), None
    if notice.kind == "guest_gone":  # the match was erased with the guest: only the night is left
        night = date.fromisoformat(str(notice.payload["night"]))
        return render_privacy.to_host_guest_gone(t, night), None
    if notice.kind == "blocked":
        return render_incidents.to_blocked(t), None
    if notice.kind == "unblocked":
        return render_incidents.to_unblocked(t), None
    match = await store.evening.view(int(notice.payload["match"]))
    if match is None:
        raise LookupError(notice.kind)
    site = await store.sites.get(match.site_id)
    if site is None:
        raise LookupError("site")
    if notice.kind == "match_host":
        minutes = int(context.bot_data.confirmation_window.total_seconds() // 60)
        return (
            render_round.to_host(t, match, site, minutes),
            keyboards_round.proposal(t, match.id),
        )
    if notice.kind == "match_guest":
        if match.walk_in:
            return render_round.to_registering_dispatcher(t, match, site), None
        return render_round.to_guest(t, match, site), None
    if notice.kind == "moved_away":
        return render_board.to_host_moved_away(t, match.alias), None
    if notice.kind == "host_changed":
        return render_board.to_guest_host_changed(t), None
    if notice.kind == "cancelled":
        return render_round.cancelled_by_guest(t, match.alias), None
    if notice.kind == "expired":
        minutes = int(context.bot_data.confirmation_window.total_seconds() // 60)
        return render_round.expired(t, minutes), None
    if notice.kind == "stay":
        side = str(notice.payload["side"])
        text = (
            render_round.stay_host(t, match)
            if side == "host"
            else render_round.stay_guest(t, match, site)
        )
        return text, keyboards_round.stop_stay(t, match.id)
    if notice.kind == "feedback":
        side = str(notice.payload["side"])
        name = match.alias if side == "host" else match.host_name
        return (
            render_round.feedback_question(t, name),
            keyboards_round.feedback(t, match.id, side),
        )
    raise LookupError(notice.kind)


async def _vetting(context: BotContext, t: Translator, payload: dict[str, object]) -> str:
    reason = await context.store.vetting.reason(int(str(payload["host"])))
    return render_vetting.to_host(
        t, HostStatus(str(payload["status"])), HostStatus(str(payload["was"])), reason
    )


async def _waiting(
    context: BotContext, t: Translator, request_id: int
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    request = await context.store.requests.by_id(request_id)
    if request is None or request.status.value != "waiting":
        return None  # matched or withdrawn meanwhile: nothing to say
    if request.walkin_code:
        return render_round.waiting_walk_in(t, request.alias), None
    site = await context.store.sites.get(request.site_id)
    if site is None:
        return None
    return render_round.waiting(t, await alternatives_for(context, site, t)), None
