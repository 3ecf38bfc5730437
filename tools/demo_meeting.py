"""The demo's last meter: meeting times spread over slots, "I am here" on both sides, a pickup
checked with the code, late pickups raised once, and the guests left without a bed told at the
end of the evening. Read back from the database, as the dispatchers would see it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from bot.app import NightApplication
from bot.context import BotContext
from dispatch.meeting import LATE_AFTER, Meeting
from dispatch.models import MatchStatus
from jobs.delivery import delivered
from jobs.ticks import meeting_tick
from tools.actors import Person
from usecases.meeting_tick import evening_end

Say = Callable[[str], None]
Now = Callable[[datetime], None]


async def meetings(application: NightApplication, hosts: list[Person]) -> list[Meeting]:
    store = application.bot_data.store
    found = []
    for host in hosts:
        night = application.bot_data.clock().date()
        for match_id in await store.meeting.live_for_host(host.user.chat_id, night):
            meeting = await store.meeting.get(match_id)
            if meeting is not None:
                found.append(meeting)
    return found


async def until(person: Person, mark: str) -> None:
    """Read on until a message with this mark arrives (earlier ones were read by the demo)."""
    while mark not in str((await person.reply()).plain_text):
        pass


async def meet_one(host: Person, guest: Person) -> None:
    """Both say "I am here"; the guest says the code, the host types it: the pickup is marked."""
    card = next(m for m in reversed(guest.user.messages) if m.button_data(guest._("📍 I am here")))
    await guest.user.press(guest._("📍 I am here"), message=card)
    await until(host, "📍")  # "… is at the meeting point"
    await host.user.press(host._("📍 I am here"))
    await until(guest, "📍")  # "… is at the meeting point and looking for you"
    await host.user.press(host._("👥 My guests are with me"))
    await until(host, host._("Type the pickup code your guests tell you."))
    await host.user.send(pickup_code(str(card.text)))
    await until(guest, "✅")  # "… checked your code: your pickup is marked"


def pickup_code(text: str) -> str:
    import re

    found: list[str] = re.findall(r"<b>\u2068?([A-Z0-9]{4})\u2069?</b>", text)
    return found[-1]


async def play_meeting(
    application: NightApplication,
    hosts: list[Person],
    guests: list[Person],
    set_now: Now,
    say: Say,
) -> None:
    store, context = application.bot_data.store, BotContext(application)
    [site] = await store.sites.all()
    settings = await store.meeting.settings(site.id)
    booked = await meetings(application, hosts)
    per_slot = Counter(m.meet_at.astimezone(site.zone).strftime("%H:%M") for m in booked)
    crowded = sum(1 for count in per_slot.values() if count > settings.per_slot)
    say(
        f"Meeting times (at most {settings.per_slot} per {settings.minutes}-minute slot): "
        + ", ".join(f"{time} ×{count}" for time, count in sorted(per_slot.items()))
        + f"; {crowded} slot(s) over capacity."
    )
    pair = await _a_pair(application, hosts, guests)
    if pair is not None:
        await meet_one(*pair)
        say(
            f"{pair[1].user.record.first_name} and {pair[0].user.record.first_name} both said "
            "“I am here”; the code was checked and the pickup marked."
        )
    set_now(max(m.meet_at for m in booked) + LATE_AFTER)
    await meeting_tick(context)
    await meeting_tick(context)  # twice: the database decides, nothing is raised twice
    await delivered(application)
    late = sum(1 for m in await meetings(application, hosts) if m.late_at is not None)
    say(f"{late} pickup(s) late by 15 minutes: both sides asked, the dispatchers alerted once.")
    set_now(evening_end(site, booked[0].meet_at.astimezone(site.zone).date()))
    await meeting_tick(context)
    await delivered(application)
    told = [g for g in guests if any("🌙" in str(m.plain_text) for m in g.user.messages)]
    say(f"End of the evening: {len(told)} guest(s) without a bed told so, with help nearby.")


async def _a_pair(
    application: NightApplication, hosts: list[Person], guests: list[Person]
) -> tuple[Person, Person] | None:
    """A host and the guest they confirmed (both speaking to the bot themselves)."""
    store = application.bot_data.store
    by_chat = {guest.user.chat_id: guest for guest in guests}
    for host in hosts:
        night = application.bot_data.clock().date()
        live = await store.meeting.live_for_host(host.user.chat_id, night)
        view = await store.evening.view(live[0]) if len(live) == 1 else None
        if view and view.status is MatchStatus.CONFIRMED and view.guest_chat_id in by_chat:
            return host, by_chat[view.guest_chat_id]
    return None
