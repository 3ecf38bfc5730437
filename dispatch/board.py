"""Tonight's board: the figures a dispatcher watches, computed from one snapshot of the night.

Each request is counted once, in the furthest state it reached: waiting, proposed to a host,
confirmed by the host, picked up. A confirmed group whose latest pickup time has passed without
the code being entered counts as a no-show, so the dispatcher can phone the host.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from dispatch.groups import GroupType, group_type


class BoardState(StrEnum):
    """The furthest state a request reached tonight, as the board counts it."""

    WAITING = "waiting"
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    PICKED_UP = "picked_up"
    NO_SHOW = "no_show"  # confirmed, and the latest pickup time has passed


@dataclass(frozen=True)
class RequestRow:
    women: int
    men: int
    children: int
    state: BoardState  # never NO_SHOW: the board works that out from the clock
    latest_pickup: time | None = None  # of the host's offer, once matched


@dataclass(frozen=True)
class OfferRow:
    beds: int
    used: int  # beds taken by live matches


@dataclass(frozen=True)
class BoardFigures:
    beds_offered: int = 0
    beds_free: int = 0
    hosts: int = 0
    people_asking: int = 0
    groups_asking: int = 0
    by_type: dict[GroupType, int] = field(default_factory=dict)  # people per group type
    people: dict[BoardState, int] = field(default_factory=dict)  # people per state

    def count(self, state: BoardState) -> int:
        return self.people.get(state, 0)


STATES = tuple(BoardState)


def summarize(
    requests: list[RequestRow], offers: list[OfferRow], night: date, local_now: datetime
) -> BoardFigures:
    """The board's figures at `local_now` (the site's local wall-clock time, naive)."""
    by_type: Counter[GroupType] = Counter()
    people: Counter[BoardState] = Counter()
    for row in requests:
        size = row.women + row.men + row.children
        kind = group_type(row.women, row.men, row.children)
        if kind is not None:
            by_type[kind] += size
        people[_state(row, night, local_now)] += size
    return BoardFigures(
        beds_offered=sum(o.beds for o in offers),
        beds_free=sum(max(o.beds - o.used, 0) for o in offers),
        hosts=len(offers),
        people_asking=sum(people.values()),
        groups_asking=len(requests),
        by_type={kind: by_type[kind] for kind in GroupType if by_type[kind]},
        people={state: people[state] for state in STATES if people[state]},
    )


def _state(row: RequestRow, night: date, local_now: datetime) -> BoardState:
    late = row.latest_pickup is not None and local_now > datetime.combine(night, row.latest_pickup)
    if row.state is BoardState.CONFIRMED and late:
        return BoardState.NO_SHOW
    return row.state
