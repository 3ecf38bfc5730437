"""The meeting's buttons: confirm at another time, "I am here", "how to recognise me"; the
dispatchers' /slots setting (the meeting tick is in jobs/ticks.py).

Each press is re-checked against who pressed it by its use case.
"""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.context import BotContext
from dispatch import ride_forms
from dispatch.forms import Field, Form, Kind
from dispatch.meeting import SlotSettings, latest_instant
from dispatch.permissions import Permission, sites_for
from handlers import forms
from handlers.flows import Flow, FlowRegistry, Labels
from handlers.permits import permitted
from handlers.replies import answer, show
from jobs.alerts import alert_chats
from jobs.delivery import deliver_outbox
from usecases import meeting, rides, stays
from views import (
    common_texts,
    helpdesk_texts,
    meeting_keys,
    meeting_texts,
    notices_rides,
    round_texts,
)
from views.meeting_keys import MeetAt, MeetHere, MeetSign, MeetSlots

SIGN = Form("sign", (Field("sign", Kind.TEXT, max_length=60),))
SLOTS = Form(
    "slots",
    (
        Field("site", Kind.CHOICE, options=lambda _, runtime: runtime["sites"]),
        Field("slot_minutes", Kind.CHOICE, options=("10", "15", "20", "30")),
        Field("per_slot", Kind.CHOICE, options=("1", "2", "3", "4", "6", "8", "10")),
    ),
    autofill_single=frozenset({"site"}),
)


async def slots_pressed(update: Update, context: BotContext, pressed: MeetSlots) -> None:
    if update.effective_user is not None:
        await _slots(update, context, pressed.match_id, update.effective_user.id)


async def at_pressed(update: Update, context: BotContext, pressed: MeetAt) -> None:
    if update.effective_user is not None:
        chosen = pressed.at.strftime("%H:%M")
        await _confirm_at(update, context, pressed.match_id, update.effective_user.id, chosen)


async def here_pressed(update: Update, context: BotContext, pressed: MeetHere) -> None:
    if update.effective_user is not None:
        await _here(update, context, pressed.match_id, update.effective_user.id)


async def sign_pressed(update: Update, context: BotContext, pressed: MeetSign) -> None:
    user = update.effective_user
    found = await meeting.card(context.store, pressed.match_id)
    if user and found and found.meeting and found.meeting.comer_user_id == user.id:
        await forms.begin(update, context, SIGN.name, {"match": pressed.match_id})
    else:
        await answer(update, common_texts.expired_button(context.t), alert=True)


async def _slots(update: Update, context: BotContext, match_id: int, user_id: int) -> None:
    """The free times a host may choose, as buttons."""
    times = await meeting.slot_choices(context.store, match_id, user_id, context.now())
    found = await meeting.card(context.store, match_id)
    mine = found is not None and found.match.host_user_id == user_id
    if not times and mine and found is not None and found.meeting is not None:
        await show(update, *meeting_keys.host_view(context.t, found))  # already confirmed
        return
    if not times or found is None:
        await show(update, meeting_texts.no_slot_left(context.t))
        return
    site, t = found.site, context.t
    latest = latest_instant(
        found.match.night, found.match.latest_pickup, site.cutoff, site.zone
    ).time()
    labels = [(meeting_texts.local_time(t, s, site), s.astimezone(site.zone).time()) for s in times]
    await show(
        update,
        meeting_texts.choose_slot(t, found.match, latest),
        meeting_keys.slots(t, match_id, labels),
    )


async def _confirm_at(
    update: Update, context: BotContext, match_id: int, user_id: int, chosen: str
) -> None:
    result = await meeting.confirm(
        context.store, match_id, user_id, context.now(), alert_chats(context), chosen
    )
    await show_answer(update, context, result)


async def show_answer(update: Update, context: BotContext, result: stays.StayAnswer) -> None:
    """A Confirm's answer: the meeting card with the code, which stays in the message."""
    found = await meeting.card(context.store, result.match.id) if result.match else None
    confirmed = (stays.Answer.CONFIRMED, stays.Answer.ALREADY_CONFIRMED)
    if result.answer not in confirmed or found is None or found.meeting is None:
        await show(update, round_texts.no_longer_open(context.t))
        return
    await show(update, *meeting_keys.host_view(context.t, found))
    await deliver_outbox(context)
    if await rides.needs_address(context.store, found.match.id):
        await forms.begin_below(update, context, ride_forms.ADDRESS.name, {"match": found.match.id})


async def _here(update: Update, context: BotContext, match_id: int, user_id: int) -> None:
    arrival = await meeting.arrive(
        context.store, match_id, user_id, context.now(), alert_chats(context)
    )
    t = context.t
    if arrival is meeting.Arrival.NOT_YOURS:
        await answer(update, common_texts.expired_button(t), alert=True)
        return
    text = (
        meeting_texts.here_noted(t)
        if arrival is meeting.Arrival.RECORDED
        else (meeting_texts.here_already(t))
    )
    await answer(update, text, alert=True)
    await deliver_outbox(context)


async def _complete_sign(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    match_id = int(answers["match"])
    saved = await meeting.set_sign(
        context.store, match_id, user.id, str(answers["sign"]), context.now()
    )
    found = await meeting.card(context.store, match_id)
    if not saved or found is None or found.meeting is None:
        await show(update, round_texts.no_longer_open(context.t))
        return
    ride = await context.store.rides.by_match(match_id)
    if found.match.host_user_id != user.id and ride is not None:  # the driver: their ride
        text, markup = notices_rides.driver_view(context.t, ride, found.site)
        await show(update, f"{meeting_texts.sign_saved(context.t)}\n\n{text}", markup)
        await deliver_outbox(context)
        return
    text, markup = meeting_keys.host_view(context.t, found)
    await show(update, f"{meeting_texts.sign_saved(context.t)}\n\n{text}", markup)
    await deliver_outbox(context)


async def slots_command(update: Update, context: BotContext) -> None:
    """/slots: how a site spreads its meetings (dispatchers of that site)."""
    sites = await _my_sites(context)
    if not sites:
        await permitted(update, context, Permission.DISPATCH, -1)
        return
    t = context.t
    lines = []
    for site_id, name in sites.items():
        settings = await context.store.meeting.settings(site_id)
        lines.append(helpdesk_texts.slots_now(t, name, settings.minutes, settings.per_slot))
    await show(update, "\n".join(lines))
    await forms.begin(update, context, SLOTS.name)


async def _my_sites(context: BotContext) -> dict[int, str]:
    names = {s.id: s.name for s in await context.store.sites.all()}
    mine = sites_for(context.account, context.config.admin_ids, names)
    return {site_id: names[site_id] for site_id in mine}


async def _slot_sites(context: BotContext) -> tuple[dict[str, tuple[str, ...]], Labels]:
    sites = await _my_sites(context)
    # "s<id>": a site's id must not read as one of the numbers the form offers next.
    return {"sites": tuple(f"s{s}" for s in sites)}, {f"s{s}": n for s, n in sites.items()}


async def _complete_slots(update: Update, context: BotContext, answers: dict[str, Any]) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.drafts.delete(user.id)
    site_id = int(str(answers["site"]).removeprefix("s"))
    if not await permitted(update, context, Permission.DISPATCH, site_id):
        return
    settings = SlotSettings(int(answers["slot_minutes"]), int(answers["per_slot"]))
    await context.store.meeting.set_settings(site_id, settings)
    await context.store.audit.record(
        context.now(),
        user.id,
        "meeting.slots",
        f"site:{site_id}",
        {"minutes": settings.minutes, "per_slot": settings.per_slot},
    )
    site = await context.store.sites.get(site_id)
    name = site.name_in(context.t.locale) if site else ""
    await show(update, helpdesk_texts.slots_saved(context.t, name, *_pair(settings)))


def _pair(settings: SlotSettings) -> tuple[int, int]:
    return settings.minutes, settings.per_slot


def install_flows(registry: FlowRegistry) -> None:
    registry.add(Flow(SIGN, _complete_sign))
    registry.add(Flow(SLOTS, _complete_slots, runtime=_slot_sites))
