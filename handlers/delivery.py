"""The outbox sender: render each notice in its recipient's language, send it once."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot import keyboards_round, render_board, render_roles, render_round, render_vetting
from bot.context import BotContext
from bot.i18n import Translator, resolve_locale
from dispatch.models import HostStatus
from handlers.guest import alternatives_for
from storage.outbox import Notice

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
DELIVERY_INTERVAL_SECONDS = 2


async def deliver_outbox(context: BotContext) -> int:
    """Send every due notice; a notice is claimed before sending, so none goes out twice."""
    store, sent = context.store, 0
    for notice in await store.outbox.claim_due(context.now()):
        try:
            rendered = await render_notice(context, notice)
        except LookupError:
            await store.outbox.failed(notice.id, "gone", context.now())
            continue
        if rendered is None:
            await store.outbox.sent(notice.id, None, context.now())
            continue
        delivered = await _send(context, notice, *rendered)
        if delivered and notice.kind in ("match_host", "match_guest"):
            await _send_pin(context, notice)
        sent += delivered
    return sent


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
    store, now = context.store, context.now()
    try:
        message = await context.bot.send_message(notice.chat_id, text, reply_markup=markup)
    except Forbidden:
        await store.users.mark_unreachable(notice.chat_id)
        await store.outbox.failed(notice.id, "forbidden", now)
        return 0
    except RetryAfter as error:
        wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        await store.outbox.retry_at(notice.id, now + timedelta(seconds=seconds), "429")
        return 0
    except BadRequest as error:
        log.warning("notice %s refused: %s", notice.id, error.message)
        await store.outbox.failed(notice.id, "bad request", now)
        return 0
    except NetworkError:
        if notice.attempts >= MAX_ATTEMPTS:
            await store.outbox.failed(notice.id, "network", now)
        else:
            later = now + timedelta(seconds=2**notice.attempts)
            await store.outbox.retry_at(notice.id, later, "network")
        return 0
    await store.outbox.sent(notice.id, message.message_id, now)
    return 1


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
