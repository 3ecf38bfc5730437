"""The outbox sender: render each notice in its recipient's language and send it.

Sending runs in the background (one courier per application), so a handler that queued a
notice, or the tick, never waits for Telegram; chats are served in parallel, so one slow or
failing chat holds up nobody else, and each chat's notices keep their order. A notice is
claimed when its request leaves, after the rate limiter let it through (bot/retrying.LEAVING):
a crash leaves 'sending' only the requests truly in flight, and at the next start each of
those is sent again marked as a repeat, or kept at most once, as its kind says.
A 429, a 5xx or a timeout means Telegram did not deliver it: it is sent again after a pause,
for as long as the night's notice still matters (NOTICE_LIFETIME), never given up sooner.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.context import App, BotContext, BotData
from bot.i18n import Translator
from bot.retrying import LEAVING, NotClaimed
from dispatch.notices import MatchGuest, MatchHost
from jobs.courier import courier_for
from storage.outbox import Notice
from views import delivery_texts, notices

log = logging.getLogger(__name__)
DELIVERY_INTERVAL_SECONDS = 2
BATCH = 60
CHATS_IN_PARALLEL = 8
RETRY_CAP_SECONDS = 60
NOTICE_LIFETIME = timedelta(hours=6)  # past the end of the evening, a notice is stale


async def deliver_outbox(context: BotContext) -> int:
    """Start sending what is due and return at once (0); without a running application
    (a script, a unit test) send now and return how many went out."""
    application = context.app
    if not application.running:
        return await send_due(context)
    courier_for(application, "outbox").kick(application, lambda: send_due(BotContext(application)))
    return 0


async def delivered(application: App) -> None:
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


async def recover_interrupted(data: BotData) -> None:
    """At start-up: what a crash cut short is sent again (marked) or kept at most once."""
    again, once = await data.store.outbox.recover_interrupted(data.clock())
    if again or once:
        log.warning("%d interrupted notices are sent again, %d perhaps delivered", again, once)


async def _deliver(context: BotContext, notice: Notice) -> int:
    """1 sent, 0 nothing to send, -1 not sent now (it will be retried)."""
    store = context.store
    if notice.payload is None:
        await store.outbox.failed(notice.id, "unreadable", context.now())
        return 0
    t = await context.bot_data.translator_of(notice.chat_id)
    try:
        rendered = await notices.render(context, t, notice.payload)
    except LookupError:
        await store.outbox.failed(notice.id, "gone", context.now())
        return 0
    if rendered is None:
        await store.outbox.sent(notice.id, None, context.now())
        return 0
    text, markup = rendered
    if notice.repeats:
        text = delivery_texts.repeated(t, text)
    delivered = await _send(context, notice, text, markup)
    if delivered > 0 and isinstance(notice.payload, MatchHost | MatchGuest):
        await _send_pin(context, notice.chat_id, notice.payload.match)
    return delivered


async def _send_pin(context: BotContext, chat_id: int, match_id: int) -> None:
    """The meeting point as a venue pin under the notice; best effort, the text says it all."""
    match = await context.store.evening.view(match_id)
    site = await context.store.sites.get(match.site_id) if match else None
    if site is None or site.latitude is None or site.longitude is None:
        return
    try:
        await context.bot.send_venue(
            chat_id,
            site.latitude,
            site.longitude,
            title=site.meeting_point_name or site.name,
            address=site.meeting_point_address or site.name,
        )
    except TelegramError as error:
        log.warning("venue pin for match %s failed: %s", match_id, type(error).__name__)


async def _send(
    context: BotContext, notice: Notice, text: str, markup: InlineKeyboardMarkup | None
) -> int:
    store = context.store
    token = LEAVING.set(lambda: store.outbox.claim(notice.id))
    try:
        message = await context.bot.send_message(notice.chat_id, text, reply_markup=markup)
    except NotClaimed:
        return 0  # another sender took it
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
    finally:
        LEAVING.reset(token)
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
    """Jobs have no update: each recipient's language is looked up (BotData.translator_for)."""
    return await context.bot_data.translator_of(chat_id)
