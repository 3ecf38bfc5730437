"""Tonight's board of one site as the page reads it: the chat board's queries (figures from one
statement, waiting groups with the rule that blocks each, matches with their reasons, hosts),
as plain JSON in codes and numbers, so one copy serves every dispatcher whatever their language.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from dispatch.board import BoardFigures, BoardState, summarize
from dispatch.board_rides import RideLine, ShiftLine
from dispatch.matching.explain import blocking_reason
from dispatch.matching.model import Group, Place
from dispatch.models import MatchStatus, Site
from dispatch.readmodels import MatchView, OfferLine, WaitingGroup
from storage.store import Store
from usecases.board_rides import tonight_rides

JsonDict = dict[str, Any]


async def board(store: Store, site: Site, night: date, now: datetime) -> JsonDict:
    """Everything the page shows for one site tonight, with a version of its content."""
    local_now = now.astimezone(site.zone).replace(tzinfo=None)
    requests, offers = await store.board.snapshot(site.id, night)
    closed, matched = await store.evening.state(site.id, night)
    groups = {g.id: g for g in await store.evening.groups(site.id, night, include_matched=True)}
    places = await store.evening.places(site.id, night)
    pairs = await store.evening.blocked_pairs(night)
    rows = [
        _waiting(g, groups.get(g.request_id), now, blocking_reason_code(groups, g, places, pairs))
        for g in await store.board.waiting(site.id, night)
    ]
    rows += [
        _matched(view, codes, groups.get(view.request_id), night, local_now)
        for view, codes in await store.board.matches(site.id, night)
    ]
    data: JsonDict = {
        "site": {"id": site.id, "name": site.name, "timezone": site.timezone},
        "night": night.isoformat(),
        "round": {"closed": closed, "matched": matched, "token": round_token(closed, matched)},
        "figures": _figures(summarize(requests, offers, night, local_now)),
        "groups": rows,
        "hosts": [_host(offer) for offer in await store.board.offers(site.id, night)],
    }
    data.update(await _drivers_and_rides(store, site, night, now))
    data["version"] = version_of(data)
    return data


def version_of(data: JsonDict) -> str:
    body = json.dumps({k: v for k, v in data.items() if k != "version"}, sort_keys=True)
    return hashlib.sha1(body.encode()).hexdigest()[:16]


def round_token(closed: bool, matched: bool) -> str:
    return f"{'closed' if closed else 'open'}:{'matched' if matched else 'unmatched'}"


def group_token(match_id: int | None, status: str) -> str:
    """What a dispatcher saw of a group; a move made on an older view is refused (409)."""
    return f"{match_id or 0}:{status}"


def host_token(offer: OfferLine) -> str:
    return f"{offer.offer_id}:{offer.used}"


def blocking_reason_code(
    groups: dict[int, Group],
    waiting: WaitingGroup,
    places: Sequence[Place],
    pairs: frozenset[tuple[int, int]],
) -> str | None:
    """The chat's waiting list's warning: the rule that keeps the group from every free bed."""
    group = groups.get(waiting.request_id)
    reason = blocking_reason(group, places, pairs) if group is not None else None
    return reason.code if reason is not None else None


def _figures(figures: BoardFigures) -> JsonDict:
    return {
        "beds_offered": figures.beds_offered,
        "beds_free": figures.beds_free,
        "hosts": figures.hosts,
        "people_asking": figures.people_asking,
        "groups_asking": figures.groups_asking,
        "by_type": {kind.value: people for kind, people in figures.by_type.items()},
        "people": dict(figures.people),
    }


def _waiting(
    row: WaitingGroup, group: Group | None, now: datetime, blocked: str | None
) -> JsonDict:
    return {
        "id": row.request_id,
        "alias": row.alias,
        "women": row.party.women,
        "men": row.party.men,
        "children": row.party.children,
        "type": group.group_type.value if group is not None else None,
        "languages": sorted(group.languages) if group is not None else [],
        "status": BoardState.WAITING,
        "walk_in": row.walk_in,
        "waited": max(int((now - row.asked_at).total_seconds() // 60), 0),
        "blocked": blocked,
        "host": None,
        "reasons": [],
        "token": group_token(None, BoardState.WAITING),
    }


def _matched(
    view: MatchView, codes: list[str], group: Group | None, night: date, local_now: datetime
) -> JsonDict:
    late = view.status is MatchStatus.CONFIRMED and local_now > datetime.combine(
        night, view.latest_pickup
    )
    return {
        "id": view.request_id,
        "alias": view.alias,
        "women": view.party.women,
        "men": view.party.men,
        "children": view.party.children,
        "type": group.group_type.value if group is not None else None,
        "languages": sorted(view.languages),
        "status": BoardState.NO_SHOW if late else view.status,
        "walk_in": view.walk_in,
        "waited": None,
        "blocked": None,
        "host": view.host_name,
        "reasons": codes,
        "token": group_token(view.id, view.status),
    }


def _host(offer: OfferLine) -> JsonDict:
    return {
        "id": offer.offer_id,
        "name": offer.host_name,
        "phone": offer.phone,
        "beds": offer.beds,
        "used": offer.used,
        "free": max(offer.beds - offer.used, 0),
        "collects_by": offer.latest_pickup.strftime("%H:%M"),
        "token": host_token(offer),
    }


async def _drivers_and_rides(store: Store, site: Site, night: date, now: datetime) -> JsonDict:
    """Tonight's shifts, rides per state, and the rides to act on (without a driver, late,
    refused), each listed once with what is wrong with it."""
    board = await tonight_rides(store, site.id, night, now)
    late = {r.ride_id for r in board.late}
    trouble = {r.ride_id: r for r in (*board.unassigned, *board.late, *board.refused)}
    return {
        "drivers": [_shift(shift) for shift in board.shifts],
        "volunteers": [
            {"id": v.driver_id, "name": v.name, "phone": v.phone} for v in board.volunteers
        ],
        "ride_counts": {status.value: n for status, n in board.counts.items()},
        "rides": [_ride(r, r.ride_id in late, site) for r in trouble.values()],
    }


def _shift(shift: ShiftLine) -> JsonDict:
    return {
        "id": shift.shift_id,
        "name": shift.driver_name,
        "phone": shift.phone,
        "starts": shift.starts.strftime("%H:%M"),
        "ends": shift.ends.strftime("%H:%M"),
        "seats": shift.seats,
        "trips": shift.trips,
        "used": shift.trips_used,
        "left": shift.trips_left,
    }


def _ride(ride: RideLine, late: bool, site: Site) -> JsonDict:
    return {
        "id": ride.ride_id,
        "request": ride.request_id,
        "alias": ride.alias,
        "host": ride.host_name,
        "driver": ride.driver_name,
        "status": ride.status.value,
        "meet_at": ride.meet_at.astimezone(site.zone).strftime("%H:%M") if ride.meet_at else None,
        "late": late,
        "declined": ride.declined,
        "unanswered": ride.unanswered,
    }
